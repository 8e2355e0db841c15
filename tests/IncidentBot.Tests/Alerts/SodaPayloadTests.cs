using IncidentBot.Alerts;
using IncidentBot.Domain;
using static IncidentBot.Tests.Alerts.AlertFixtures;

namespace IncidentBot.Tests.Alerts;

public sealed class SodaPayloadTests
{
    [Fact]
    public void CheckEvaluation_GivesOneSignalPerCheckResult()
    {
        var signals = Accept("soda", Text("soda_check_evaluation.json")).Signals;

        Assert.Equal(3, signals.Count);

        var rows = signals[0];
        Assert.Equal("soda", rows.Source);
        Assert.Equal("soda:warehouse:fct_sales:row_count > 0", rows.Fingerprint);
        Assert.Equal(AlertStatus.Firing, rows.Status);
        Assert.Equal("Soda check \"row_count > 0\" failed on fct_sales", rows.Title);
        Assert.Equal(Severity.P2, rows.Severity);
        Assert.Equal(Category.DataLoss, rows.Category);
        Assert.Equal(["fct_sales"], rows.Assets);
        Assert.Equal(Utc(6, 0), rows.ObservedAt);
        Assert.Equal("https://cloud.soda.io/checks/c1", rows.Url);
        Assert.Equal("Value: 0.0", rows.Details);
        Assert.Equal("Soda", rows.DetectedBy);

        var fresh = signals[1];
        Assert.Equal("soda:warehouse:fct_orders:Orders are fresh", fresh.Fingerprint);
        Assert.Equal(AlertStatus.Firing, fresh.Status);
        Assert.Equal("Soda check \"Orders are fresh\" warned on fct_orders", fresh.Title);
        Assert.Equal(Severity.P1, fresh.Severity); // the incident_severity attribute wins over warn
        Assert.Equal(Category.StaleData, fresh.Category);
        Assert.Equal("Value: 3h 5m (column loaded_at)", fresh.Details);

        var passing = signals[2];
        Assert.Equal("soda:warehouse:dim_users:missing_count(id) = 0", passing.Fingerprint);
        Assert.Equal(AlertStatus.Resolved, passing.Status);
        Assert.Equal("Soda check \"missing_count(id) = 0\" passed on dim_users", passing.Title);
        Assert.Null(passing.Severity);
        Assert.Equal(Category.DataQuality, passing.Category);
    }

    [Fact]
    public void OlderPayloadWithoutName_NamesTheCheckByItsDefinition_AndReadsNanoseconds()
    {
        var signal = Assert.Single(Accept("soda", Text("soda_check_evaluation_v3.json")).Signals);

        Assert.Equal("soda:sodaspark:bnm_orders:count same as SODATEST_RAWCUSTOMERS_7275c02c in postgres2", signal.Fingerprint);
        Assert.Equal("Soda check \"count same as SODATEST_RAWCUSTOMERS_7275c02c in postgres2\" failed on bnm_orders", signal.Title);
        Assert.Equal(new DateTimeOffset(2022, 1, 4, 9, 49, 48, TimeSpan.Zero).AddTicks(608971), signal.ObservedAt);
        Assert.Equal("Value: 17 (column columnName)", signal.Details);
        Assert.Equal(["bnm_orders"], signal.Assets);
    }

    [Fact]
    public void IncidentResolved_ResolvesTheChecksItCanIdentify()
    {
        var signal = Assert.Single(Accept("soda", Text("soda_incident_resolved.json")).Signals);

        Assert.Equal("soda:warehouse:fct_sales:row_count > 0", signal.Fingerprint);
        Assert.Equal(AlertStatus.Resolved, signal.Status);
        Assert.Equal("Soda check \"row_count > 0\" resolved on fct_sales", signal.Title);
        Assert.Null(signal.Severity);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 8, 8, 22, TimeSpan.Zero).AddTicks(6201964), signal.ObservedAt);
        Assert.Equal("Reloaded from the backup", signal.Details);
        Assert.Equal("https://cloud.soda.io/checks/c1", signal.Url);
    }

    [Theory]
    [InlineData("soda_incident_created.json")]
    public void IncidentCreated_GivesNoSignal(string fixture)
    {
        Assert.Empty(Accept("soda", Text(fixture)).Signals);
    }

    [Theory]
    [InlineData("""{"event":"validate","sentAt":"2022-10-01T09:12:10.042323Z"}""")]
    [InlineData("""{"event":"incidentUpdated","incident":{"status":"investigating","checkResults":[{"name":"c","outcome":"fail"}]}}""")]
    [InlineData("""{"event":"incidentUpdated","incident":{"status":"resolved"}}""")]
    [InlineData("""{"event":"contractPublished","contract":{}}""")]
    public void EventsWithNothingToActOn_GiveNoSignal(string body)
    {
        Assert.Empty(Accept("soda", body).Signals);
    }

    [Fact]
    public void CheckResultsWithoutEvent_AreReadAsAnEvaluation()
    {
        var signal = Assert.Single(Accept("soda", """{"checkResults":[{"name":"schema","outcome":"fail","datasets":[{"name":"t"}]}]}""").Signals);

        Assert.Equal("soda::t:schema", signal.Fingerprint);
        Assert.Equal(Category.SchemaBreak, signal.Category);
    }

    [Fact]
    public void ACheckThatCannotBeIdentified_IsRefused()
    {
        Assert.Equal(
            "checkResults[0] of the Soda payload has no name and no definition, so the check cannot be told apart.",
            Refuse("soda", """{"event":"checkEvaluation","checkResults":[{"id":"c1","outcome":"fail"}]}"""));
    }

    [Fact]
    public void AnUnknownOutcome_IsRefused()
    {
        Assert.Contains("outcome \"meh\"", Refuse("soda", """{"event":"checkEvaluation","checkResults":[{"name":"c","outcome":"meh"}]}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void AnEvaluationWithoutCheckResults_IsRefused()
    {
        Assert.Contains("no checkResults[]", Refuse("soda", """{"event":"checkEvaluation"}"""), StringComparison.Ordinal);
        Assert.Contains("no event and no checkResults[]", Refuse("soda", """{"something":"else"}"""), StringComparison.Ordinal);
    }
}
