using System.Text.Json.Nodes;
using IncidentBot.Slack;

namespace IncidentBot.Tests.Slack;

public sealed class BlockKitTests
{
    private static readonly (string Text, string Value)[] Severities = [("P1 High", "P1"), ("P2 Medium", "P2"), ("P3 Low", "P3")];

    private static string? Text(JsonNode? node) => node?.GetValue<string>();

    [Fact]
    public void Button_HasTypeActionIdValueAndStyle()
    {
        var button = BlockKit.Button("Acknowledge", SlackIds.ActionAcknowledge, "42", "primary");

        Assert.Equal("button", Text(button["type"]));
        Assert.Equal("incident-acknowledge", Text(button["action_id"]));
        Assert.Equal("42", Text(button["value"]));
        Assert.Equal("primary", Text(button["style"]));
        Assert.Equal("Acknowledge", Text(button["text"]!["text"]));
    }

    [Fact]
    public void MrkdwnText_IsVerbatim_SoABareAtHereInUserTextIsNoMention()
    {
        var section = BlockKit.Section("@here the orders mart is stale, see #data-eng");

        Assert.Equal("mrkdwn", Text(section["text"]!["type"]));
        Assert.True(section["text"]!["verbatim"]!.GetValue<bool>());
    }

    [Fact]
    public void Button_WithoutStyle_HasNoStyleProperty()
    {
        Assert.False(BlockKit.Button("Go", "go", "1").ContainsKey("style"));
    }

    [Fact]
    public void Button_WithAStyleSlackDoesNotKnow_Throws()
    {
        Assert.Throws<ArgumentException>(() => BlockKit.Button("Go", "go", "1", "warning"));
    }

    [Fact]
    public void StaticSelect_WithAKnownInitialValue_PreselectsAnIdenticalOption()
    {
        var select = BlockKit.StaticSelect(SlackIds.ActionSeverity, "Severity", Severities, "P2");

        var initial = select["initial_option"]!;
        Assert.True(JsonNode.DeepEquals(select["options"]![1], initial));
    }

    [Fact]
    public void StaticSelect_WithAnUnknownInitialValue_PreselectsNothing()
    {
        Assert.False(BlockKit.StaticSelect(SlackIds.ActionSeverity, "Severity", Severities, "P9").ContainsKey("initial_option"));
    }

    [Fact]
    public void InputPlainText_UsesTheSameIdsAndTheGivenOptions()
    {
        var input = BlockKit.InputPlainText(SlackIds.InputTitle, SlackIds.InputTitle, "Summary", multiline: true, maxLength: 150, initialValue: "Orders late", optional: true, placeholder: "One sentence");

        Assert.Equal("input", Text(input["type"]));
        Assert.Equal(SlackIds.InputTitle, Text(input["block_id"]));
        Assert.True(input["optional"]!.GetValue<bool>());
        var element = input["element"]!;
        Assert.Equal("plain_text_input", Text(element["type"]));
        Assert.Equal(SlackIds.InputTitle, Text(element["action_id"]));
        Assert.True(element["multiline"]!.GetValue<bool>());
        Assert.Equal(150, element["max_length"]!.GetValue<int>());
        Assert.Equal("Orders late", Text(element["initial_value"]));
        Assert.Equal("One sentence", Text(element["placeholder"]!["text"]));
    }

    [Fact]
    public void InputPlainText_WhenMaxLengthIsAboveSlacksCeiling_ClampsItTo3000()
    {
        var input = BlockKit.InputPlainText("b", "a", "Label", maxLength: 10_000);

        Assert.Equal(SlackLimits.PlainTextInput, input["element"]!["max_length"]!.GetValue<int>());
    }

    [Fact]
    public void InputPlainText_WhenInitialValueIsLongerThanMaxLength_CutsIt()
    {
        var input = BlockKit.InputPlainText("b", "a", "Label", maxLength: 10, initialValue: "0123456789ABC");

        Assert.Equal(10, Text(input["element"]!["initial_value"])!.Length);
    }

