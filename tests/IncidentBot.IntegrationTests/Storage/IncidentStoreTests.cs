using IncidentBot.Domain;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Storage;

public abstract class IncidentStoreTests(StorageProvider provider) : StorageTestBase(provider)
{
    [Fact]
    public async Task Insert_ThenFind_RoundTripsEveryFieldAndTheTimeline()
    {
        var plus2 = TimeSpan.FromHours(2);
        var incident = Incident.FromSnapshot(new IncidentSnapshot
        {
            Title = "Orders mart stale since 06:00",
            Description = "The nightly load did not run.\nIt's the \"orders\" DAG; ünïcödé too",
            AffectedAssets = "orders_mart, finance.daily_revenue",
            Severity = Severity.P1,
            Category = Category.SchemaBreak,
            State = IncidentState.Fixing,
            Impact = ImpactFlags.Revenue | ImpactFlags.Regulatory,
            DeclaredBy = "U100",
            Owner = "U200",
            AcknowledgedBy = "U300",
            DetectedAt = new DateTimeOffset(2025, 3, 14, 10, 30, 0, 123, plus2),
            DeclaredAt = T0,
            AcknowledgedAt = T0.AddMinutes(5),
            LastUpdateAt = T0.AddMinutes(20).AddMilliseconds(7),
            ResolvedAt = T0.AddHours(1),
            ClosedAt = T0.AddHours(2),
            FixStatus = FixStatus.InProgress,
            RootCauseIdentified = true,
            Eta = "11:00 UTC",
            LatestUpdate = "Backfill running",
            Channel = "C0123ABC",
            HeadlineTs = "1710406800.000100",
            PostmortemRequired = true,
            PostmortemLink = "https://wiki.example/pm/1",
        });
        incident.ChangeSeverity(Severity.P0, "U300", T0.AddMinutes(30));
        incident.Note(TimelineKind.Note, "U100", "Pinned the runbook", T0.AddMinutes(31));
        var pending = incident.PendingTimeline.ToList();

        await Incidents.ExecuteAsync(async uow =>
        {
            await uow.InsertAsync(incident);
            return 0;
        });

        Assert.NotEqual(0, incident.Number);
        Assert.Empty(incident.PendingTimeline);
        var loaded = await Incidents.FindAsync(incident.Number);
        Assert.NotNull(loaded);
        Assert.Equal(incident.ToSnapshot(), loaded.ToSnapshot());
        Assert.Equal(pending.Select(e => e with { IncidentNumber = incident.Number }), await Incidents.GetTimelineAsync(incident.Number));
    }

    [Fact]
    public async Task Insert_OfAFreshDeclaration_RoundTripsItsEmptyOptionalFields()
    {
        var incident = await DeclareAsync();

        var loaded = await Incidents.FindAsync(incident.Number);

        Assert.NotNull(loaded);
        Assert.Equal(incident.ToSnapshot(), loaded.ToSnapshot());
        Assert.Null(loaded.Description);
        Assert.Null(loaded.AcknowledgedAt);
        Assert.Equal(ImpactFlags.None, loaded.Impact);
        var declared = Assert.Single(await Incidents.GetTimelineAsync(incident.Number));
        Assert.Equal(TimelineKind.Declared, declared.Kind);
        Assert.Equal("P2", declared.NewValue);
    }

    [Fact]
    public async Task Insert_GivesEachIncidentTheNextNumber()
    {
        var first = await DeclareAsync("First");
        var second = await DeclareAsync("Second");

        Assert.Equal(first.Number + 1, second.Number);
        Assert.Null(await Incidents.FindAsync(second.Number + 1));
    }

