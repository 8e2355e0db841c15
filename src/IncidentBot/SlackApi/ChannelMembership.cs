using System.Text.Json.Nodes;
using IncidentBot.Configuration;
using IncidentBot.Slack;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IncidentBot.SlackApi;

/// <summary>
/// At start, makes sure the bot is a member of <c>Incidents:Channel</c>: Slack sends thread replies and
/// reactions only from channels the bot is in. A public channel is joined (<c>conversations.join</c>,
/// scope <c>channels:join</c>); a private one cannot be, so a missing invitation is logged and shown on
/// <c>/healthz</c>. A channel given by name is looked up (<c>conversations.list</c>) so the rest of the bot
/// can use its id; the id in configuration saves that lookup.
/// </summary>
public sealed class ChannelMembership(
    IServiceProvider services,
    ChannelDirectory directory,
    IOptions<IncidentsOptions> incidents,
    IOptions<SlackOptions> slack,
    ILogger<ChannelMembership> logger) : BackgroundService
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(30);

    /// <summary>What an operator must do, or null while all is well.</summary>
    public string? Problem { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (!slack.Value.HasBotToken)
        {
            directory.MarkLookedUp();
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            bool retry;
            try
            {
                retry = await EnsureMemberAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            finally
            {
                directory.MarkLookedUp();
            }
            if (!retry)
            {
                return;
            }
            await Task.Delay(RetryEvery, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    /// <summary>Returns true when a transient failure is worth another try.</summary>
    private async Task<bool> EnsureMemberAsync(CancellationToken ct)
    {
        var configured = incidents.Value.Channel;
        var client = services.GetRequiredService<SlackWebApiClient>();
        var (id, lookup) = ChannelDirectory.LooksLikeId(configured) ? (configured, null) : await FindByNameAsync(client, configured.TrimStart('#'), ct);
        if (id is null)
        {
            return Report(lookup, $"Could not find the channel {configured} ({lookup?.Error ?? "no such channel"}). Set Incidents:Channel to the channel id (channel details > About > Channel ID).");
        }
        directory.Learn(configured, id);
        var join = await client.CallFormAsync("conversations.join", [new("channel", id)], ct);
        if (join.Ok)
        {
            Problem = null;
            logger.LogInformation("Member of {Channel} ({Id}): thread replies and reactions there reach the bot", configured, id);
            return false;
        }
        if (join.Error == "method_not_supported_for_channel_type")
        {
            var info = await client.CallFormAsync("conversations.info", [new("channel", id)], ct);
            if (info.Ok && info.Body?["channel"]?["is_member"] is JsonValue member && member.TryGetValue<bool>(out var isMember) && isMember)
            {
                Problem = null;
                return false;
            }
            return Report(info.Ok ? null : info, $"{configured} is a private channel the bot is not in: invite it there (/invite @IncidentBot), or thread replies and reactions will not reach it.");
        }
        return Report(join, join.Error == "missing_scope"
            ? $"The bot cannot join {configured}: add the scope channels:join to the app (or invite the bot to the channel)."
            : $"The bot could not join {configured} ({join.Error}): invite it to the channel.");
    }

    private bool Report(SlackApiResult? failure, string problem)
    {
        Problem = problem;
        logger.LogWarning("{Problem}", problem);
        return failure?.IsRetryable == true;
    }

    private static async Task<(string? Id, SlackApiResult? Failure)> FindByNameAsync(SlackWebApiClient client, string name, CancellationToken ct)
    {
        string? cursor = null;
        do
        {
            List<KeyValuePair<string, string>> arguments = [new("types", "public_channel,private_channel"), new("exclude_archived", "true"), new("limit", "1000")];
            if (cursor is not null)
            {
                arguments.Add(new("cursor", cursor));
            }
            var page = await client.CallFormAsync("conversations.list", arguments, ct);
            if (!page.Ok)
            {
                return (null, page);
            }
            var match = (page.Body?["channels"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["name"] == name);
            if (match is not null && (string?)match["id"] is { } id)
            {
                return (id, null);
            }
            cursor = page.Body?["response_metadata"]?["next_cursor"] is JsonValue next && next.TryGetValue<string>(out var c) && c.Length > 0 ? c : null;
        }
        while (cursor is not null);
        return (null, null);
    }
}

/// <summary>Degraded (still 200) with the membership problem, so an operator sees it on <c>/healthz</c>.</summary>
internal sealed class ChannelMembershipHealthCheck(ChannelMembership membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(membership.Problem is { } problem ? HealthCheckResult.Degraded(problem) : HealthCheckResult.Healthy());
}
