using System.Text.Json.Nodes;
using IncidentBot.Slack;

namespace IncidentBot.SlackApi;

/// <summary>
/// views.open, the one Slack call allowed on the request path: its trigger_id expires 3 s after the
/// click, so it cannot wait for the outbox. Bounded to 2 s so the acknowledgement still makes it on a busy host.
/// </summary>
public sealed class ViewOpener(IServiceProvider services, ILogger<ViewOpener> logger)
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(2000);

    /// <summary>Null on success, else a sentence for the user.</summary>
    public async Task<string?> OpenAsync(string? triggerId, JsonObject view, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(triggerId))
        {
            return "Slack sent no trigger_id, so no form can be opened.";
        }
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        var client = services.GetRequiredService<SlackWebApiClient>();
        SlackApiResult result;
        try
        {
            result = await client.OpenViewAsync(triggerId, view, budget.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("views.open did not answer within {Budget}", Budget);
            return "Slack did not open the form in time.";
        }
        if (result.Ok)
        {
            return null;
        }
        logger.LogWarning("views.open failed: {Error} ({Failure})", result.Error, result.Failure);
        return $"Slack would not open the form ({Mrkdwn.Escape(result.Error ?? result.Failure.ToString())}).";
    }
}