    [Fact]
    public async Task Save_IncrementsTheVersionAndAppendsTheNewTimelineEntries()
    {
        var incident = await DeclareAsync();

        await Incidents.ExecuteAsync(async uow =>
        {
            var loaded = (await uow.LoadForUpdateAsync(incident.Number))!;
            loaded.Acknowledge("U300", T0.AddMinutes(3));
            loaded.PostUpdate("Root cause found", "U300", T0.AddMinutes(9), FixStatus.InProgress, "noon", true);
            await uow.SaveAsync(loaded);
            return 0;
        });

        var saved = (await Incidents.FindAsync(incident.Number))!;
        Assert.Equal(1, saved.Version);
        Assert.Equal(IncidentState.Fixing, saved.State);
        Assert.Equal("U300", saved.AcknowledgedBy);
        Assert.Equal("Root cause found", saved.LatestUpdate);
        Assert.True(saved.RootCauseIdentified);
        Assert.Equal(
            [TimelineKind.Declared, TimelineKind.Acknowledged, TimelineKind.StateChanged, TimelineKind.Update],
            (await Incidents.GetTimelineAsync(incident.Number)).Select(e => e.Kind));
    }

    [Fact]
    public async Task Save_WithAStaleVersion_ThrowsConcurrencyExceptionAndStoresNothing()
    {
        var incident = await DeclareAsync();
        var stale = (await Incidents.FindAsync(incident.Number))!;
        await Incidents.ExecuteAsync(async uow =>
        {
            var fresh = (await uow.LoadForUpdateAsync(incident.Number))!;
            fresh.Acknowledge("U300", T0.AddMinutes(1));
            await uow.SaveAsync(fresh);
            return 0;
        });

        stale.ChangeSeverity(Severity.P0, "U400", T0.AddMinutes(2));
        var error = await Assert.ThrowsAsync<Domain.Ports.ConcurrencyException>(() => Incidents.ExecuteAsync(async uow =>
        {
            await uow.SaveAsync(stale);
            return 0;
        }));

        Assert.Contains(stale.Reference, error.Message);
        var stored = (await Incidents.FindAsync(incident.Number))!;
        Assert.Equal(Severity.P2, stored.Severity);
        Assert.Equal(1, stored.Version);
        Assert.DoesNotContain(await Incidents.GetTimelineAsync(incident.Number), e => e.Kind == TimelineKind.SeverityChanged);
    }

    [Fact]
    public async Task Save_TwiceInOneTransaction_StoresBothChanges()
    {
        var incident = await DeclareAsync();

        await Incidents.ExecuteAsync(async uow =>
        {
            var loaded = (await uow.LoadForUpdateAsync(incident.Number))!;
            loaded.Acknowledge("U300", T0.AddMinutes(1));
            await uow.SaveAsync(loaded);
            loaded.ChangeSeverity(Severity.P1, "U300", T0.AddMinutes(2));
            await uow.SaveAsync(loaded);
            return 0;
        });

        var stored = (await Incidents.FindAsync(incident.Number))!;
        Assert.Equal(2, stored.Version);
        Assert.Equal(Severity.P1, stored.Severity);
        Assert.Equal(3, (await Incidents.GetTimelineAsync(incident.Number)).Count);
    }

    [Fact]
    public async Task Execute_WhenTheWorkThrows_RollsBackEverythingItDid()
    {
        var incident = await DeclareAsync();

        await Assert.ThrowsAsync<IncidentRuleException>(() => Incidents.ExecuteAsync<int>(async uow =>
        {
            Assert.True(await uow.TryRecordInboundAsync("cmd-1", T0));
            await uow.InsertAsync(Incident.Declare("Another", Severity.P3, Category.DataQuality, "U1", "#x", T0));
            var loaded = (await uow.LoadForUpdateAsync(incident.Number))!;
            loaded.Acknowledge("U300", T0);
            await uow.SaveAsync(loaded);
            loaded.PostUpdate("", "U300", T0); // an empty update is refused by the domain
            return 0;
        }));

        Assert.Equal(0, (await Incidents.FindAsync(incident.Number))!.Version);
        Assert.Single(await Incidents.ListActiveAsync(10));
        Assert.True(await Incidents.ExecuteAsync(uow => uow.TryRecordInboundAsync("cmd-1", T0)));
    }

