using IncidentBot.Domain;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>The fields reminders, escalations, resolution and postmortem follow-ups added to an incident (migration 0002).</summary>
public abstract class FollowUpFieldsTests(StorageProvider provider) : StorageTestBase(provider)
{
    [Fact]
    public async Task Insert_ThenFind_RoundTripsEverySnapshotField()
    {
        var incident = Incident.FromSnapshot(EverythingSet());

        await Incidents.ExecuteAsync(async uow =>
        {
            await uow.InsertAsync(incident);
            return 0;
        });

        AssertNoFieldIsDefault(incident.ToSnapshot());
        var loaded = await Incidents.FindAsync(incident.Number);
        Assert.NotNull(loaded);
        Assert.Equal(incident.ToSnapshot(), loaded.ToSnapshot());
    }

    [Fact]
    public async Task Save_ThenFind_RoundTripsEverySnapshotField()
    {
        var declared = await DeclareAsync();
        var changed = EverythingSet() with { Number = declared.Number, Version = declared.Version };

        await Incidents.ExecuteAsync(async uow =>
        {
            await uow.SaveAsync(Incident.FromSnapshot(changed));
            return 0;
        });

        var loaded = await Incidents.FindAsync(declared.Number);
        Assert.NotNull(loaded);
        // A save never writes the channel nor clears the headline (delivery metadata, see SqlIncidentUnitOfWork).
        Assert.Equal(changed with { Version = declared.Version + 1, Channel = declared.Channel }, loaded.ToSnapshot());
    }

    [Fact]
    public async Task RemindersEscalationsAndImpactNotifications_MadeThroughTheDomain_AreStored()
    {
        var incident = await DeclareAsync(severity: Severity.P1);

        await ChangeAsync(incident.Number, i =>
        {
            i.ChangeSeverity(Severity.P0, "U300", T0.AddMinutes(2));
            i.RecordReminder(T0.AddMinutes(30));
            i.Snooze(TimeSpan.FromMinutes(45), "U300", T0.AddMinutes(31));
            i.RecordEscalation("engineering-manager", "Engineering manager", "@em", T0.AddMinutes(32));
            i.RecordEscalation("backup-on-call", "Backup on-call", "@backup", T0.AddMinutes(33));
            i.AddImpact(ImpactFlags.Revenue | ImpactFlags.Security, "U300", T0.AddMinutes(34));
            i.MarkImpactNotified(ImpactFlags.Security, "@security", T0.AddMinutes(35));
        });

        var stored = (await Incidents.FindAsync(incident.Number))!;
        Assert.Equal(T0.AddMinutes(2), stored.SeverityChangedAt);
        Assert.Equal(T0.AddMinutes(30), stored.LastReminderAt);
        Assert.Equal(T0.AddMinutes(76), stored.SnoozedUntil);
        Assert.Equal(["backup-on-call", "engineering-manager"], stored.FiredEscalations.Order(StringComparer.Ordinal));
        Assert.Equal(ImpactFlags.Revenue | ImpactFlags.Security, stored.Impact);
        Assert.Equal(ImpactFlags.Security, stored.ImpactNotified);
        Assert.Equal(ImpactFlags.Revenue, stored.ImpactToNotify);
        // A rule that fired before the restart does not fire again after it.
        Assert.False(stored.RecordEscalation("backup-on-call", "Backup on-call", "@backup", T0.AddHours(1)));
    }

    [Fact]
    public async Task Resolve_StoresTheResolution_AndReopen_ClearsThePostmortemDueDate()
    {
        var incident = await DeclareAsync(severity: Severity.P1);
        await ChangeAsync(incident.Number, i =>
        {
            i.Acknowledge("U300", T0.AddMinutes(1));
            i.Resolve(new Resolution("Backfilled the orders mart", "Upstream dropped a column", "Re-ran the load", T0.AddMinutes(50), "Row counts match", "Complete", PostmortemNeeded: true), "U300", T0.AddHours(1));
        });

        var resolved = (await Incidents.FindAsync(incident.Number))!;
        Assert.Equal(IncidentState.Resolved, resolved.State);
        Assert.Equal("Backfilled the orders mart", resolved.ResolutionSummary);
        Assert.Equal("Upstream dropped a column", resolved.RootCause);
        Assert.Equal("Re-ran the load", resolved.FixApplied);
        Assert.Equal(T0.AddMinutes(50), resolved.VerifiedAt);
        Assert.Equal("Row counts match", resolved.HowVerified);
        Assert.Equal("Complete", resolved.DataState);
        Assert.Equal(T0.AddHours(1 + 48), resolved.PostmortemDueAt);

        await ChangeAsync(incident.Number, i => i.Fire(IncidentTrigger.Reopen, "U300", T0.AddHours(2)));

        var reopened = (await Incidents.FindAsync(incident.Number))!;
        Assert.Equal(IncidentState.Investigating, reopened.State);
        Assert.Null(reopened.PostmortemDueAt);
        Assert.Equal("Backfilled the orders mart", reopened.ResolutionSummary);
    }

