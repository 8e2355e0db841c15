using IncidentBot.Alerts;
using IncidentBot.Domain;
using static IncidentBot.Tests.Alerts.AlertFixtures;

namespace IncidentBot.Tests.Alerts;

public sealed class DbtCloudPayloadTests
{
    [Fact]
    public void Errored_TheDocumentedSample_IsAFiringPipelineFailure()
    {
        var delivery = Accept("dbt-cloud", Text("dbt_cloud_errored.json"));

        Assert.Equal("wev_123", delivery.DeliveryId);
        var signal = Assert.Single(delivery.Signals);
        Assert.Equal("dbt-cloud", signal.Source);
        Assert.Equal("dbt-cloud:1:42", signal.Fingerprint);
        Assert.Equal(AlertStatus.Firing, signal.Status);
        Assert.Equal("dbt Cloud job \"Nightly marts\" errored (run 9001)", signal.Title);
        Assert.Null(signal.Severity);
        Assert.Equal(Category.PipelineFailure, signal.Category);
        Assert.Empty(signal.Assets);
        Assert.Equal(Utc(6, 5), signal.ObservedAt);
        Assert.Null(signal.Url);
        Assert.Null(signal.Details); // "None" is dbt Cloud's way of saying nothing
        Assert.Equal("dbt Cloud", signal.DetectedBy);
    }

    [Fact]
    public void CompletedErrored_OlderSpelling_WithoutRunStatusCode_IsFiringWithTheMessage()
    {
        var delivery = Accept("dbt-cloud", Text("dbt_cloud_completed_errored_old.json"));

        Assert.Equal("wev_124", delivery.DeliveryId);
        var signal = Assert.Single(delivery.Signals);
        Assert.Equal("dbt-cloud:1:42", signal.Fingerprint);
        Assert.Equal(AlertStatus.Firing, signal.Status);
        Assert.Equal("dbt Cloud job \"Nightly marts\" errored (run 9001)", signal.Title);
        Assert.Equal(Utc(6, 5, 1), signal.ObservedAt); // runFinishedAt when there is no runErroredAt
        Assert.Equal("Database Error in model fct_sales (models/marts/fct_sales.sql)\nrelation \"raw.orders\" does not exist", signal.Details);
    }

    [Fact]
    public void CompletedSuccess_OfTheSameJob_ResolvesTheSameFingerprint()
    {
        var delivery = Accept("dbt-cloud", Text("dbt_cloud_completed_success.json"));

        Assert.Equal("wev_200", delivery.DeliveryId);
        var signal = Assert.Single(delivery.Signals);
        Assert.Equal("dbt-cloud:1:42", signal.Fingerprint); // numbers or strings, the same job
        Assert.Equal(AlertStatus.Resolved, signal.Status);
        Assert.Equal("dbt Cloud job 42 succeeded (run 9002)", signal.Title); // no jobName
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 7, 9, 30, TimeSpan.Zero), signal.ObservedAt);
        Assert.Equal(Category.PipelineFailure, signal.Category);
    }

    [Fact]
    public void Started_IsValid_WithNoSignal_ButKeepsTheDeliveryId()
    {
        var delivery = Accept("dbt-cloud", Text("dbt_cloud_started.json"));

        Assert.Empty(delivery.Signals);
        Assert.Equal("wev_100", delivery.DeliveryId);
    }

    [Theory]
    [InlineData("\"runStatus\":\"Cancelled\",\"runStatusCode\":30")]
    [InlineData("\"runStatusCode\":30")]
    [InlineData("\"runStatus\":\"Running\"")]
    public void CompletedCancelledOrUnknown_GivesNoSignal(string status)
    {
        var body = """{"accountId":1,"eventId":"e","eventType":"job.run.completed","data":{"jobId":"42",""" + status + "}}";

        Assert.Empty(Accept("dbt-cloud", body).Signals);
    }

    [Theory]
    [InlineData("\"runStatusCode\":20", AlertStatus.Firing)]
    [InlineData("\"runStatusCode\":10", AlertStatus.Resolved)]
    [InlineData("\"runStatus\":\"success\",\"runStatusCode\":10", AlertStatus.Resolved)]
    public void Completed_ReadsRunStatusOrItsCode(string status, AlertStatus expected)
    {
        var body = """{"accountId":"1","eventType":"job.run.completed","data":{"jobId":"42",""" + status + "}}";

        var signal = Assert.Single(Accept("dbt-cloud", body).Signals);

        Assert.Equal(expected, signal.Status);
        Assert.Equal("dbt Cloud job 42 " + (expected == AlertStatus.Firing ? "errored" : "succeeded"), signal.Title);
    }

    [Fact]
    public void ARunUrl_IsKeptOnlyWhenThePayloadGivesAnHttpOne()
    {
        var body = """{"accountId":1,"eventType":"job.run.errored","data":{"jobId":"42","runUrl":"https://cloud.getdbt.com/deploy/1/projects/3/runs/9001"}}""";

        Assert.Equal("https://cloud.getdbt.com/deploy/1/projects/3/runs/9001", Assert.Single(Accept("dbt-cloud", body).Signals).Url);
    }

    [Theory]
    [InlineData("""{"eventType":"job.run.errored","data":{"jobId":"42"}}""")]
    [InlineData("""{"accountId":1,"eventType":"job.run.errored","data":{"jobName":"x"}}""")]
    [InlineData("""{"accountId":1,"eventType":"job.run.errored"}""")]
    public void WithoutAccountOrJob_IsRefused(string body)
    {
        Assert.Equal(
            "The dbt Cloud payload has no accountId or data.jobId, so the job cannot be told apart: send dbt Cloud's webhook body.",
            Refuse("dbt-cloud", body));
    }

    [Fact]
    public void WithoutEventType_IsRefused()
    {
        Assert.Contains("no eventType", Refuse("dbt-cloud", """{"accountId":1,"data":{"jobId":"42"}}"""), StringComparison.Ordinal);
    }
}