    [Fact]
    public void InputStaticSelect_PreselectsTheInitialValue()
    {
        var input = BlockKit.InputStaticSelect(SlackIds.InputSeverity, SlackIds.InputSeverity, "Severity", Severities, "P3", optional: false);

        Assert.Equal("P3", Text(input["element"]!["initial_option"]!["value"]));
        Assert.False(input["optional"]!.GetValue<bool>());
    }

    [Fact]
    public void InputUsersSelect_WithAUserId_SetsInitialUser()
    {
        var input = BlockKit.InputUsersSelect(SlackIds.InputOwner, SlackIds.InputOwner, "Owner", "U123", optional: true);

        Assert.Equal("users_select", Text(input["element"]!["type"]));
        Assert.Equal("U123", Text(input["element"]!["initial_user"]));
    }

    [Fact]
    public void InputUsersSelect_WithSomethingThatIsNotAUserId_LeavesInitialUserOut()
    {
        var input = BlockKit.InputUsersSelect(SlackIds.InputOwner, SlackIds.InputOwner, "Owner", "<!channel>", optional: true);

        Assert.False(input["element"]!.AsObject().ContainsKey("initial_user"));
    }

    [Fact]
    public void InputDateTime_SetsInitialDateTimeInUnixSeconds()
    {
        var input = BlockKit.InputDateTime(SlackIds.InputDetectedAt, SlackIds.InputDetectedAt, "Detected at", 1_700_000_000, optional: true);

        Assert.Equal("datetimepicker", Text(input["element"]!["type"]));
        Assert.Equal(1_700_000_000L, input["element"]!["initial_date_time"]!.GetValue<long>());
    }

    [Fact]
    public void InputCheckboxes_TicksOnlyTheKnownInitialValues()
    {
        (string, string)[] options = [("Revenue", "Revenue"), ("Customers", "CustomerFacing")];

        var input = BlockKit.InputCheckboxes(SlackIds.InputImpact, SlackIds.InputImpact, "Impact", options, ["CustomerFacing", "Unknown"], optional: true);

        var initial = input["element"]!["initial_options"]!.AsArray();
        Assert.Single(initial);
        Assert.Equal("CustomerFacing", Text(initial[0]!["value"]));
    }

    [Fact]
    public void InputCheckboxes_WithNothingTicked_LeavesInitialOptionsOut()
    {
        var input = BlockKit.InputCheckboxes(SlackIds.InputImpact, SlackIds.InputImpact, "Impact", [("Revenue", "Revenue")], null, optional: true);

        Assert.False(input["element"]!.AsObject().ContainsKey("initial_options"));
    }

    [Fact]
    public void Modal_HasCallbackIdButtonsAndPrivateMetadata()
    {
        var modal = BlockKit.Modal(SlackIds.CallbackUpdateModal, "Update INC-7", [BlockKit.Divider()], submit: "Post update", privateMetadata: "7");

        Assert.Equal("modal", Text(modal["type"]));
        Assert.Equal(SlackIds.CallbackUpdateModal, Text(modal["callback_id"]));
        Assert.Equal("Post update", Text(modal["submit"]!["text"]));
        Assert.Equal("Cancel", Text(modal["close"]!["text"]));
        Assert.Equal("7", Text(modal["private_metadata"]));
        Assert.Single(modal["blocks"]!.AsArray());
    }

    [Fact]
    public void Builders_AcceptANodeThatAlreadyBelongsToAnotherBlock()
    {
        var button = BlockKit.Button("Go", "go", "1");
        var first = BlockKit.Section("one", button);

        var second = BlockKit.Section("two", button);
        var blocks = BlockKit.Blocks([first, second, first]);

        Assert.Equal(3, blocks.Count);
        Assert.Equal("go", Text(second["accessory"]!["action_id"]));
    }

    [Fact]
    public void SlackIds_AreKebabCaseAndUnique()
    {
        var ids = typeof(SlackIds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.All(ids, id => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
