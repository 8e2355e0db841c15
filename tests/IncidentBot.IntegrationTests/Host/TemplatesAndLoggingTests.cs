using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// A team edits the wording in its own copy of the templates (<c>Templates:Path</c>) and sees it in
/// Slack without a rebuild; a template with a syntax error stops the start naming the file and line.
/// Logs: one line per request, as compact JSON when <c>Log:Format</c> is <c>Json</c>, with nothing secret in it.
/// </summary>
public abstract class TemplatesAndLoggingTests(StorageProvider provider) : OwnHostsTestBase(provider)
{
    private static DirectoryInfo CopyOfTemplates()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "templates");
        var copy = Directory.CreateTempSubdirectory("incidentbot-templates-");
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(copy.FullName, Path.GetFileName(file)));
        }
        return copy;
    }

    [Fact]
    public async Task AnEditedCopyOfATemplate_IsWhatSlackReceives()
    {
        var templates = CopyOfTemplates();
        var update = Path.Combine(templates.FullName, "update.scriban");
        File.WriteAllText(update, File.ReadAllText(update).Replace("*UPDATE -- ", "*Heads-up from the data team -- ", StringComparison.Ordinal));
        var settings = Settings();
        settings["Templates:Path"] = templates.FullName;
        var bot = await StartInProcessAsync(settings);

        await BotTestBase.SendAsync(bot.Client, Requests.Command("open P2 orders mart stale since 06:00"), Slack);
        await Slack.WaitForHeadlineAsync("INC-1");
        await BotTestBase.SendAsync(bot.Client, Requests.Command("update INC-1 found it: the orchestrator runs --select staging.*"), Slack);

        var posted = await Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.AllText.Contains("found it", StringComparison.Ordinal), "the status update");
        Assert.Contains("*Heads-up from the data team -- P2 Data Incident INC-1*", posted.AllText);
        Assert.DoesNotContain("*Root cause:*", posted.AllText);
    }

    [Fact]
    public async Task ATemplateWithASyntaxError_StopsTheStart_NamingFileAndLine()
    {
        var templates = CopyOfTemplates();
        File.WriteAllText(Path.Combine(templates.FullName, "headline.scriban"), "*Summary:* {{ title }}\n*Owner:* {{ if owner }}{{ user owner }}\n");
        var settings = Settings();
        settings["Templates:Path"] = templates.FullName;

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => StartProcessAsync(settings));

        Assert.StartsWith("The bot exited with code", failed.Message);
        Assert.Matches(@"headline\.scriban\(2,\d+\): ", failed.Message);
    }

    [Fact]
    public async Task WithJsonLogs_EachRequestIsOneCompactJsonLine_WithoutBodyTokenOrSignature()
    {
        var settings = Settings();
        settings["Log:Format"] = "Json";
        settings["Serilog:MinimumLevel:Default"] = "Information";
        var bot = await StartProcessAsync(settings);
        var command = Requests.Command("open P2 secret-title-never-logged");

        await BotTestBase.SendAsync(bot.Client, command, Slack);
        await StoredState.WaitUntilAsync(() => Task.FromResult(bot.Output.Contains("\"RequestPath\":\"/slack/commands\"", StringComparison.Ordinal)), "the request log line");

        var line = bot.Output.Split('\n').Single(l => l.Contains("\"RequestPath\":\"/slack/commands\"", StringComparison.Ordinal));
        Assert.StartsWith("{\"@t\":", line);
        Assert.Contains("\"RequestMethod\":\"POST\"", line);
        Assert.Contains("\"StatusCode\":200", line);
        Assert.Contains("\"Elapsed\":", line);
        Assert.DoesNotContain("secret-title-never-logged", bot.Output);
        Assert.DoesNotContain(BotSettings.SigningSecret, bot.Output);
        Assert.DoesNotContain(BotSettings.BotToken, bot.Output);
        Assert.DoesNotContain("v0=", bot.Output);
        Assert.DoesNotContain("Request starting", bot.Output);
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class TemplatesAndLoggingTestsOnSqlite() : TemplatesAndLoggingTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class TemplatesAndLoggingTestsOnPostgres() : TemplatesAndLoggingTests(StorageProvider.Postgres);
