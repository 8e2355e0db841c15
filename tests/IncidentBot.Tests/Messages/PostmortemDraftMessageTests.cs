using IncidentBot.Messages;

namespace IncidentBot.Tests.Messages;

public class PostmortemDraftMessageTests
{
    [Fact]
    public void Draft_CutsALongDraftAtLineEnds_IntoSectionsSlackAccepts_AndSaysWhereTheRestIs()
    {
        var lines = Enumerable.Range(1, 2000).Select(i => $"| 2026-02-12 09:{i % 60:D2} UTC | @U{i} | line {i} of the timeline |");
        var markdown = "# Data Incident Postmortem: INC-1\n" + string.Join("\n", lines);

        var blocks = PostmortemMessages.Draft("Postmortem of INC-1: due tomorrow.", markdown, "https://bot.example.com/incidents/INC-1/postmortem");

        Assert.True(blocks.Count <= 50, $"{blocks.Count} blocks");
        var sections = blocks.Skip(1).Where(b => (string?)b!["type"] == "section").Select(b => (string)b!["text"]!["text"]!).ToList();
        Assert.Equal(PostmortemMessages.DraftSections, sections.Count);
        Assert.All(sections, text =>
        {
            Assert.True(text.Length <= 3000, $"{text.Length} characters");
            Assert.StartsWith("```", text);
            Assert.EndsWith("|```", text);
        });
        Assert.StartsWith("```# Data Incident Postmortem: INC-1\n| 2026-02-12 09:01 UTC | @U1 |", sections[0]);
        Assert.Contains("https://bot.example.com/incidents/INC-1/postmortem", blocks[^1]!.ToJsonString());
    }

    [Fact]
    public void Draft_KeepsTheEncodersEntities_AndTurnsItsLineBreaksAndStrayBracketsIntoText()
    {
        var blocks = PostmortemMessages.Draft("status", "# INC-1 &lt;!channel&gt; &amp; more\n| note | first<br>second |", null);

        var text = (string)blocks[1]!["text"]!["text"]!;
        Assert.Equal("```# INC-1 &lt;!channel&gt; &amp; more\n| note | first / second |```", text);
        Assert.Equal(2, blocks.Count);
    }
}
