using System.Globalization;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>
/// Settings that make the bot chase in seconds instead of minutes: update cadences, escalation
/// rules and impact groups as an operator writes them (<c>Policy:UpdateEvery:P1</c>,
/// <c>Policy:Escalations:0:Name</c>...), and a scheduler that looks for work often enough to keep
/// a 3-second cadence on time.
/// </summary>
public static class ChaseSettings
{
    /// <summary>The group the backup on-call rule mentions; it must reach Slack verbatim to ping anyone.</summary>
    public const string BackupGroup = "<!subteam^S0BACKUP|@data-backup>";

    /// <summary>The group the revenue impact notice mentions.</summary>
    public const string RevenueGroup = "<!subteam^S0CLEVEL|@c-level>";

    /// <summary>Longer than any test: a severity with this cadence is never chased while a test runs.</summary>
    public static readonly TimeSpan Never = TimeSpan.FromHours(1);

    /// <summary>
    /// How early a scheduled job may act (Scheduler:Tolerance, meant for clock skew between replicas;
    /// 2 s by default). The tests shorten it so that "not before one cadence" is a sharp bound; on one
    /// machine there is no skew to tolerate.
    /// </summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Hangfire, the schedule synchroniser and the outbox tuned for second-scale deadlines; a killed
    /// replica's fetched job comes back after 3 s, its locks after 3 s.
    /// </summary>
    public static Dictionary<string, string?> FastScheduling(this Dictionary<string, string?> settings)
    {
        settings["Scheduler:SchedulePollInterval"] = "00:00:00.200";
        settings["Scheduler:QueuePollInterval"] = "00:00:00.200";
        settings["Scheduler:SyncPollInterval"] = "00:00:00.200";
        settings["Scheduler:InvisibilityTimeout"] = "00:00:03";
        settings["Scheduler:DistributedLockTimeout"] = "00:00:03";
        settings["Scheduler:Tolerance"] = Span(Tolerance);
        settings["Outbox:PollInterval"] = "00:00:00.100";
        return settings;
    }

    /// <summary>Policy:UpdateEvery:P0..P3.</summary>
    public static Dictionary<string, string?> UpdateEvery(this Dictionary<string, string?> settings, TimeSpan p0, TimeSpan p1, TimeSpan p2, TimeSpan p3)
    {
        settings["Policy:UpdateEvery:P0"] = Span(p0);
        settings["Policy:UpdateEvery:P1"] = Span(p1);
        settings["Policy:UpdateEvery:P2"] = Span(p2);
        settings["Policy:UpdateEvery:P3"] = Span(p3);
        return settings;
    }

    /// <summary>Policy:Escalations:{index}: one rule of the escalation timeline, as a list entry in configuration.</summary>
    public static Dictionary<string, string?> Escalation(this Dictionary<string, string?> settings, int index, string name, string when, TimeSpan after, string notify, params string[] severities)
    {
        var prefix = $"Policy:Escalations:{index.ToString(CultureInfo.InvariantCulture)}";
        settings[$"{prefix}:Name"] = name;
        settings[$"{prefix}:When"] = when;
        settings[$"{prefix}:After"] = Span(after);
        settings[$"{prefix}:Notify"] = notify;
        for (var i = 0; i < severities.Length; i++)
        {
            settings[$"{prefix}:Severities:{i.ToString(CultureInfo.InvariantCulture)}"] = severities[i];
        }
        return settings;
    }

    /// <summary>"00:00:03", "00:00:00.2500000": the invariant TimeSpan format configuration binds.</summary>
    public static string Span(TimeSpan span) => span.ToString("c", CultureInfo.InvariantCulture);
}
