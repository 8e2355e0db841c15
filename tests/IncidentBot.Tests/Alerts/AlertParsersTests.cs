using System.Text;
using IncidentBot.Alerts;
using IncidentBot.Domain;
using static IncidentBot.Tests.Alerts.AlertFixtures;

namespace IncidentBot.Tests.Alerts;

public sealed class AlertParsersTests
{
    [Fact]
    public void Sources_AreTheSixInTheUrl()
    {
        Assert.Equal(["alertmanager", "dbt-cloud", "elementary", "great-expectations", "soda", "generic"], AlertParsers.Sources);
    }

    [Theory]
    [InlineData("alertmanager", true)]
    [InlineData("DBT-Cloud", true)]
    [InlineData("Great-Expectations", true)]
    [InlineData("generic", true)]
    [InlineData("dbt", false)]
    [InlineData("", false)]
    [InlineData("soda ", true)]
    public void IsKnown_IgnoresCase(string source, bool known)
    {
        Assert.Equal(known, AlertParsers.IsKnown(source));
    }

    [Fact]
    public void AnUnknownSource_IsRefused()
    {
        Assert.Equal(
            "Unknown alert source \"pagerduty\": use one of alertmanager, dbt-cloud, elementary, great-expectations, soda, generic.",
            Refuse("pagerduty", "{}"));
    }

    [Fact]
    public void MalformedJson_IsRefusedNamingTheTool()
    {
        var reason = Refuse("alertmanager", """{"alerts":[""");

        Assert.StartsWith("The body is not valid JSON (", reason, StringComparison.Ordinal);
        Assert.EndsWith("): send the Alertmanager JSON payload.", reason, StringComparison.Ordinal);
        Assert.Equal("The body is empty: send the dbt Cloud JSON payload.", Refuse("dbt-cloud", "  "));
    }

    [Fact]
    public void MoreThanAHundredSignals_AreRefused()
    {
        var alerts = string.Join(",", Enumerable.Range(0, 101).Select(i => $$"""{"fingerprint":"f{{i}}","status":"firing","title":"t"}"""));

        Assert.Equal("The generic alert payload carries more than 100 alerts; send at most 100 per request.", Refuse("generic", $"[{alerts}]"));
        Assert.Equal(100, Accept("generic", "[" + string.Join(",", Enumerable.Range(0, 100).Select(i => $$"""{"fingerprint":"f{{i}}","status":"firing","title":"t"}""")) + "]").Signals.Count);
    }

    [Fact]
    public void MoreThanAHundredAlertmanagerAlerts_AreRefused()
    {
        var alerts = string.Join(",", Enumerable.Range(0, 150).Select(i => "{\"status\":\"firing\",\"fingerprint\":\"f" + i + "\",\"labels\":{\"alertname\":\"A\"}}"));

        Assert.Contains("more than 100 alerts", Refuse("alertmanager", $$"""{"alerts":[{{alerts}}]}"""), StringComparison.Ordinal);
    }

