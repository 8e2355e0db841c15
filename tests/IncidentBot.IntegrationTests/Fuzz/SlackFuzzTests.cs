using System.Globalization;
using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Fuzz;

/// <summary>
/// Signed, mutated requests to the three Slack endpoints of the bot as a real process (so its log is
/// what an operator would read). Whatever arrives: never a 5xx, never an error or a stack trace in the
/// log, <c>/healthz</c> stays 200, a body changed after signing is refused, and every incident that
/// exists was declared from text a request the bot accepted actually carried.
/// <c>INCIDENTBOT_FUZZ_CASES</c> (default 300 per database) and <c>INCIDENTBOT_FUZZ_SEED</c> (default 17,
/// or <c>random</c>) run more or other cases; a failure names its seed and case.
/// </summary>
public abstract class SlackFuzzTests(StorageProvider provider) : OwnHostsTestBase(provider)
{
    private const int DefaultCases = 300;
    private const int DefaultSeed = 17;

    [Fact]
    public async Task SignedMutatedRequests_NeverGet5xx_NeverLogAnError_KeepHealthzGreen_AndDeclareNothingFromGarbage()
    {
        var (cases, seed) = Configuration();
        // What is under test is the edge, not Slack's pace: the garbage that declares incidents must not queue the check's headlines.
        var settings = Settings();
        settings["Slack:PostsPerSecondPerChannel"] = "1000";
        settings["Slack:PostBurstPerChannel"] = "1000";
        var bot = await StartProcessAsync(settings);
        var headline = await DeclareAsync(bot, "open P1 orders mart stale since 06:00", "INC-1");
        var before = bot.Output.Length;
        var fuzzer = new SlackFuzzer(seed, Requests);
        var accepted = new List<string>();
        var failures = new List<string>();

        for (var i = 0; i < cases; i++)
        {
            var request = fuzzer.Next(headline.ResponseTs!);
            var status = await StatusAsync(bot, request);
            if (status >= 500)
            {
                failures.Add($"case {i}: {status} for {SlackFuzzer.Describe(request)}");
            }
            else if (status < 300)
            {
                accepted.AddRange(SlackFuzzer.Texts(request));
            }
            if (i % 5 == 0 && await StatusAsync(bot, SlackFuzzer.FlipAByte(request, seed + i)) is var tampered && tampered != 401)
            {
                failures.Add($"case {i}: a byte changed after signing got {tampered}, not 401: {SlackFuzzer.Describe(request)}");
            }
            if (i % 100 == 99)
            {
                await AssertHealthyAsync(bot, $"after case {i}");
            }
        }

        Assert.True(failures.Count == 0, $"Seed {seed}:\n{string.Join('\n', failures.Take(20))}");
        // Everything the fuzz queued has been applied once a declaration made after it is in the channel.
        await DeclareAsync(bot, "open P3 settling after the fuzz", "INC-");
        await AssertHealthyAsync(bot, "at the end");
        var log = bot.Output[before..].Split('\n');
        var errors = log.Where(l => l.Contains(" ERR]", StringComparison.Ordinal) || l.Contains(" FTL]", StringComparison.Ordinal) || l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"Seed {seed}: the log should have no errors or stack traces; got:\n{string.Join('\n', errors.Take(30))}");
        var titles = await TitlesAsync();
        // The bot rewrites Slack's link and channel tokens (<https://x|click> reads "click (https://x)"), so
        // each word of a title, not the title, must come from an accepted request.
        var carried = string.Join("\n", accepted) + "\norders mart stale since 06:00\nsettling after the fuzz";
        var invented = titles.Where(t => System.Text.RegularExpressions.Regex.Matches(t, @"[\p{L}\p{N}]+").Any(w => !carried.Contains(w.Value, StringComparison.Ordinal))).ToList();
        Assert.True(invented.Count == 0, $"Seed {seed}: incidents with words no accepted request carried: {string.Join(" / ", invented)}");
    }

    private static (int Cases, int Seed) Configuration()
    {
        var cases = int.TryParse(Environment.GetEnvironmentVariable("INCIDENTBOT_FUZZ_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultCases;
        var seedText = Environment.GetEnvironmentVariable("INCIDENTBOT_FUZZ_SEED");
        var seed = seedText == "random" ? Environment.TickCount & 0x7FFFFFFF
            : int.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        return (cases, seed);
    }

    private async Task<SlackCall> DeclareAsync(BotProcess bot, string text, string reference)
    {
        var reply = await BotTestBase.SendAsync(bot.Client, Requests.Command(text), Slack);
        Assert.True(reply.Status == HttpStatusCode.OK && reply.Text.Contains(reference, StringComparison.Ordinal), $"/incident {text}: {reply}");
        var declared = System.Text.RegularExpressions.Regex.Match(reply.Text, "INC-[0-9]+").Value;
        return await Slack.WaitForHeadlineAsync(declared);
    }

    private static async Task<int> StatusAsync(BotProcess bot, SlackRequest request)
    {
        using var message = request.ToHttpRequest();
        using var response = await bot.Client.SendAsync(message);
        return (int)response.StatusCode;
    }

    private static async Task AssertHealthyAsync(BotProcess bot, string when)
    {
        using var health = await bot.Client.GetAsync("/healthz");
        Assert.True(health.StatusCode == HttpStatusCode.OK, $"/healthz {when}: {(int)health.StatusCode} {await health.Content.ReadAsStringAsync()}");
    }

    private async Task<IReadOnlyList<string>> TitlesAsync()
    {
        var titles = new List<string>();
        for (var number = 1L; await Database.ScalarAsync<string>("SELECT title FROM incidents WHERE number = @Number", new { Number = number }) is { } title; number++)
        {
            titles.Add(title);
        }
        return titles;
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class SlackFuzzTestsOnSqlite() : SlackFuzzTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class SlackFuzzTestsOnPostgres() : SlackFuzzTests(StorageProvider.Postgres);
