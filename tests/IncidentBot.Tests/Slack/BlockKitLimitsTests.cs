using System.Text.Json.Nodes;
using IncidentBot.Slack;

namespace IncidentBot.Tests.Slack;

/// <summary>Over-long text is cut with "…" so a message never fails with invalid_blocks.</summary>
public sealed class BlockKitLimitsTests
{
    private static string Long(int length) => new('x', length);

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    [Fact]
    public void Header_WhenTextIsLongerThan150_CutsItTo150WithAnEllipsis()
    {
        var header = BlockKit.Header(Long(400));

        var text = Text(header["text"]!["text"]);
        Assert.Equal(SlackLimits.HeaderText, text.Length);
        Assert.EndsWith("…", text);
        Assert.Equal("plain_text", Text(header["text"]!["type"]));
    }

    [Fact]
    public void Header_WhenTextFits_KeepsItWhole()
    {
        Assert.Equal("INC-7 · P1 · Orders late", Text(BlockKit.Header("INC-7 · P1 · Orders late")["text"]!["text"]));
    }

    [Fact]
    public void Section_WhenTextIsLongerThan3000_CutsItTo3000()
    {
        var text = Text(BlockKit.Section(Long(5000))["text"]!["text"]);

        Assert.Equal(SlackLimits.SectionText, text.Length);
        Assert.EndsWith("…", text);
    }

    [Fact]
    public void Section_WhenTextIsEmpty_StillHasText()
    {
        var text = Text(BlockKit.Section("")["text"]!["text"]);

        Assert.False(string.IsNullOrWhiteSpace(text));
    }

    [Fact]
    public void SectionFields_KeepsAtMostTenFieldsOfAtMost2000Characters()
    {
        var section = BlockKit.SectionFields(Enumerable.Range(0, 14).Select(_ => Long(2500)));

        var fields = section["fields"]!.AsArray();
        Assert.Equal(SlackLimits.SectionFields, fields.Count);
        Assert.All(fields, f => Assert.Equal(SlackLimits.SectionFieldText, Text(f!["text"]).Length));
    }

    [Fact]
    public void Context_KeepsAtMostTenElements()
    {
        var context = BlockKit.Context(Enumerable.Range(0, 12).Select(i => $"e{i}").ToArray());

        Assert.Equal(SlackLimits.ContextElements, context["elements"]!.AsArray().Count);
    }

    [Fact]
    public void Button_WhenTextIsLongerThan75_CutsItTo75()
    {
        var button = BlockKit.Button(Long(100), SlackIds.ActionAcknowledge, "7");

        var text = Text(button["text"]!["text"]);
        Assert.Equal(SlackLimits.ButtonText, text.Length);
        Assert.EndsWith("…", text);
    }

    [Fact]
    public void Button_WhenValueIsLongerThan2000_CutsItTo2000()
    {
        var button = BlockKit.Button("Go", SlackIds.ActionAcknowledge, Long(2100));

        Assert.Equal(SlackLimits.ButtonValue, Text(button["value"]).Length);
    }

    [Fact]
    public void Actions_KeepsAtMost25Elements()
    {
        var buttons = Enumerable.Range(0, 30).Select(i => BlockKit.Button($"b{i}", $"action-{i}", "v"));

        var actions = BlockKit.Actions(SlackIds.BlockHeadlineActions, buttons);

        Assert.Equal(SlackLimits.ActionsElements, actions["elements"]!.AsArray().Count);
    }

    [Fact]
    public void StaticSelect_KeepsAtMost100OptionsWithTextsOfAtMost75()
    {
        var options = Enumerable.Range(0, 120).Select(i => (Long(90), $"v{i}"));

        var select = BlockKit.StaticSelect(SlackIds.ActionSeverity, "Severity", options);

        var list = select["options"]!.AsArray();
        Assert.Equal(SlackLimits.SelectOptions, list.Count);
        Assert.All(list, o => Assert.Equal(SlackLimits.OptionText, Text(o!["text"]!["text"]).Length));
    }

    [Fact]
    public void Modal_WhenTitleIsLongerThan24_CutsItTo24()
    {
        var modal = BlockKit.Modal(SlackIds.CallbackOpenModal, "Declare a brand new data incident now", [], submit: Long(30), close: Long(30));

        Assert.Equal(SlackLimits.ModalTitle, Text(modal["title"]!["text"]).Length);
        Assert.Equal("Declare a brand new dat…", Text(modal["title"]!["text"]));
        Assert.Equal(SlackLimits.ModalButton, Text(modal["submit"]!["text"]).Length);
        Assert.Equal(SlackLimits.ModalButton, Text(modal["close"]!["text"]).Length);
    }

    [Fact]
    public void Modal_KeepsAtMost100Blocks()
    {
        var modal = BlockKit.Modal(SlackIds.CallbackOpenModal, "Title", Enumerable.Range(0, 130).Select(_ => BlockKit.Divider()));

        Assert.Equal(SlackLimits.ModalBlocks, modal["blocks"]!.AsArray().Count);
    }

    [Fact]
    public void Modal_WhenPrivateMetadataIsLongerThan3000_Throws()
    {
        Assert.Throws<ArgumentException>(() => BlockKit.Modal(SlackIds.CallbackOpenModal, "Title", [], privateMetadata: Long(3001)));
    }

    [Fact]
    public void Blocks_WhenGiven60Blocks_Keeps49AndSaysHowManyMoreThereWere()
    {
        var blocks = Enumerable.Range(0, 60).Select(i => BlockKit.Section($"block {i}"));

        var array = BlockKit.Blocks(blocks);

        Assert.Equal(SlackLimits.MessageBlocks, array.Count);
        Assert.Equal("block 48", Text(array[48]!["text"]!["text"]));
        Assert.Equal("context", Text(array[49]!["type"]));
        Assert.Equal("… 11 more not shown", Text(array[49]!["elements"]![0]!["text"]));
    }

    [Fact]
    public void Blocks_WhenGivenExactly50Blocks_KeepsThemAll()
    {
        var array = BlockKit.Blocks(Enumerable.Range(0, 50).Select(i => BlockKit.Section($"block {i}")));

        Assert.Equal(50, array.Count);
        Assert.Equal("block 49", Text(array[49]!["text"]!["text"]));
    }

    [Fact]
    public void Ids_WhenLongerThan255_Throw()
    {
        var id = Long(256);

        Assert.Throws<ArgumentException>(() => BlockKit.Button("Go", id, "1"));
        Assert.Throws<ArgumentException>(() => BlockKit.Actions(id, []));
        Assert.Throws<ArgumentException>(() => BlockKit.Modal(id, "Title", []));
        Assert.Throws<ArgumentException>(() => BlockKit.InputPlainText(id, "a", "Label"));
    }

    [Fact]
    public void Ids_WhenExactly255_AreAccepted()
    {
        var id = Long(255);

        Assert.Equal(id, Text(BlockKit.Button("Go", id, "1")["action_id"]));
    }
}
