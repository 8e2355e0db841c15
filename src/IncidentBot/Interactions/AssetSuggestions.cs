using IncidentBot.Catalog;
using IncidentBot.Domain.Catalog;
using IncidentBot.Slack;

namespace IncidentBot.Interactions;

/// <summary>
/// Answers <c>block_suggestion</c> for the declaration form's affected-assets select, at once and
/// read-only: the catalog's names that match what was typed (exact and prefix first), and what was
/// typed itself, so a table the dbt project does not know can still be named.
/// </summary>
public sealed class AssetSuggestions(CatalogService catalog)
{
    public const int Limit = 20;

    public async Task<IResult> AnswerAsync(InteractionPayload payload, CancellationToken cancellationToken)
    {
        if (payload.SuggestionActionId != SlackIds.InputAffected)
        {
            return Results.Json(BlockKit.Suggestions([]));
        }
        var typed = (payload.SuggestionQuery ?? "").Trim();
        if (typed.Length > 200)
        {
            typed = typed[..200];
        }
        var known = await catalog.GetAsync(cancellationToken);
        var options = known.Search(typed, Limit).Select(Option).ToList();
        if (typed.Length > 0 && known.Find(typed) is null)
        {
            options.Add(($"{typed} (as typed)", typed));
        }
        return Results.Json(BlockKit.Suggestions(options));
    }

    /// <summary>"Revenue Dashboard · dashboard", valued by its unique id (or its name where the id does not fit in a value).</summary>
    private static (string Text, string Value) Option(CatalogAsset asset)
    {
        var kind = asset.Kind == AssetKind.Exposure ? asset.ExposureType ?? "exposure" : asset.Kind.ToString().ToLowerInvariant();
        var where = asset.Relation ?? asset.UniqueId;
        var value = asset.UniqueId.Length <= SlackLimits.OptionValue ? asset.UniqueId : asset.DisplayName;
        return ($"{asset.DisplayName} · {kind}{(asset.Kind == AssetKind.Exposure ? "" : " · " + where)}", value);
    }
}
