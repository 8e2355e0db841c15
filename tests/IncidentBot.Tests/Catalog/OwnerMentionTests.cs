using IncidentBot.Messages;
using IncidentBot.Tests.Domain;

namespace IncidentBot.Tests.Catalog;

public sealed class OwnerMentionTests
{
    private static readonly MessageTemplates Templates = new(Path.Combine(IncidentLifecycleTests.RepositoryRoot(), "templates"));

    private static string Render(params string[] owners) =>
        Templates.Render(MessageTemplates.BlastRadius, SampleModels.BlastRadius with { ListRadius = false, Impact = [], Owners = owners });

    [Fact]
    public void ASlackId_IsAMention_AnEmail_IsLookedUpAtSend_OtherTextIsText()
    {
        var text = Render("U0PLATFORM", "maria@shop.example", "Ops <team>", "@anna");

        Assert.Contains("<@U0PLATFORM>", text, StringComparison.Ordinal);
        Assert.Contains("<email:maria@shop.example>", text, StringComparison.Ordinal);
        Assert.Contains("Ops &lt;team&gt;", text, StringComparison.Ordinal);
        Assert.Contains("@anna", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<@anna", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<email:x@y.example>")]
    [InlineData("x@y.example> <!channel")]
    [InlineData("a|b@y.example")]
    public void TextThatIsNoPlainEmail_NeverBecomesAMarker(string owner) =>
        Assert.DoesNotContain("<email:", Render(owner), StringComparison.Ordinal);

    [Fact]
    public void LaterOwners_AreIntroducedAsNewlyHit() =>
        Assert.StartsWith("Owners newly hit: <@U0NEW>", Templates.Render(MessageTemplates.BlastRadius, SampleModels.BlastRadius with { ListRadius = false, Impact = [], MoreOwners = true, Owners = ["U0NEW"] }), StringComparison.Ordinal);
}
