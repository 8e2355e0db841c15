using IncidentBot.Alerts;
using IncidentBot.Domain;
using static IncidentBot.Tests.Alerts.AlertFixtures;

namespace IncidentBot.Tests.Alerts;

public sealed class ElementaryPayloadTests
{
    [Fact]
    public void TestAlert_TheDocumentedSample_ReadsEveryField()
    {
        var signal = Assert.Single(Accept("elementary", Text("elementary_test_fail.json")).Signals);

        Assert.Equal("elementary", signal.Source);
        Assert.Equal("elementary:test.analytics.not_null_fct_sales_id.ab12.id.generic", signal.Fingerprint);
        Assert.Equal(AlertStatus.Firing, signal.Status);
        Assert.Equal("not_null failed on fct_sales.id", signal.Title);
        Assert.Equal(Severity.P2, signal.Severity);
        Assert.Equal(Category.DataQuality, signal.Category);
        Assert.Equal(["model.analytics.fct_sales", "analytics.marts.fct_sales"], signal.Assets);
        Assert.Null(signal.ObservedAt);
        Assert.Null(signal.DataWrongSince);
        Assert.Null(signal.Url);
        Assert.Equal("Got 12 results", signal.Details);
        Assert.Equal("Elementary", signal.DetectedBy);
    }

