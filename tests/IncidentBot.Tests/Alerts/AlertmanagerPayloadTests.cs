using IncidentBot.Alerts;
using IncidentBot.Domain;
using static IncidentBot.Tests.Alerts.AlertFixtures;

namespace IncidentBot.Tests.Alerts;

public sealed class AlertmanagerPayloadTests
{
    [Fact]
    public void Firing_TheDocumentedSample_ReadsEveryField()
    {
        var signal = Assert.Single(Accept("alertmanager", Text("alertmanager_firing.json")).Signals);

        Assert.Equal("alertmanager", signal.Source);
        Assert.Equal("alertmanager:5c1d2e3f4a5b6c7d", signal.Fingerprint);
        Assert.Equal(AlertStatus.Firing, signal.Status);
        Assert.Equal("fct_sales not loaded for 7 h", signal.Title);
        Assert.Equal(Severity.P1, signal.Severity); // commonLabels severity: critical
        Assert.Null(signal.Category);
        Assert.Equal(["analytics.marts.fct_sales"], signal.Assets);
        Assert.Equal(Utc(6, 0), signal.ObservedAt);
        Assert.Null(signal.DataWrongSince);
        Assert.Equal("http://prometheus/graph", signal.Url);
        Assert.Null(signal.Details);
        Assert.Equal("Alertmanager", signal.DetectedBy);
    }

    [Fact]
    public void AMixedGroup_IsReadAlertByAlert_EachWithItsOwnStatus()
    {
        var delivery = Accept("AlertManager", Text("alertmanager_mixed_group.json"));

        Assert.Null(delivery.DeliveryId);
        Assert.Equal(3, delivery.Signals.Count);

        var firing = delivery.Signals[0];
        Assert.Equal("alertmanager:aa11bb22cc33dd44", firing.Fingerprint);
        Assert.Equal(AlertStatus.Firing, firing.Status);
        Assert.Equal("fct_orders has 40% fewer rows", firing.Title);
        Assert.Equal(Severity.P0, firing.Severity); // incident_severity wins over severity: warning
        Assert.Equal(Category.DataLoss, firing.Category);
        Assert.Equal(["analytics.marts.fct_orders"], firing.Assets); // dataset comes before model
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 6, 15, 0, TimeSpan.Zero).AddTicks(1234567), firing.ObservedAt);
        Assert.Null(firing.Url); // javascript: is not a link we keep
        Assert.Equal("Row count below the 7-day minimum", firing.Details);

        var resolved = delivery.Signals[1];
        Assert.Equal("alertmanager:ee55ff66aa77bb88", resolved.Fingerprint);
        Assert.Equal(AlertStatus.Resolved, resolved.Status);
        Assert.Equal("VolumeDrop", resolved.Title);
        Assert.Equal(Severity.P2, resolved.Severity);
        Assert.Equal(["analytics.marts.fct_refunds"], resolved.Assets);
        Assert.Equal(Utc(6, 30), resolved.ObservedAt); // endsAt when resolved
        Assert.Equal("https://prometheus.example.com/graph?g0.expr=rows", resolved.Url);

        var unfingerprinted = delivery.Signals[2];
        Assert.Equal("alertmanager:0ff82d3faea5990f", unfingerprinted.Fingerprint); // sha256 of the sorted labels
        Assert.Equal(AlertStatus.Firing, unfingerprinted.Status);
        Assert.Equal("LoaderDown", unfingerprinted.Title);
        Assert.Null(unfingerprinted.Severity); // "page" is no level we map
        Assert.Empty(unfingerprinted.Assets);
        Assert.Null(unfingerprinted.ObservedAt);
    }

    [Fact]
    public void DerivedFingerprint_DoesNotDependOnLabelOrder()
    {
        static string Fingerprint(string labels) => Assert.Single(Accept("alertmanager",
            """{"alerts":[{"status":"firing","labels":{""" + labels + """}}]}""").Signals).Fingerprint;

        Assert.Equal(Fingerprint("\"b\":\"2\",\"a\":\"1\""), Fingerprint("\"a\":\"1\",\"b\":\"2\""));
        Assert.NotEqual(Fingerprint("\"a\":\"1\",\"b\":\"3\""), Fingerprint("\"a\":\"1\",\"b\":\"2\""));
        Assert.Equal("alertmanager:54f9e0e90ede4619", Fingerprint("\"alertname\":\"X\""));
    }

    [Theory]
    [InlineData("critical", Severity.P1)]
    [InlineData("ERROR", Severity.P2)]
    [InlineData("warning", Severity.P3)]
    [InlineData("info", Severity.P3)]
    [InlineData("p0", Severity.P0)]
    [InlineData("high", null)]
    public void SeverityLabel_IsMapped(string label, Severity? expected)
    {
        var body = "{\"alerts\":[{\"status\":\"firing\",\"fingerprint\":\"f\",\"labels\":{\"alertname\":\"A\",\"severity\":\"" + label + "\"}}]}";

        Assert.Equal(expected, Assert.Single(Accept("alertmanager", body).Signals).Severity);
    }

    [Fact]
    public void AssetLabels_AreTakenInOrder_AssetTableDatasetModel()
    {
        var body = """{"alerts":[{"status":"firing","fingerprint":"f","labels":{"alertname":"A","model":"m","table":"t","asset":"a"}}]}""";

        Assert.Equal(["a"], Assert.Single(Accept("alertmanager", body).Signals).Assets);
    }

    [Fact]
    public void ResolvedWithZeroEndsAt_FallsBackToStartsAt_AndStatusComesFromTheGroupWhenTheAlertHasNone()
    {
        var body = """{"status":"resolved","alerts":[{"fingerprint":"f","labels":{"alertname":"A"},"startsAt":"2026-03-01T05:00:00Z","endsAt":"0001-01-01T00:00:00Z"}]}""";

        var signal = Assert.Single(Accept("alertmanager", body).Signals);

        Assert.Equal(AlertStatus.Resolved, signal.Status);
        Assert.Equal(Utc(5, 0), signal.ObservedAt);
    }

    [Fact]
    public void NoAlertsArray_IsRefusedWithTheReason()
    {
        Assert.Equal(
            "The Alertmanager payload has no alerts[]: send Alertmanager's webhook body (version 4).",
            Refuse("alertmanager", """{"version":"4","status":"firing"}"""));
    }

    [Fact]
    public void AnAlertWithNeitherFingerprintNorLabels_IsRefused()
    {
        Assert.Contains("neither a fingerprint nor labels", Refuse("alertmanager", """{"alerts":[{"status":"firing"}]}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownStatus_IsRefused()
    {
        Assert.Equal(
            "alerts[0] of the Alertmanager payload has no status firing or resolved (got \"pending\").",
            Refuse("alertmanager", """{"alerts":[{"status":"pending","fingerprint":"f","labels":{"alertname":"A"}}]}"""));
    }

    [Fact]
    public void AnEmptyGroup_IsValid_WithNoSignals()
    {
        Assert.Empty(Accept("alertmanager", """{"version":"4","alerts":[]}""").Signals);
    }
}