    [Fact]
    public async Task TryRecordInbound_TheSecondTimeForAKey_ReturnsFalse()
    {
        Assert.True(await Incidents.ExecuteAsync(uow => uow.TryRecordInboundAsync("1710406800.123456/U100", T0)));
        Assert.False(await Incidents.ExecuteAsync(uow => uow.TryRecordInboundAsync("1710406800.123456/U100", T0.AddSeconds(3))));
        Assert.True(await Incidents.ExecuteAsync(uow => uow.TryRecordInboundAsync("1710406800.123456/U200", T0)));
    }

    [Fact]
    public async Task FindRecentDuplicate_MatchesSameDeclarerAndTitleIgnoringCase_WhileActiveAndRecent()
    {
        var incident = await DeclareAsync("Orders mart stale", declaredBy: "U100", at: T0);
        var resolved = await DeclareAsync("Revenue table empty", declaredBy: "U100", at: T0);
        await Incidents.ExecuteAsync(async uow =>
        {
            var loaded = (await uow.LoadForUpdateAsync(resolved.Number))!;
            loaded.Fire(IncidentTrigger.Cancel, "U100", T0.AddMinutes(1));
            await uow.SaveAsync(loaded);
            return 0;
        });

        var found = await Incidents.ExecuteAsync(uow => uow.FindRecentDuplicateAsync("U100", "ORDERS MART STALE ", T0.AddMinutes(-10)));
        var otherUser = await Incidents.ExecuteAsync(uow => uow.FindRecentDuplicateAsync("U999", "Orders mart stale", T0.AddMinutes(-10)));
        var tooOld = await Incidents.ExecuteAsync(uow => uow.FindRecentDuplicateAsync("U100", "Orders mart stale", T0.AddMilliseconds(1)));
        var inactive = await Incidents.ExecuteAsync(uow => uow.FindRecentDuplicateAsync("U100", "Revenue table empty", T0.AddMinutes(-10)));

        Assert.Equal(incident.Number, found?.Number);
        Assert.Null(otherUser);
        Assert.Null(tooOld);
        Assert.Null(inactive);
    }

    [Fact]
    public async Task ListActive_ShowsMostSevereFirstThenOldest_AndLeavesOutFinishedIncidents()
    {
        var p2Old = await DeclareAsync("p2 old", Severity.P2, at: T0);
        var p0New = await DeclareAsync("p0 new", Severity.P0, at: T0.AddMinutes(10));
        var p2New = await DeclareAsync("p2 new", Severity.P2, at: T0.AddMinutes(5));
        var p3 = await DeclareAsync("p3", Severity.P3, at: T0.AddMinutes(1));
        var cancelled = await DeclareAsync("cancelled", Severity.P0, at: T0);
        await Incidents.ExecuteAsync(async uow =>
        {
            var loaded = (await uow.LoadForUpdateAsync(cancelled.Number))!;
            loaded.Fire(IncidentTrigger.Cancel, "U100", T0.AddMinutes(1));
            await uow.SaveAsync(loaded);
            return 0;
        });

        var all = await Incidents.ListActiveAsync(10);
        var firstTwo = await Incidents.ListActiveAsync(2);

        Assert.Equal([p0New.Number, p2Old.Number, p2New.Number, p3.Number], all.Select(i => i.Number));
        Assert.Equal([p0New.Number, p2Old.Number], firstTwo.Select(i => i.Number));
    }

    [Fact]
    public async Task Ping_OnAReachableDatabase_ReturnsTrue()
    {
        Assert.True(await Incidents.PingAsync());
    }
}

public sealed class IncidentStoreTestsOnSqlite() : IncidentStoreTests(StorageProvider.Sqlite);

public sealed class IncidentStoreTestsOnPostgres() : IncidentStoreTests(StorageProvider.Postgres);
