using IncidentBot.Messages;
using IncidentBot.SlackApi;

namespace IncidentBot.Tests.Messages;

/// <summary>Who is named and who is mentioned (issue 18, points 5 and 7).</summary>
public sealed class NamesAndMentionsTests
{
    [Theory]
    [InlineData("Escalated (Backup) to <!subteam^S123|@data-oncall>", "Escalated (Backup) to @data-oncall")]
    [InlineData("to <!subteam^S123>", "to S123")]
    [InlineData("ask <@U0RAVI> or <@U0MAYA|maya>", "ask Ravi or maya")]
    [InlineData("<!here> see <#C1|ops> and <https://x.example/a|the runbook>", "@here see #ops and the runbook")]
    [InlineData("rows < 100 & falling", "rows < 100 & falling")]
    public void SlackMarkup_BecomesWhatAReaderOutsideSlackSees(string markup, string plain) =>
        Assert.Equal(plain, SlackMarkup.Plain(markup, id => id == "U0RAVI" ? "Ravi" : null));

    [Fact]
    public void MentionedPeople_AreFoundForLookingUpTheirNames() =>
        Assert.Equal(["U0RAVI", "U0MAYA"], SlackMarkup.People("<@U0RAVI> and <@U0MAYA|maya>, not <!subteam^S1> or <@bad id>"));

    [Theory]
    [InlineData("U0BOB", "<name:U0BOB>")]
    [InlineData("S0TEAM", "S0TEAM")]
    [InlineData("<!channel>", "&lt;!channel&gt;")]
    public void AName_IsAMarkerForAPerson_AndPlainTextOtherwise(string id, string written) =>
        Assert.Equal(written, UserNames.Marker(id));

    [Theory]
    [InlineData("U0BOB", "<@U0BOB>")]
    [InlineData("S0TEAM", "<!subteam^S0TEAM>")]
    [InlineData("<!channel> me", "&lt;!channel&gt; me")]
    public void APing_MentionsOnlyAnId_AndEscapesAnythingElse(string id, string written) =>
        Assert.Equal(written, Text(TemplateFunctions.Ping(id, TemplateFlavor.Mrkdwn)));

    [Fact]
    public void InTheDraft_APingAndAUserAreTheDisplayName()
    {
        Assert.Equal("Bob B.", Text(TemplateFunctions.Ping("U0BOB", TemplateFlavor.Markdown, _ => "Bob B.")));
        Assert.Equal("U0BOB", Text(TemplateFunctions.User("U0BOB", TemplateFlavor.Markdown, _ => null)));
    }

    private static string Text(object written) => written is TrustedText trusted ? trusted.Text : (string)written;
}