    public static TheoryData<string> Garbage()
    {
        var data = new TheoryData<string>
        {
            "",
            " ",
            "null",
            "[]",
            "{}",
            "[null]",
            "[1,2,3]",
            "[[]]",
            "\"text\"",
            "42",
            "true",
            "{",
            "}{",
            "{\"a\":1}{\"b\":2}",
            "\uFEFF{}",
            "<xml/>",
            "{\"alerts\":{\"a\":1}}",
            "{\"alerts\":[1,\"x\",null,[],{}]}",
            "{\"alerts\":[{\"status\":1,\"labels\":[],\"annotations\":\"x\",\"fingerprint\":{}}]}",
            "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":{\"x\":1},\"severity\":[]},\"startsAt\":99999999999999999999}]}",
            "{\"accountId\":{},\"eventType\":[],\"data\":\"x\"}",
            "{\"accountId\":1,\"eventType\":\"job.run.errored\",\"data\":{\"jobId\":[1],\"runStatusCode\":1e400}}",
            "{\"accountId\":1e308,\"eventType\":\"job.run.completed\",\"data\":{\"jobId\":-0.0,\"runStatusCode\":\"20\"}}",
            "{\"checkResults\":\"x\"}",
            "{\"event\":\"checkEvaluation\",\"checkResults\":[{\"name\":[],\"datasets\":\"x\",\"outcome\":{}}]}",
            "{\"event\":\"incidentUpdated\",\"incident\":{\"status\":\"resolved\",\"checkResults\":[1,{\"name\":\"c\",\"datasets\":[null,1,{\"datasource\":7}]}]}}",
            "{\"test_suite_name\":{},\"validation_results\":{}}",
            "[{\"test_suite_name\":\"s\",\"data_asset_name\":[1],\"validation_results\":[{\"success\":\"false\",\"expectation_config\":[],\"result\":{\"unexpected_count\":\"many\"}}]}]",
            "{\"alert_class_id\":{},\"status\":[]}",
            "{\"alert_class_id\":\"x\",\"status\":\"fail\",\"detected_at\":\"9999-99-99\",\"max_loaded_at\":[],\"source_name\":1}",
            "{\"fingerprint\":\"\\ud800\",\"status\":\"firing\",\"title\":\"\\udfff\"}",
            "{\"fingerprint\":\"a\\u0000b\",\"status\":\"firing\",\"title\":\"\\u0000\\u0001\\u0002\"}",
            "{\"\\ud800\":1,\"alerts\":[{\"status\":\"firing\",\"labels\":{\"\\ud800\":\"x\",\"a\":\"\\udc00\"}}]}",
            "{\"fingerprint\":\"x\",\"status\":\"firing\",\"title\":\"t\",\"detected_at\":\"2026-03-01T06:00:00.1234567890123456789012345Z\",\"url\":\"http://\"}",
            new string('[', 10_000) + new string(']', 10_000),
            new string('{', 5_000),
            "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 63)) + "1" + new string('}', 64),
            "{\"title\":\"" + new string('x', 2_000_000) + "\",\"fingerprint\":\"" + new string('y', 100_000) + "\",\"status\":\"firing\",\"details\":\"" + new string('\n', 100_000) + "\"}",
            "{\"alerts\":[{\"status\":\"firing\",\"labels\":{" + string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"\"l{i}\":\"v\"")) + "}}],\"commonLabels\":{" + string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"\"c{i}\":\"v\"")) + "}}",
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Garbage_NeverThrows_AndAlwaysAnswers(string body)
    {
        foreach (var source in AlertParsers.Sources)
        {
            var ok = AlertParsers.TryParse(source, body, out var delivery, out var error);

            if (ok)
            {
                Assert.NotNull(delivery);
                Assert.Null(error);
                Assert.True(delivery.Signals.Count <= AlertParsers.MaxSignals);
                foreach (var signal in delivery.Signals)
                {
                    Assert.Equal(source, signal.Source);
                    Assert.StartsWith(source + ":", signal.Fingerprint, StringComparison.Ordinal);
                    Assert.InRange(signal.Fingerprint.Length, source.Length + 1, 200);
                    Assert.InRange(signal.Title.Length, 1, Incident.MaxTitleLength);
                    Assert.DoesNotContain(signal.Title, char.IsControl);
                    Assert.DoesNotContain('\0', signal.Fingerprint);
                    Assert.True(signal.Details is null || signal.Details.Length <= 500);
                    Assert.False(string.IsNullOrWhiteSpace(signal.DetectedBy));
                }
            }
            else
            {
                Assert.Null(delivery);
                Assert.False(string.IsNullOrWhiteSpace(error));
                Assert.True(error.Length < 400, error);
            }
        }
    }

    [Fact]
    public void GarbageThatIsNoPayload_IsRefusedByEverySource()
    {
        foreach (var body in new[] { "", "null", "42", "\"x\"", "[1]", "{", new string('[', 10_000) })
        {
            foreach (var source in AlertParsers.Sources)
            {
                Assert.False(AlertParsers.TryParse(source, body, out _, out _), $"{source} accepted {body[..Math.Min(body.Length, 20)]}");
            }
        }
    }

    [Fact]
    public void ARandomMutationOfEachFixture_NeverThrows()
    {
        var fixtures = new (string Source, string Name)[]
        {
            ("alertmanager", "alertmanager_mixed_group.json"),
            ("dbt-cloud", "dbt_cloud_completed_errored_old.json"),
            ("elementary", "elementary_alert_rows.json"),
            ("great-expectations", "great_expectations_v1.json"),
            ("soda", "soda_check_evaluation.json"),
            ("generic", "generic_full.json"),
        };
        var random = new Random(12);
        var alphabet = "{}[]\":,0123456789-.eE \\ntruefalsenull\u00e9\ud83d\ude00";
        foreach (var (source, name) in fixtures)
        {
            var original = Text(name);
            for (var i = 0; i < 300; i++)
            {
                var mutated = new StringBuilder(original);
                for (var edits = random.Next(1, 4); edits > 0; edits--)
                {
                    var at = random.Next(mutated.Length);
                    switch (random.Next(3))
                    {
                        case 0:
                            mutated.Remove(at, Math.Min(random.Next(1, 8), mutated.Length - at));
                            break;
                        case 1:
                            mutated.Insert(at, alphabet[random.Next(alphabet.Length)]);
                            break;
                        default:
                            mutated[at] = alphabet[random.Next(alphabet.Length)];
                            break;
                    }
                }
                var ok = AlertParsers.TryParse(source, mutated.ToString(), out var delivery, out var error);
                Assert.True(ok ? delivery is not null && error is null : delivery is null && error is not null);
            }
        }
    }
}
