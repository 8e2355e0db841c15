namespace IncidentBot.Slack;

/// <summary>
/// Block Kit limits (characters unless noted), taken from <c>shared/slack/block_kit_limits.json</c>,
/// which cites Slack's docs (docs.slack.dev/reference/block-kit/...) and the limits encoded in
/// slackapi/python-slack-sdk@ae87985e and slackapi/node-slack-sdk@4322e14f. The entry name from that
/// file is quoted on each constant. Lengths are counted in UTF-16 characters, which is never fewer
/// than Slack's count, so staying under them is safe.
/// </summary>
public static class SlackLimits
{
    /// <summary>"message.blocks (max count)": 50.</summary>
    public const int MessageBlocks = 50;

    /// <summary>"modal/home view.blocks (max count)": 100.</summary>
    public const int ModalBlocks = 100;

    /// <summary>"message.text recommended max (chars)": 4000 (Slack truncates at 40000).</summary>
    public const int MessageTextRecommended = 4000;

    /// <summary>"block_id (chars)", "action_id (chars)", "view.callback_id (chars)": 255.</summary>
    public const int Id = 255;

    /// <summary>"section.text (chars)": 3000.</summary>
    public const int SectionText = 3000;

    /// <summary>"section.fields (max items)": 10.</summary>
    public const int SectionFields = 10;

    /// <summary>"section.fields[i].text (chars)": 2000.</summary>
    public const int SectionFieldText = 2000;

    /// <summary>"header.text (plain_text, chars)": 150.</summary>
    public const int HeaderText = 150;

    /// <summary>"text object text (plain_text/mrkdwn, chars)": 1..3000 (used for context elements).</summary>
    public const int TextObject = 3000;

    /// <summary>"context.elements (max items)": 10.</summary>
    public const int ContextElements = 10;

    /// <summary>"actions.elements (max items)": 25.</summary>
    public const int ActionsElements = 25;

    /// <summary>"button.text (chars)": 75.</summary>
    public const int ButtonText = 75;

    /// <summary>Confirmation dialog: title, text, and each of its two buttons.</summary>
    public const int ConfirmTitle = 100;
    public const int ConfirmText = 300;
    public const int ConfirmButton = 30;

    /// <summary>"button.value (chars)": 2000.</summary>
    public const int ButtonValue = 2000;

    /// <summary>"select placeholder text (chars)": 150.</summary>
    public const int Placeholder = 150;

    /// <summary>"static_select.options (max items)": 100.</summary>
    public const int SelectOptions = 100;

    /// <summary>"radio_buttons/checkboxes options (max items)": 10.</summary>
    public const int CheckboxOptions = 10;

    /// <summary>"option.text (chars)": 75.</summary>
    public const int OptionText = 75;

    /// <summary>"option.value (chars)": 150 in current docs, 75 in older docs and node types; 75 is safe for both.</summary>
    public const int OptionValue = 75;

    /// <summary>"input.label (chars)": 2000.</summary>
    public const int InputLabel = 2000;

    /// <summary>"plain_text_input max_length": 3000, the most a text input accepts.</summary>
    public const int PlainTextInput = 3000;

    /// <summary>"modal title (plain_text, chars)": 24.</summary>
    public const int ModalTitle = 24;

    /// <summary>"modal submit / close (plain_text, chars)": 24.</summary>
    public const int ModalButton = 24;

    /// <summary>"view.private_metadata (chars)": 3000.</summary>
    public const int PrivateMetadata = 3000;
}
