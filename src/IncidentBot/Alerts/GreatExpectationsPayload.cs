using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using IncidentBot.Domain;

namespace IncidentBot.Alerts;

/// <summary>
/// Great Expectations validation results: the JSON list v1's <c>APINotificationAction</c> posts (one
/// entry per validation: <c>test_suite_name</c>, <c>data_asset_name</c>, <c>validation_results</c>), the
/// single object older versions post, or a whole suite validation result (<c>meta.expectation_suite_name</c>,
/// <c>meta.active_batch_definition.data_asset_name</c>, <c>results</c>). One signal per entry.
/// <list type="bullet">
/// <item>Fingerprint: <c>great-expectations:&lt;suite&gt;:&lt;data asset&gt;</c> (<c>great-expectations:&lt;suite&gt;</c> without an asset).</item>
/// <item>Status: <c>success</c> false firing, true resolved; without a top-level <c>success</c>, firing when any
/// result has <c>success: false</c>.</item>
/// <item>Severity: null (the configured default).</item>
/// <item>Category: from the failed expectations' types (<see cref="CheckKind"/>): row count
/// <see cref="Category.DataLoss"/>, table columns or column types <see cref="Category.SchemaBreak"/>, else <see cref="Category.DataQuality"/>.</item>
/// <item>Assets: <c>data_asset_name</c>.</item>
/// </list>
/// </summary>
internal static class GreatExpectationsPayload
{
    public const string Source = "great-expectations";

    private const string Tool = "Great Expectations";

    // GE's placeholder when a validation has no data asset.
    private const string NoAsset = "__no_data_asset_name__";

    public static bool TryRead(JsonElement root, [NotNullWhen(true)] out AlertDelivery? delivery, [NotNullWhen(false)] out string? error)
    {
        delivery = null;
        var entries = AlertJson.Items(root);
        var signals = new List<AlertSignal>();
        var index = 0;
        foreach (var entry in entries)
        {
            if (signals.Count > AlertParsers.MaxSignals)
            {
                break;
            }
            if (!TryReadEntry(entry, root.ValueKind == JsonValueKind.Array ? $"[{index}]" : "", out var signal, out error))
            {
                return false;
            }
            signals.Add(signal);
            index++;
        }
        if (index == 0)
        {
            error = "The Great Expectations payload holds no validation result: send the JSON APINotificationAction posts (a list of {test_suite_name, data_asset_name, validation_results}).";
            return false;
        }
        delivery = new AlertDelivery(signals);
        error = null;
        return true;
    }

    private static bool TryReadEntry(JsonElement entry, string at, [NotNullWhen(true)] out AlertSignal? signal, [NotNullWhen(false)] out string? error)
    {
        signal = null;
        if (entry.ValueKind != JsonValueKind.Object)
        {
            error = $"The Great Expectations result{at} is not an object: send the JSON APINotificationAction posts.";
            return false;
        }
        var suite = AlertJson.FirstString(entry, "test_suite_name", "suite_name", "expectation_suite_name")
            ?? AlertJson.FirstString(AlertJson.Object(entry, "meta"), "expectation_suite_name", "suite_name");
        if (suite is null)
        {
            error = $"The Great Expectations result{at} names no suite (test_suite_name, suite_name or meta.expectation_suite_name), so the check cannot be told apart.";
            return false;
        }
        var asset = AssetOf(entry);
        var results = AlertJson.IsArray(entry, "validation_results") ? AlertJson.Array(entry, "validation_results").ToList()
            : AlertJson.Array(entry, "results").ToList();
        var success = AlertJson.Bool(entry, "success");
        if (success is null)
        {
            var outcomes = results.Select(r => AlertJson.Bool(r, "success")).Where(s => s is not null).ToList();
            if (outcomes.Count == 0)
            {
                error = $"The Great Expectations result{at} for suite {AlertText.Quote(suite)} has no success and no validation_results[].success, so it says neither failing nor passing.";
                return false;
            }
            success = outcomes.All(s => s == true);
        }
        var status = success.Value ? AlertStatus.Resolved : AlertStatus.Firing;
        var failed = results.Where(r => AlertJson.Bool(r, "success") == false).ToList();
        var on = asset is null ? "" : $" on {asset}";

        signal = new AlertSignal
        {
            Source = Source,
            Fingerprint = asset is null ? AlertText.Fingerprint(Source, suite) : AlertText.Fingerprint(Source, suite, asset),
            Status = status,
            Title = AlertText.Title($"Great Expectations suite {suite} {(success.Value ? "passed" : "failed")}{on}")!,
            Severity = null,
            Category = CheckKind.OfCheck([.. (failed.Count > 0 ? failed : results).Select(ExpectationType)]),
            Assets = AlertText.Assets([asset]),
            ObservedAt = AlertJson.Time(entry, "meta", "run_id", "run_time") ?? AlertJson.Time(entry, "meta", "validation_time") ?? AlertJson.Time(entry, "run_time"),
            Url = null,
            Details = status == AlertStatus.Firing ? AlertText.Details(string.Join("; ", failed.Take(20).Select(Describe))) : null,
            DetectedBy = Tool,
        };
        error = null;
        return true;
    }

    private static string? AssetOf(JsonElement entry)
    {
        // v1 sends the batch identifier here, a string; a serialised identifier object is read too.
        var value = AlertJson.At(entry, "data_asset_name");
        var asset = value?.ValueKind == JsonValueKind.Object
            ? AlertJson.FirstString(value, "data_asset_name", "batch_identifier")
            : AlertJson.String(value);
        asset ??= AlertJson.FirstString(AlertJson.Object(entry, "meta", "active_batch_definition"), "data_asset_name")
            ?? AlertJson.FirstString(AlertJson.Object(entry, "meta", "batch_spec"), "data_asset_name")
            ?? AlertJson.FirstString(AlertJson.Object(entry, "meta", "batch_kwargs"), "data_asset_name");
        asset = AlertText.OneLine(asset);
        return asset is null || asset == NoAsset ? null : asset;
    }

    private static string? ExpectationType(JsonElement result) =>
        AlertJson.FirstString(AlertJson.Object(result, "expectation_config"), "type", "expectation_type");

    /// <summary><c>expect_column_values_to_not_be_null(id): 12 unexpected</c>, or <c>...: observed 0</c>, or the exception.</summary>
    private static string Describe(JsonElement result)
    {
        var config = AlertJson.Object(result, "expectation_config");
        var type = ExpectationType(result) ?? "an expectation";
        var column = AlertJson.FirstString(AlertJson.Object(config, "kwargs"), "column")
            ?? (AlertJson.FirstString(AlertJson.Object(config, "kwargs"), "column_A") is { } a && AlertJson.FirstString(AlertJson.Object(config, "kwargs"), "column_B") is { } b ? $"{a}, {b}" : null);
        var text = column is null ? type : $"{type}({column})";
        var unexpected = AlertJson.Int64(result, "result", "unexpected_count");
        if (unexpected is not null)
        {
            return $"{text}: {unexpected.Value.ToString(CultureInfo.InvariantCulture)} unexpected";
        }
        if (AlertJson.String(result, "result", "observed_value") is { } observed)
        {
            return $"{text}: observed {AlertText.Cut(AlertText.OneLine(observed), 60)}";
        }
        if (AlertJson.Bool(result, "exception_info", "raised_exception") == true)
        {
            return $"{text}: raised {AlertText.Cut(AlertText.OneLine(AlertJson.String(result, "exception_info", "exception_message")) ?? "an exception", 80)}";
        }
        return text;
    }
}
