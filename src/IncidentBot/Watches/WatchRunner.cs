using System.Globalization;
using IncidentBot.Alerts;
using IncidentBot.Configuration;
using IncidentBot.Domain;
using IncidentBot.Domain.Ports;
using IncidentBot.Domain.Watches;
using IncidentBot.Incidents;
using IncidentBot.Messages;
using IncidentBot.Queues;
using Microsoft.Extensions.Options;

namespace IncidentBot.Watches;

/// <summary>
/// One run of one watch. Claims the period in the database (so with several replicas each period runs
/// once, even if Hangfire handed it out twice), runs the query with <c>Watches:QueryTimeout</c>, and:
/// <list type="bullet">
/// <item>stale: a firing signal <c>watch:&lt;Name&gt;</c> stored in the inbox's alert lane, keyed by the
/// watch and period, so it is applied exactly like an alert (opens or joins, repeats are counted);</item>
/// <item>fresh: a resolved signal (a stale incident hears "passing again"; otherwise nothing);</item>
/// <item>failed: no signal (nothing is known about the data); logged, counted, and the third failure in
/// a row queues one warning for the channel.</item>
/// </list>
/// </summary>
public sealed class WatchRunner(
    IWatchStore store,
    IInbox inbox,
    InboxSignal wake,
    IEnumerable<IWarehouseClient> warehouses,
    IncidentMessages messages,
    IConfiguration configuration,
    TimeProvider time,
    IOptions<WatchesOptions> options,
    IOptions<IncidentsOptions> incidents,
    ILogger<WatchRunner> logger)
{
    public const string Source = "watch";

    /// <summary>Runs watch <paramref name="name"/> for the current period; null when there was nothing to do (another run had the period, or the watch is gone).</summary>
    public async Task<WatchResult?> RunAsync(string name, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Find(name) is not { } watch)
        {
            logger.LogWarning("Watch {Watch} is no longer configured; its job does nothing", name);
            return null;
        }
        var now = time.GetUtcNow();
        var period = Period(now, watch.Every);
        if (!await store.ClaimAsync(watch.Name, period, now, cancellationToken))
        {
            logger.LogDebug("Watch {Watch}: period {Period} already ran", watch.Name, period);
            return null;
        }
        DateTimeOffset newest;
        try
        {
            newest = await ReadAsync(watch, settings.QueryTimeout, cancellationToken);
        }
        catch (WatchQueryException e)
        {
            await FailAsync(watch, period, e.Message, cancellationToken);
            return WatchResult.Failed;
        }
        var checkedAt = time.GetUtcNow();
        var freshness = Freshness.Judge(newest, watch.MaxAge, checkedAt);
        var signal = Signal(watch, freshness);
        var key = $"watch:{watch.Name}:{period}";
        if (await inbox.AdmitAsync(new InboxItem(key, InboxKind.Alert, new StoredAlerts(Source, [signal]).ToJson(), AlertIntake.Lane, checkedAt), cancellationToken))
        {
            wake.Notify();
        }
        var result = freshness.Stale ? WatchResult.Stale : WatchResult.Fresh;
        await store.RecordReadingAsync(watch.Name, period, result, newest, checkedAt, cancellationToken);
        logger.LogInformation("Watch {Watch}: {Result}, newest load {NewestLoad:O}", watch.Name, result, newest);
        return result;
    }

    private async Task<DateTimeOffset> ReadAsync(WatchDefinition watch, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var warehouse = warehouses.FirstOrDefault(w => string.Equals(w.Kind, watch.Warehouse, StringComparison.OrdinalIgnoreCase))
            ?? throw new WatchQueryException($"no warehouse client for '{watch.Warehouse}'");
        var connectionString = configuration.GetConnectionString(watch.Connection);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new WatchQueryException($"ConnectionStrings:{watch.Connection} is not set");
        }
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await warehouse.ReadNewestLoadAsync(connectionString, watch.Query, timeout, linked.Token);
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new WatchQueryException($"timed out after {Seconds(timeout)} (Watches:QueryTimeout)", e);
        }
        catch (Exception e) when (e is not (WatchQueryException or OperationCanceledException))
        {
            // An unexpected driver error: its type only, as its message could carry connection details.
            throw new WatchQueryException($"the query failed ({e.GetType().Name})", e);
        }
    }

    private async Task FailAsync(WatchDefinition watch, long period, string error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var states = await store.ListAsync(cancellationToken);
        var before = states.FirstOrDefault(s => s.Name == watch.Name);
        var warning = IncidentService.Thread(messages.WatchFailing(new WatchFailingModel
        {
            Name = watch.Name,
            Failures = WatchesOptions.WarnAfter,
            Error = error,
            Since = before?.NewestLoad,
        })) with
        {
            Kind = OutboxKind.PostInChannel,
            Channel = incidents.Value.Channel,
            DedupKey = $"watch/{watch.Name}/failing/{period}",
        };
        var state = await store.RecordFailureAsync(watch.Name, period, error, now, WatchesOptions.WarnAfter, warning, cancellationToken);
        logger.LogWarning("Watch {Watch} failed ({Failures} in a row): {Error}", watch.Name, state.ConsecutiveFailures, error);
    }

    /// <summary>The firing or resolved signal for <paramref name="freshness"/>, as an alert tool would send it.</summary>
    public static AlertSignal Signal(WatchDefinition watch, Freshness freshness) => new()
    {
        Source = Source,
        Fingerprint = watch.Fingerprint,
        Status = freshness.Stale ? AlertStatus.Firing : AlertStatus.Resolved,
        Title = Title(watch, freshness),
        Severity = watch.Severity,
        Category = Category.StaleData,
        Assets = watch.Assets,
        DataWrongSince = freshness.Stale ? freshness.WrongSince : null,
        Details = $"The watch's query returned {Utc(freshness.NewestLoad)} as the newest load; it may be at most {Hours(watch.MaxAge)} old.",
        DetectedBy = $"watch {watch.Name}",
        Owner = watch.Owner,
    };

    /// <summary>"fct_revenue_daily: newest load 2026-02-08 06:00 UTC, 2 d 12 h old (max 26 h)".</summary>
    public static string Title(WatchDefinition watch, Freshness freshness)
    {
        var title = $"{watch.Name}: newest load {Utc(freshness.NewestLoad)}, {SlackTime.Duration(freshness.Age)} old (max {Hours(watch.MaxAge)})";
        return title.Length <= Incident.MaxTitleLength ? title : title[..Incident.MaxTitleLength];
    }

    /// <summary>The period of <paramref name="every"/> nearest to <paramref name="now"/>: a run a little early or late (replica clocks, polling) still counts for the period it was meant for.</summary>
    public static long Period(DateTimeOffset now, TimeSpan every)
    {
        var ms = (long)every.TotalMilliseconds;
        return (now.ToUnixTimeMilliseconds() + ms / 2) / ms;
    }

    /// <summary>A configured span as people write it: whole hours as hours ("26 h"), else exactly.</summary>
    public static string Hours(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerHour == 0 ? $"{(long)span.TotalHours} h" : SlackTime.Exact(span);

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";
}
