using System.Net;
using IncidentBot.Slack;

namespace IncidentBot.Tests.Slack;

/// <summary>state.values as Slack sends them for each input element IncidentBot's modals use.</summary>
public sealed class ViewStateTests
{
    private const string Submission = """
        {
          "type": "view_submission",
          "user": { "id": "U1" },
          "view": {
            "id": "V1",
            "callback_id": "incident-open-modal",
            "private_metadata": "C123",
            "hash": "1.abc",
            "state": {
              "values": {
                "incident-title": { "incident-title": { "type": "plain_text_input", "value": "Orders \"late\" <!here>" } },
                "incident-severity-input": { "incident-severity-input": { "type": "static_select", "selected_option": { "text": { "type": "plain_text", "text": "P1" }, "value": "P1" } } },
                "incident-category": { "incident-category": { "type": "static_select", "selected_option": null } },
                "incident-owner": { "incident-owner": { "type": "users_select", "selected_user": "U999" } },
                "incident-owner-team": { "incident-owner-team": { "type": "rich_text_input", "rich_text_value": { "type": "rich_text", "elements": [
                  { "type": "rich_text_section", "elements": [ { "type": "text", "text": " " }, { "type": "usergroup", "usergroup_id": "S0123" }, { "type": "text", "text": " " } ] } ] } } },
                "incident-detected-at": { "incident-detected-at": { "type": "datetimepicker", "selected_date_time": 1700000000 } },
                "incident-date": { "incident-date": { "type": "datepicker", "selected_date": "2024-02-08" } },
                "incident-time": { "incident-time": { "type": "timepicker", "selected_time": "09:30" } },
                "incident-impact": { "incident-impact": { "type": "checkboxes", "selected_options": [
                  { "text": { "type": "plain_text", "text": "Revenue" }, "value": "Revenue" },
                  { "text": { "type": "plain_text", "text": "Customers" }, "value": "CustomerFacing" } ] } },
                "incident-root-cause-identified": { "incident-root-cause-identified": { "type": "checkboxes", "selected_options": [] } },
                "incident-description": { "incident-description": { "type": "plain_text_input", "value": null } },
                "incident-watchers": { "incident-watchers": { "type": "multi_users_select", "selected_users": ["U1", "U2"] } },
                "incident-future": { "incident-future": { "type": "some_new_element", "value": "still read" } }
              }
            }
          }
        }
        """;

    private static ViewState State() =>
        InteractionPayload.Parse("payload=" + WebUtility.UrlEncode(Submission))!.View!.State;

    [Fact]
    public void GetValue_ForAPlainTextInput_ReturnsTheTextAsTyped()
    {
        Assert.Equal("Orders \"late\" <!here>", State().GetValue(SlackIds.InputTitle, SlackIds.InputTitle));
    }

    [Fact]
    public void GetValue_ForAStaticSelect_ReturnsTheSelectedOptionValue()
    {
        Assert.Equal("P1", State().GetValue(SlackIds.InputSeverity, SlackIds.InputSeverity));
    }

    [Fact]
    public void GetValue_ForARichTextInput_ReturnsAUserGroupAsItsMention()
    {
        Assert.Equal("<!subteam^S0123>", State().GetValue(SlackIds.InputOwnerTeam, SlackIds.InputOwnerTeam));
    }

    [Fact]
    public void GetValue_ForAStaticSelectLeftEmpty_ReturnsNull()
    {
        Assert.Null(State().GetValue(SlackIds.InputCategory, SlackIds.InputCategory));
    }

    [Fact]
    public void GetValue_ForAUsersSelect_ReturnsTheUserId()
    {
        Assert.Equal("U999", State().GetValue(SlackIds.InputOwner, SlackIds.InputOwner));
    }

    [Fact]
    public void GetValue_ForADateTimePicker_ReturnsUnixSecondsAsAString()
    {
        Assert.Equal("1700000000", State().GetValue(SlackIds.InputDetectedAt, SlackIds.InputDetectedAt));
    }

    [Fact]
    public void GetValue_ForDateAndTimePickers_ReturnsSlacksText()
    {
        Assert.Equal("2024-02-08", State().GetValue("incident-date", "incident-date"));
        Assert.Equal("09:30", State().GetValue("incident-time", "incident-time"));
    }

    [Fact]
    public void GetValues_ForCheckboxes_ReturnsEverySelectedValue()
    {
        Assert.Equal(["Revenue", "CustomerFacing"], State().GetValues(SlackIds.InputImpact, SlackIds.InputImpact));
    }

    [Fact]
    public void GetValue_ForCheckboxes_JoinsTheSelectedValuesWithCommas()
    {
        Assert.Equal("Revenue,CustomerFacing", State().GetValue(SlackIds.InputImpact, SlackIds.InputImpact));
    }

    [Fact]
    public void GetValues_ForCheckboxesLeftEmpty_ReturnsNothing()
    {
        Assert.Empty(State().GetValues(SlackIds.InputRootCause, SlackIds.InputRootCause));
        Assert.Null(State().GetValue(SlackIds.InputRootCause, SlackIds.InputRootCause));
    }

    [Fact]
    public void GetValue_ForATextInputLeftEmpty_ReturnsNull()
    {
        Assert.Null(State().GetValue(SlackIds.InputDescription, SlackIds.InputDescription));
    }

    [Fact]
    public void GetValues_ForAMultiUsersSelect_ReturnsEveryUser()
    {
        Assert.Equal(["U1", "U2"], State().GetValues("incident-watchers", "incident-watchers"));
    }

    [Fact]
    public void GetValue_ForAnElementTypeNotKnownToday_StillReadsItsValue()
    {
        Assert.Equal("still read", State().GetValue("incident-future", "incident-future"));
    }

    [Fact]
    public void GetValues_ForAnInputThatDoesNotExist_ReturnsNothing()
    {
        Assert.Empty(State().GetValues("nope", "nope"));
        Assert.False(State().Contains("nope", "nope"));
        Assert.True(State().Contains(SlackIds.InputDescription, SlackIds.InputDescription));
    }

    [Fact]
    public void State_WhenTheViewHasNoState_IsEmpty()
    {
        var payload = InteractionPayload.Parse("payload=" + WebUtility.UrlEncode("""{"type":"view_submission","view":{"id":"V1","state":{"values":"oops"}}}"""));

        Assert.Null(payload!.View!.State.GetValue("a", "b"));
    }
}