    [Fact]
    public async Task CancelAsDuplicate_StoresWhichIncidentItDuplicates()
    {
        var original = await DeclareAsync("Orders mart stale");
        var duplicate = await DeclareAsync("orders mart is stale", declaredBy: "U200");

        await ChangeAsync(duplicate.Number, i => i.CancelIncident("U200", T0.AddMinutes(1), "same thing", original.Number));

        var stored = (await Incidents.FindAsync(duplicate.Number))!;
        Assert.Equal(IncidentState.Cancelled, stored.State);
        Assert.Equal(original.Number, stored.DuplicateOf);
        Assert.Null((await Incidents.FindAsync(original.Number))!.DuplicateOf);
    }

    /// <summary>Every field set to something other than its default (realistic values here, generated ones for fields added later).</summary>
    private static IncidentSnapshot EverythingSet() => EveryFieldSnapshot.Create() with
    {
        Title = "Orders mart stale since 06:00",
        Description = "The nightly load did not run.",
        AffectedAssets = "orders_mart",
        Severity = Severity.P1,
        Category = Category.SchemaBreak,
        State = IncidentState.Resolved,
        Impact = ImpactFlags.Revenue | ImpactFlags.Regulatory,
        DeclaredBy = "U100",
        Owner = "U200",
        AcknowledgedBy = "U300",
        DetectedAt = T0.AddMinutes(-30),
        DeclaredAt = T0,
        AcknowledgedAt = T0.AddMinutes(5),
        LastUpdateAt = T0.AddMinutes(20),
        ResolvedAt = T0.AddHours(1),
        ClosedAt = T0.AddHours(2),
        FixStatus = FixStatus.Applied,
        RootCauseIdentified = true,
        Eta = "11:00 UTC",
        LatestUpdate = "Backfill running",
        Channel = "C0123ABC",
        HeadlineTs = "1710406800.000100",
        PostmortemRequired = true,
        PostmortemLink = "https://wiki.example/pm/1",
        Version = 4,
        SeverityChangedAt = T0.AddMinutes(7).AddMilliseconds(1),
        LastReminderAt = T0.AddMinutes(8).AddMilliseconds(2),
        SnoozedUntil = T0.AddMinutes(9).AddMilliseconds(3),
        FiredEscalations = "backup-on-call,engineering-manager",
        ImpactNotified = ImpactFlags.Revenue | ImpactFlags.Security,
        ResolutionSummary = "Backfilled; ünïcödé and \"quotes\" survive",
        RootCause = "Upstream dropped a column",
        FixApplied = "Re-ran the load with the old schema",
        VerifiedAt = T0.AddMinutes(55).AddMilliseconds(4),
        HowVerified = "Row counts match the source",
        DataState = "Complete",
        PostmortemDueAt = T0.AddHours(49).AddMilliseconds(5),
        PostmortemDoneAt = T0.AddHours(30).AddMilliseconds(6),
        LastPostmortemReminderAt = T0.AddHours(25).AddMilliseconds(7),
        DuplicateOf = 17,
        ReopenedAt = T0.AddHours(3).AddMilliseconds(8),
        StateChangedAt = T0.AddHours(3).AddMilliseconds(9),
    };

    private static void AssertNoFieldIsDefault(IncidentSnapshot snapshot)
    {
        var unset = typeof(IncidentSnapshot).GetProperties()
            .Where(p => p.GetValue(snapshot) is not { } value || (p.PropertyType.IsValueType && value.Equals(Activator.CreateInstance(p.PropertyType))))
            .Select(p => p.Name)
            .ToList();
        Assert.True(unset.Count == 0, "Give these fields a non-default value in EverythingSet so the round trip covers them: " + string.Join(", ", unset));
    }
}

public sealed class FollowUpFieldsTestsOnSqlite() : FollowUpFieldsTests(StorageProvider.Sqlite);

public sealed class FollowUpFieldsTestsOnPostgres() : FollowUpFieldsTests(StorageProvider.Postgres);
