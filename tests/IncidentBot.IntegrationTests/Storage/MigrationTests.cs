using Dapper;
using IncidentBot.Domain;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Storage;

public abstract class MigrationTests(StorageProvider provider) : StorageTestBase(provider)
{
    protected override bool MigrateFirst => false;

    [Fact]
    public async Task Migrate_OnAnEmptyDatabase_AppliesEveryMigrationInOrderAndJournalsIt()
    {
        var applied = await Storage.MigrateAsync();

        Assert.NotEmpty(applied);
        Assert.Equal("0001_incidents", applied[0]);
        Assert.Equal(applied.Order(StringComparer.Ordinal), applied);
        Assert.Equal(applied, await JournalAsync());
        Assert.True(await Incidents.PingAsync());
    }

    [Fact]
    public async Task Migrate_RunTwice_SecondRunAppliesNothingAndKeepsTheData()
    {
        await Storage.MigrateAsync();
        var incident = await DeclareAsync();

        var second = await Storage.MigrateAsync();

        Assert.Empty(second);
        Assert.Equal(await JournalAsync(), (await JournalAsync()).Distinct());
        Assert.NotNull(await Incidents.FindAsync(incident.Number));
    }

    [Fact]
    public async Task Migrate_FromThreeProcessesAtOnce_AppliesEachMigrationExactlyOnce()
    {
        var processes = Enumerable.Range(0, 3).Select(_ => Database.Open()).ToList();

        var results = await Task.WhenAll(processes.Select(p => Task.Run(() => p.MigrateAsync())));

        var journal = await JournalAsync();
        Assert.Equal(journal, results.SelectMany(r => r).Order(StringComparer.Ordinal));
        Assert.Equal(journal.Count, journal.Distinct().Count());
    }

    [Fact]
    public async Task Migrate_ADatabaseThePreviousReleaseLeftAt0001WithData_Applies0002AndKeepsTheData()
    {
        await RunEmbeddedScriptAsync("0001_incidents");
        await ExecuteAsync(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, 'incidents', @At)",
            new { At = T0.ToUnixTimeMilliseconds() });
        var number = await ScalarAsync<long>(
            """
            INSERT INTO incidents (
                title, description, affected_assets, severity, category, state, impact, declared_by,
                owner, acknowledged_by, detected_at, declared_at, acknowledged_at, last_update_at, resolved_at,
                closed_at, fix_status, root_cause_identified, eta, latest_update, channel, headline_ts,
                postmortem_required, postmortem_link, version)
            VALUES (
                'Orders mart stale', 'Nightly load did not run', 'orders_mart', 'P1', 'StaleData', 'Investigating', 'Revenue', 'U100',
                'U200', 'U300', @Detected, @Declared, @Acknowledged, NULL, NULL,
                NULL, 'InProgress', @True, 'noon', 'Backfill running', 'C0123', '1710406800.000100',
                @True, NULL, 3)
            RETURNING number
            """,
            new { Detected = T0.AddMinutes(-10).ToUnixTimeMilliseconds(), Declared = T0.ToUnixTimeMilliseconds(), Acknowledged = T0.AddMinutes(4).ToUnixTimeMilliseconds(), True = true });
        await ExecuteAsync(
            "INSERT INTO timeline (incident_number, at, actor, kind, text, new_value) VALUES (@Number, @At, 'U100', 'Declared', 'Declared P1 Stale Data: Orders mart stale', 'P1')",
            new { Number = number, At = T0.ToUnixTimeMilliseconds() });

        var applied = await Storage.MigrateAsync();

        Assert.Equal("0002_reminders_and_followups", applied[0]);
        Assert.DoesNotContain("0001_incidents", applied);
        var incident = await Incidents.FindAsync(number);
        Assert.NotNull(incident);
        Assert.Equal(
            new IncidentSnapshot
            {
                Number = number,
                Title = "Orders mart stale",
                Description = "Nightly load did not run",
                AffectedAssets = "orders_mart",
                Severity = Severity.P1,
                Category = Category.StaleData,
                State = IncidentState.Investigating,
                Impact = ImpactFlags.Revenue,
                DeclaredBy = "U100",
                Owner = "U200",
                AcknowledgedBy = "U300",
                DetectedAt = T0.AddMinutes(-10),
                DeclaredAt = T0,
                AcknowledgedAt = T0.AddMinutes(4),
                FixStatus = FixStatus.InProgress,
                RootCauseIdentified = true,
                Eta = "noon",
                LatestUpdate = "Backfill running",
                Channel = "C0123",
                HeadlineTs = "1710406800.000100",
                PostmortemRequired = true,
                Version = 3,
                ImpactNotified = ImpactFlags.None,
            },
            incident.ToSnapshot());
        Assert.Equal(TimelineKind.Declared, Assert.Single(await Incidents.GetTimelineAsync(number)).Kind);

        // The old incident takes the new fields, action items and schedule requests.
        await Incidents.ExecuteAsync(async uow =>
        {
            var loaded = (await uow.LoadForUpdateAsync(number))!;
            loaded.RecordReminder(T0.AddHours(1));
            await uow.SaveAsync(loaded);
            await uow.RequestScheduleAsync(number, T0.AddHours(1));
            await uow.AddActionItemAsync(new ActionItem { IncidentNumber = number, Owner = "U200", DueDate = new DateOnly(2025, 3, 21), Text = "Alert on staleness", CreatedBy = "U100", CreatedAt = T0 });
            return 0;
        });
        Assert.Equal(T0.AddHours(1), (await Incidents.FindAsync(number))!.LastReminderAt);
        Assert.Equal(number, Assert.Single(await Storage.Schedule.ClaimAsync("worker-1", T0.AddHours(1), TimeSpan.FromMinutes(1), 10)).IncidentNumber);
        Assert.Single(await Incidents.ListActionItemsAsync(number));
        // The next incident still gets the next number.
        Assert.Equal(number + 1, (await DeclareAsync("after the upgrade")).Number);
    }

    /// <summary>Runs one embedded migration script by hand, as an older release would have, without the later ones.</summary>
    private async Task RunEmbeddedScriptAsync(string id)
    {
        var resource = $"IncidentBot.Storage.Migrations.{(Provider == StorageProvider.Postgres ? "Postgres" : "Sqlite")}.{id}.sql";
        await using var stream = typeof(IncidentStorage).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is not embedded in the storage assembly.");
        using var reader = new StreamReader(stream);
        var script = await reader.ReadToEndAsync();
        await using var connection = await Storage.DataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = script + ";\n" + """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer PRIMARY KEY,
                name       text    NOT NULL,
                applied_at bigint  NOT NULL
            )
            """;
        await command.ExecuteNonQueryAsync();
    }

    private async Task ExecuteAsync(string sql, object parameters)
    {
        await using var connection = await Storage.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, parameters);
    }

    private async Task<List<string>> JournalAsync()
    {
        await using var connection = await Storage.DataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<JournalRow>("SELECT version, name FROM schema_migrations ORDER BY version");
        return rows.Select(r => $"{r.Version:D4}_{r.Name}").ToList();
    }

    private sealed class JournalRow
    {
        public int Version { get; set; }
        public string Name { get; set; } = "";
    }
}

public sealed class MigrationTestsOnSqlite() : MigrationTests(StorageProvider.Sqlite);

public sealed class MigrationTestsOnPostgres() : MigrationTests(StorageProvider.Postgres);
