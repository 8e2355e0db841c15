using IncidentBot.Alerts;
using IncidentBot.Domain;
using static IncidentBot.Tests.Alerts.AlertFixtures;

namespace IncidentBot.Tests.Alerts;

public sealed class GenericAlertPayloadTests
{
    [Fact]
    public void EveryField_IsRead()
    {
        var signal = Assert.Single(Accept("generic", Text("generic_full.json")).Signals);

        Assert.Equal("generic", signal.Source);
        Assert.Equal("generic:airflow:load_orders", signal.Fingerprint);
        Assert.Equal(AlertStatus.Firing, signal.Status); // "Firing": any case
        Assert.Equal("load_orders failed 3 times", signal.Title);
        Assert.Equal(Severity.P1, signal.Severity);
        Assert.Equal(Category.PipelineFailure, signal.Category);
        Assert.Equal(["analytics.raw.orders", "analytics.marts.fct_orders"], signal.Assets); // de-duplicated, order kept
        Assert.Equal(Utc(4, 0), signal.ObservedAt);
        Assert.Equal(Utc(2, 0), signal.DataWrongSince);
        Assert.Equal("https://airflow.example.com/dags/load_orders/grid", signal.Url);
        Assert.Equal("Task load_orders.extract failed: connection refused", signal.Details);
        Assert.Equal("airflow", signal.DetectedBy);
    }

    [Fact]
    public void TheMinimum_IsFingerprintStatusTitle()
    {
        var signal = Assert.Single(Accept("generic", """{"fingerprint":"x","status":"RESOLVED","title":"t"}""").Signals);

        Assert.Equal("generic:x", signal.Fingerprint);
        Assert.Equal(AlertStatus.Resolved, signal.Status);
        Assert.Null(signal.Severity);
        Assert.Null(signal.Category);
        Assert.Empty(signal.Assets);
        Assert.Null(signal.ObservedAt);
        Assert.Null(signal.Url);
        Assert.Equal("generic", signal.DetectedBy);
    }

    [Fact]
    public void UnparsableTimesAndNonHttpUrls_AreDropped_NotRefused()
    {
        var signal = Assert.Single(Accept("generic",
            """{"fingerprint":"x","status":"firing","title":"t","detected_at":"yesterday","data_wrong_since":12,"url":"ftp://files/x","assets":"analytics.raw.orders"}""").Signals);

        Assert.Null(signal.ObservedAt);
        Assert.Null(signal.DataWrongSince);
        Assert.Null(signal.Url);
        Assert.Equal(["analytics.raw.orders"], signal.Assets);
    }

    [Theory]
    [InlineData("2026-03-01T06:00:00Z")]
    [InlineData("2026-03-01T06:00:00")]
    [InlineData("2026-03-01 06:00:00")]
    [InlineData("2026-03-01T07:00:00+01:00")]
    [InlineData("2026-03-01T06:00:00.000000000Z")]
    public void Times_AreReadLiberally(string time)
    {
        var signal = Assert.Single(Accept("generic", $$"""{"fingerprint":"x","status":"firing","title":"t","detected_at":"{{time}}"}""").Signals);

        Assert.Equal(Utc(6, 0), signal.ObservedAt);
    }

    [Fact]
    public void ALongTitle_IsOneLine_CutWithAnEllipsis()
    {
        var title = "first\nline\t\t" + new string('x', 500);

        var signal = Assert.Single(Accept("generic", $$"""{"fingerprint":"x","status":"firing","title":"{{title.Replace("\n", "\\n").Replace("\t", "\\t")}}"}""").Signals);

        Assert.Equal(Incident.MaxTitleLength, signal.Title.Length);
        Assert.StartsWith("first line xxx", signal.Title, StringComparison.Ordinal);
        Assert.EndsWith("…", signal.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void ALongFingerprint_IsHashed_Stably()
    {
        var id = new string('f', 300);
        string Fingerprint() => Assert.Single(Accept("generic", $$"""{"fingerprint":"{{id}}","status":"firing","title":"t"}""").Signals).Fingerprint;

        Assert.Equal(Fingerprint(), Fingerprint());
        Assert.StartsWith("generic:sha256:", Fingerprint(), StringComparison.Ordinal);
        Assert.Equal("generic:sha256:".Length + 32, Fingerprint().Length);
    }

    [Fact]
    public void AList_GivesOneSignalEach()
    {
        var signals = Accept("generic", """[{"fingerprint":"a","status":"firing","title":"A"},{"fingerprint":"b","status":"resolved","title":"B"}]""").Signals;

        Assert.Equal(["generic:a", "generic:b"], signals.Select(s => s.Fingerprint));
    }

    [Theory]
    [InlineData("""{"status":"firing","title":"t"}""", "The generic alert has no fingerprint: give the check a stable id (the same check firing again sends the same fingerprint).")]
    [InlineData("""{"fingerprint":"x","status":"open","title":"t"}""", "The generic alert has status \"open\": send \"firing\" or \"resolved\".")]
    [InlineData("""{"fingerprint":"x","title":"t"}""", "The generic alert has status nothing: send \"firing\" or \"resolved\".")]
    [InlineData("""{"fingerprint":"x","status":"firing","title":"  "}""", "The generic alert has no title: say in one line what is wrong.")]
    [InlineData("""{"fingerprint":"x","status":"firing","title":"t","severity":"P7"}""", "The generic alert has severity \"P7\": send P0, P1, P2 or P3, or leave it out for the configured default.")]
    [InlineData("""{"fingerprint":"x","status":"firing","title":"t","category":"Outage"}""", "The generic alert has category \"Outage\": send one of DataQuality, PipelineFailure, SchemaBreak, StaleData, DataLoss, DuplicateLoad, or leave it out.")]
    [InlineData("""{"fingerprint":"x","status":"firing","title":"t","assets":[1,2]}""", "The generic alert has assets that are not a list of strings: send e.g. [\"analytics.marts.fct_sales\"].")]
    [InlineData("""[{"fingerprint":"x","status":"firing","title":"t"},{"fingerprint":"y","status":"firing"}]""", "The generic alert [1] has no title: say in one line what is wrong.")]
    public void InvalidAlerts_AreRefusedWithTheReason(string body, string reason)
    {
        Assert.Equal(reason, Refuse("generic", body));
    }
}