    [Fact]
    public void SourceFreshness_IsStaleData_WithTheLastLoadAsDataWrongSince()
    {
        var signal = Assert.Single(Accept("elementary", Text("elementary_source_freshness.json")).Signals);

        Assert.Equal("elementary:source.analytics.raw.orders", signal.Fingerprint);
        Assert.Equal(AlertStatus.Firing, signal.Status);
        Assert.Equal("Source freshness exceeded on raw.orders", signal.Title);
        Assert.Null(signal.Severity); // freshness alerts carry no severity: the configured default
        Assert.Equal(Category.StaleData, signal.Category);
        Assert.Equal(["source.analytics.raw.orders", "analytics.raw.orders"], signal.Assets);
        Assert.Equal(Utc(6, 10), signal.ObservedAt); // "2026-03-01 06:10:00", no offset: UTC
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 23, 5, 0, TimeSpan.Zero), signal.DataWrongSince);
        Assert.Equal("Orders should load every hour", signal.Details);
    }

    [Fact]
    public void ModelError_IsAPipelineFailure_TitledWithItsMessage()
    {
        var signal = Assert.Single(Accept("elementary", Text("elementary_model_error.json")).Signals);

        Assert.Equal("elementary:model.analytics.fct_orders", signal.Fingerprint);
        Assert.Equal(AlertStatus.Firing, signal.Status);
        Assert.Equal("Model fct_orders errored: Database Error in model fct_orders division by zero", signal.Title);
        Assert.Equal(Category.PipelineFailure, signal.Category);
        Assert.Equal(["model.analytics.fct_orders", "analytics.marts.fct_orders"], signal.Assets);
        Assert.Equal(Utc(6, 20), signal.ObservedAt);
        Assert.Equal("Database Error in model fct_orders\ndivision by zero", signal.Details);
    }

    [Fact]
    public void AlertTableRows_WithoutAlertClassId_FallBackToTheTestId_AndSkippedGivesNoSignal()
    {
        var signals = Accept("elementary", Text("elementary_alert_rows.json")).Signals;

        Assert.Equal(2, signals.Count);

        var schema = signals[0];
        Assert.Equal("elementary:test.analytics.elementary_schema_changes_fct_sales.c0ffee", schema.Fingerprint);
        Assert.Equal(AlertStatus.Firing, schema.Status);
        Assert.Equal("schema_changes failed on fct_sales", schema.Title);
        Assert.Equal(Severity.P3, schema.Severity); // "warn", any case
        Assert.Equal(Category.SchemaBreak, schema.Category);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 6, 30, 0, TimeSpan.Zero).AddTicks(1234560), schema.ObservedAt);

        var volume = signals[1];
        Assert.Equal("elementary:test.analytics.elementary_volume_anomalies_fct_sales.beef", volume.Fingerprint);
        Assert.Equal(AlertStatus.Resolved, volume.Status);
        Assert.Equal("volume_anomalies passed on fct_sales", volume.Title);
        Assert.Equal(Severity.P1, volume.Severity); // an explicit P0-P3 wins
        Assert.Equal(Category.DataLoss, volume.Category);
        Assert.Equal(["model.analytics.fct_sales"], volume.Assets); // no database and schema: no full name
    }

    [Theory]
    [InlineData("fail", AlertStatus.Firing, "failed")]
    [InlineData("error", AlertStatus.Firing, "errored")]
    [InlineData("warn", AlertStatus.Firing, "warned")]
    [InlineData("runtime error", AlertStatus.Firing, "errored")]
    [InlineData("PASS", AlertStatus.Resolved, "passed")]
    [InlineData("success", AlertStatus.Resolved, "passed")]
    public void Status_IsMapped(string status, AlertStatus expected, string verb)
    {
        var body = $$"""{"test_unique_id":"test.p.unique_dim_users_id.1","test_name":"unique","table_name":"dim_users","status":"{{status}}"}""";

        var signal = Assert.Single(Accept("elementary", body).Signals);

        Assert.Equal(expected, signal.Status);
        Assert.Equal($"unique {verb} on dim_users", signal.Title);
    }

    [Fact]
    public void FreshnessTestByName_IsStaleData()
    {
        var body = """{"alert_class_id":"x","test_name":"event_freshness_anomalies","test_type":"anomaly_detection","test_sub_type":"event_freshness","status":"fail","severity":"WARN"}""";

        var signal = Assert.Single(Accept("elementary", body).Signals);

        Assert.Equal(Category.StaleData, signal.Category);
        Assert.Equal(Severity.P3, signal.Severity);
        Assert.Equal("event_freshness_anomalies failed", signal.Title);
    }

    [Fact]
    public void WithoutAnyId_IsRefused()
    {
        Assert.Equal(
            "The Elementary alert has no alert_class_id, test_unique_id, model_unique_id, unique_id or source_name and identifier, so the check cannot be told apart.",
            Refuse("elementary", """{"test_name":"not_null","status":"fail"}"""));
    }

    [Fact]
    public void AnUnknownStatus_IsRefused()
    {
        Assert.Contains("status \"exploded\"", Refuse("elementary", """{"alert_class_id":"x","status":"exploded"}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void RowsOfTheAlertViews_WithTheirOwnSpellings_AreRead()
    {
        var signals = Accept("elementary", Text("elementary_alert_view_rows.json")).Signals;

        Assert.Equal(3, signals.Count);

        var test = signals[0];
        Assert.Equal("elementary:test.analytics.accepted_values_fct_sales_status.9f", test.Fingerprint);
        Assert.Equal("accepted_values failed on fct_sales.status", test.Title);
        Assert.Equal(Severity.P2, test.Severity);
        Assert.Equal(Category.DataQuality, test.Category);
        Assert.Equal("Got 3 results", test.Details); // alert_description
        Assert.Equal(Utc(6, 45), test.ObservedAt);

        var snapshot = signals[1];
        Assert.Equal("elementary:snapshot.analytics.orders_snapshot", snapshot.Fingerprint); // unique_id
        Assert.Equal("Snapshot orders_snapshot errored: Compilation Error in snapshot", snapshot.Title);
        Assert.Equal(Category.PipelineFailure, snapshot.Category);
        Assert.Equal(["snapshot.analytics.orders_snapshot"], snapshot.Assets);

        var freshness = signals[2];
        Assert.Equal("elementary:source.analytics.raw.payments", freshness.Fingerprint);
        Assert.Equal("Failed to calculate the source freshness of raw.payments", freshness.Title);
        Assert.Equal(Category.StaleData, freshness.Category);
        Assert.Equal(["source.analytics.raw.payments", "analytics.raw.payments"], freshness.Assets);
        Assert.Equal(Utc(1, 0), freshness.DataWrongSince);
        Assert.Equal("column loaded_at does not exist", freshness.Details);
    }
}
