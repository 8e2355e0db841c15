using System.Text.Json.Nodes;

namespace IncidentBot.Slack;

public static partial class BlockKit
{
    /// <summary>
    /// A modal view for views.open. Title, submit and close are cut to 24 characters; more than 100
    /// blocks are shortened like <see cref="Blocks"/>. <paramref name="privateMetadata"/> is data we
    /// read back, so over 3000 characters it throws instead of being silently corrupted.
    /// </summary>
    public static JsonObject Modal(
        string callbackId,
        string title,
        IEnumerable<JsonObject> blocks,
        string submit = "Submit",
        string close = "Cancel",
        string? privateMetadata = null)
    {
        var view = new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = CheckId(callbackId, nameof(callbackId)),
            ["title"] = PlainText(title, SlackLimits.ModalTitle),
            ["submit"] = PlainText(submit, SlackLimits.ModalButton),
            ["close"] = PlainText(close, SlackLimits.ModalButton),
            ["blocks"] = Limit(blocks, SlackLimits.ModalBlocks),
        };
        if (privateMetadata is not null)
        {
            if (privateMetadata.Length > SlackLimits.PrivateMetadata)
            {
                throw new ArgumentException($"private_metadata has at most {SlackLimits.PrivateMetadata} characters; this one has {privateMetadata.Length}.", nameof(privateMetadata));
            }
            view["private_metadata"] = privateMetadata;
        }
        return view;
    }
}
