using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// No user text can change the postmortem draft's shape: every table row keeps its header's number of
/// columns, and the headings are the template's, whatever backslashes, pipes and line breaks people type.
/// </summary>
public abstract class MarkdownBreakoutTests(StorageProvider provider) : BotTestBase(provider)
{
    private static readonly string[] Headings =
        ["## Summary", "## Timeline", "## Root Cause", "## Impact", "## What Went Well", "## What Could Be Improved", "## Action Items"];

    [Theory]
    [InlineData("\\|")]
    [InlineData("\\\\|")]
    [InlineData("\\")]
    [InlineData("a \\| b | c \\\\| d")]
    [InlineData("x\n## Injected\n| a | b | c | d | e | f |")]
    public async Task UserTextWithBackslashesPipesAndLineBreaks_NeverChangesATableOrAHeading(string sneaky)
    {
        await OpenAsync("INC-1", $"open P1 orders {sneaky} mart stale");
        await CommandAsync($"update INC-1 backfill {sneaky} running");
        await CommandAsync($"action INC-1 add <@{SlackRequests.Bob}> +3d freshness {sneaky} test");
        await CommandAsync($"resolve INC-1 rebuilt {sneaky} the marts");

        using var response = await Client.GetAsync("/incidents/INC-1/postmortem");
        var markdown = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = markdown.Split('\n');
        Assert.Single(lines, l => l.StartsWith("# ", StringComparison.Ordinal));
        Assert.Equal(Headings, lines.Where(l => l.StartsWith("##", StringComparison.Ordinal)).ToArray());
        var tables = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith('|') || (i > 0 && lines[i - 1].StartsWith('|')))
            {
                continue;
            }
            tables++;
            var columns = Cells(lines[i]);
            for (var row = i + 1; row < lines.Length && lines[row].StartsWith('|'); row++)
            {
                Assert.True(Cells(lines[row]) == columns, $"Row {row} should have {columns} columns like its header:\n{lines[row]}\n\n{markdown}");
            }
        }
        Assert.Equal(2, tables);
        Assert.Contains("freshness", markdown);
    }

    /// <summary>Cells as a GFM table reads them: split on pipes not escaped by an odd number of backslashes.</summary>
    private static int Cells(string row)
    {
        var pipes = 0;
        for (var i = 0; i < row.Length; i++)
        {
            var backslashes = 0;
            for (var j = i - 1; j >= 0 && row[j] == '\\'; j--)
            {
                backslashes++;
            }
            if (row[i] == '|' && backslashes % 2 == 0)
            {
                pipes++;
            }
        }
        return pipes - 1;
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class MarkdownBreakoutTestsOnSqlite() : MarkdownBreakoutTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class MarkdownBreakoutTestsOnPostgres() : MarkdownBreakoutTests(StorageProvider.Postgres);
