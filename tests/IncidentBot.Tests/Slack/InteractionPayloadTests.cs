using System.Net;
using IncidentBot.Slack;

namespace IncidentBot.Tests.Slack;

public sealed class InteractionPayloadTests
{
    [Fact]
    public void Parse_ButtonClickFromSlacksDocs_ReadsTheClickAndItsMessage()
    {
        var payload = InteractionPayload.Parse(SlackFixtures.AsInteractionForm("block_actions_button.json"));

        Assert.NotNull(payload);
        Assert.Equal("block_actions", payload.Type);
        Assert.Equal("T9TK3CUKW", payload.TeamId);
        Assert.Equal("UA8RXUSPL", payload.UserId);
        Assert.Equal("jtorrance", payload.UserName);
        Assert.Equal("12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3", payload.TriggerId);
        Assert.Equal("https://hooks.slack.com/actions/AABA1ABCD/1232321423432/D09sSasdasdAS9091209", payload.ResponseUrl);
        Assert.Equal("CBR2V3XEX", payload.ChannelId);
        Assert.Equal("1548261231.000200", payload.MessageTs);
        Assert.Null(payload.View);
        var action = Assert.Single(payload.Actions);
        Assert.Equal("WaXA", action.ActionId);
        Assert.Equal("=qXel", action.BlockId);
        Assert.Equal("click_me_123", action.Value);
        Assert.Equal("button", action.Type);
        Assert.Equal("1548426417.840180", action.ActionTs);
        Assert.Null(action.SelectedOptionValue);
    }

    [Fact]
    public void Parse_ButtonInAThreadWithoutValue_ReadsNullValueAndTheThread()
    {
        var payload = InteractionPayload.Parse(SlackFixtures.AsInteractionForm("block_actions_button_message_vercel_chat.json"));

        Assert.NotNull(payload);
        Assert.Equal("T00FAKE00AA", payload.TeamId);
        Assert.Equal("C00FAKECHAN1", payload.ChannelId);
        Assert.Equal("1767326126.896109", payload.MessageTs);
        Assert.Equal("1767326125.870439", payload.ThreadTs);
        var action = Assert.Single(payload.Actions);
        Assert.Equal("info", action.ActionId);
        Assert.Equal("P0z+f", action.BlockId);
        Assert.Null(action.Value);
    }

    [Fact]
    public void Parse_StaticSelectChoice_ReadsTheSelectedOptionValue()
    {
        var payload = InteractionPayload.Parse(SlackFixtures.AsInteractionForm("block_actions_static_select.json"));

        var action = Assert.Single(payload!.Actions);
        Assert.Equal("static_select", action.Type);
        Assert.Equal("quick_action", action.ActionId);
        Assert.Equal("greet", action.SelectedOptionValue);
        Assert.Null(action.Value);
    }

    [Fact]
    public void Parse_ClickInTheHomeTab_ReadsTheViewAndHasNoChannel()
    {
        var payload = InteractionPayload.Parse(SlackFixtures.AsInteractionForm("block_actions_button_home_tab_compact.json"));

        Assert.NotNull(payload);
        Assert.Equal("T123", payload.TeamId);
        Assert.Null(payload.ChannelId);
        Assert.Null(payload.MessageTs);
        Assert.Equal("V123", payload.View!.Id);
        Assert.Equal("home", payload.View.Type);
        Assert.Equal("1583634748.7562ffd9", payload.View.Hash);
        Assert.Equal("", payload.View.PrivateMetadata);
        Assert.Equal("create_task", Assert.Single(payload.Actions).Value);
    }

    [Fact]
    public void Parse_ViewSubmission_ReadsTheViewAndItsState()
    {
        var payload = InteractionPayload.Parse(SlackFixtures.AsInteractionForm("view_submission.json"));

        Assert.NotNull(payload);
        Assert.Equal("view_submission", payload.Type);
        Assert.Equal("U12345678", payload.UserId);
        Assert.Empty(payload.Actions);
        var view = payload.View!;
        Assert.Equal("V12345678", view.Id);
        Assert.Equal("modal-callback-id", view.CallbackId);
        Assert.Equal("", view.PrivateMetadata);
        Assert.Equal("1569562184.10297bc3", view.Hash);
        Assert.Equal("3", view.State.GetValue("rating", "single_action"));
        Assert.Equal("2019-09-23", view.State.GetValue("date-of-visit", "single_action"));
        Assert.Equal("Just amazing!", view.State.GetValue("comment", "single_action"));
        Assert.Null(view.State.GetValue("comment", "other_action"));
        Assert.Null(view.State.GetValue("missing", "single_action"));
    }

    [Fact]
    public void Parse_ViewClosed_ReadsTheType()
    {
        var payload = InteractionPayload.Parse("payload=" + WebUtility.UrlEncode("""{"type":"view_closed","user":{"id":"U1"},"view":{"id":"V1","callback_id":"incident-open-modal"},"is_cleared":false}"""));

        Assert.Equal("view_closed", payload!.Type);
        Assert.Equal("incident-open-modal", payload.View!.CallbackId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("payload=")]
    [InlineData("payload=%7Bnot+json")]
    [InlineData("payload=%5B1%2C2%5D")]
    [InlineData("payload=%22text%22")]
    [InlineData("other=%7B%7D")]
    [InlineData("{\"type\":\"block_actions\"}")]
    public void Parse_WhenThePayloadIsMissingOrNotAJsonObject_ReturnsNull(string? body)
    {
        Assert.Null(InteractionPayload.Parse(body));
    }

    [Fact]
    public void Parse_WhenFieldsHaveUnexpectedKinds_ReadsThemAsNull()
    {
        var json = """{"type":"block_actions","user":"U1","team":42,"channel":{"id":7},"actions":[1,{"action_id":["x"],"value":"ok"}],"view":"V1"}""";

        var payload = InteractionPayload.Parse("payload=" + WebUtility.UrlEncode(json));

        Assert.NotNull(payload);
        Assert.Null(payload.UserId);
        Assert.Null(payload.TeamId);
        Assert.Equal("7", payload.ChannelId);
        Assert.Null(payload.View);
        var action = Assert.Single(payload.Actions);
        Assert.Null(action.ActionId);
        Assert.Equal("ok", action.Value);
    }
}
