using System.Globalization;
using IncidentBot.Domain;
using IncidentBot.Incidents;
using IncidentBot.Slack;
using IncidentBot.SlackApi;

namespace IncidentBot.Interactions;

/// <summary>
/// Modal submissions. Invalid fields come back inside the modal (<c>response_action: errors</c>),
/// keyed by block id, so the person fixes them in place; nothing is stored until every field is valid.
/// A double-clicked Submit carries the same view id and is recorded once.
/// </summary>
public sealed class ModalSubmissions(IncidentService incidents, Inbox.InboxCatchUp catchUp, TimeProvider time, ILogger<ModalSubmissions> logger)
{
    public async Task<IResult> HandleAsync(InteractionPayload payload, CancellationToken cancellationToken)
    {
        var view = payload.View;
        if (view is null)
        {
            return Results.BadRequest("A view_submission needs a view.");
        }
        var requestKey = "view:" + view.Id;
        try
        {
            return view.CallbackId switch
            {
                SlackIds.CallbackOpenModal => await OpenAsync(payload, view, requestKey, cancellationToken),
                SlackIds.CallbackUpdateModal => await UpdateAsync(payload, view, requestKey, cancellationToken),
                SlackIds.CallbackResolveModal => await ResolveAsync(payload, view, requestKey, cancellationToken),
                _ => SlackReplies.Ack(),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // An empty 200 would close the form and lose what the person typed: keep it open and say so
            // on its first field. Nothing was stored (the transaction rolled back).
            logger.LogError(e, "Failed to handle the submission of {CallbackId}", view.CallbackId);
            return FirstField(view.CallbackId) is { } field
                ? Errors(new() { [field] = "Something went wrong on IncidentBot's side and nothing was saved. Submit again in a moment; your text is still here." })
                : SlackReplies.Ack();
        }
    }

    private static string? FirstField(string? callbackId) => callbackId switch
    {
        SlackIds.CallbackOpenModal => SlackIds.InputTitle,
        SlackIds.CallbackUpdateModal => SlackIds.InputUpdateText,
        SlackIds.CallbackResolveModal => SlackIds.InputSummary,
        _ => null,
    };

    private async Task<IResult> OpenAsync(InteractionPayload payload, ViewPayload view, string requestKey, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var title = view.State.GetValue(SlackIds.InputTitle, SlackIds.InputTitle)?.Trim() ?? "";
        if (title.Length == 0)
        {
            errors[SlackIds.InputTitle] = "Give the incident a one-sentence summary.";
        }
        else if (title.Length > Incident.MaxTitleLength)
        {
            errors[SlackIds.InputTitle] = $"Keep the summary under {Incident.MaxTitleLength} characters; put details in the description.";
        }
        if (!SeverityExtensions.TryParse(view.State.GetValue(SlackIds.InputSeverity, SlackIds.InputSeverity), out var severity))
        {
            errors[SlackIds.InputSeverity] = "Choose a severity, P0 to P3.";
        }
        if (!CategoryExtensions.TryParse(view.State.GetValue(SlackIds.InputCategory, SlackIds.InputCategory), out var category))
        {
            errors[SlackIds.InputCategory] = "Choose one of the six categories.";
        }
        var detectedAt = PastTime(view, SlackIds.InputDetectedAt, "Detection time is in the future; give the time the problem was noticed.", errors);
        var dataWrongSince = PastTime(view, SlackIds.InputDataWrongSince, "That is in the future; give the time the data went wrong (the last good load).", errors);
        if (dataWrongSince > (detectedAt ?? time.GetUtcNow()))
        {
            errors[SlackIds.InputDataWrongSince] = "The data went wrong after it was detected? Give the last good load, before the detection time.";
        }
        var description = view.State.GetValue(SlackIds.InputDescription, SlackIds.InputDescription);
        if (description is { Length: > Incident.MaxTextLength })
        {
            errors[SlackIds.InputDescription] = $"Keep the description under {Incident.MaxTextLength} characters.";
        }
        var owner = view.State.GetValue(SlackIds.InputOwner, SlackIds.InputOwner);
        if (view.State.GetValue(SlackIds.InputOwnerTeam, SlackIds.InputOwnerTeam) is { } team)
        {
            if (Mentions.TryParseOwner(team, out var teamId))
            {
                owner = teamId;
            }
            else
            {
                errors[SlackIds.InputOwnerTeam] = "Type @ and pick one user group (e.g. @data-platform), or leave this empty to keep the owner above.";
            }
        }
        var impact = ImpactFlags.None;
        foreach (var flag in view.State.GetValues(SlackIds.InputImpact, SlackIds.InputImpact))
        {
            if (Offered<ImpactFlags>(Modals.ImpactOptions, flag) is { } offered)
            {
                impact |= offered;
            }
            else
            {
                errors[SlackIds.InputImpact] = "Tick only the business impacts listed here.";
            }
        }
        if (errors.Count > 0)
        {
            return Errors(errors);
        }
        var request = new OpenIncident(
            title, severity, category, payload.UserId!, description,
            view.State.GetValue(SlackIds.InputAffected, SlackIds.InputAffected),
            owner,
            detectedAt, impact, dataWrongSince);
        try
        {
            var result = await incidents.OpenAsync(request, requestKey, cancellationToken);
            if (result.Incident is { } incident && view.PrivateMetadata is { Length: > 0 } channel && result.Status != OpenStatus.Replayed)
            {
                var line = result.Status == OpenStatus.Created
                    ? $"Declared *{incident.Reference}*; the headline is on its way to the incidents channel."
                    : $"You declared *{incident.Reference}* with this title moments ago; not opening a duplicate.";
                await incidents.TellAsync(channel, payload.UserId!, line, cancellationToken);
            }
        }
        catch (IncidentRuleException rule)
        {
            return Errors(new() { [SlackIds.InputTitle] = rule.Message });
        }
        return SlackReplies.Ack();
    }

    private async Task<IResult> UpdateAsync(InteractionPayload payload, ViewPayload view, string requestKey, CancellationToken cancellationToken)
    {
        if (!long.TryParse(view.PrivateMetadata, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            logger.LogWarning("Update modal submitted without an incident number");
            return Errors(new() { [SlackIds.InputUpdateText] = "This form lost track of its incident; close it and use `/incident update INC-n`." });
        }
        var text = view.State.GetValue(SlackIds.InputUpdateText, SlackIds.InputUpdateText)?.Trim() ?? "";
        if (text.Length == 0)
        {
            return Errors(new() { [SlackIds.InputUpdateText] = "Say what changed since the last update." });
        }
        FixStatus? fix = null;
        if (view.State.GetValue(SlackIds.InputFixStatus, SlackIds.InputFixStatus) is { } fixStatus)
        {
            fix = Offered<FixStatus>(Modals.FixStatusOptions, fixStatus);
            if (fix is null)
            {
                return Errors(new() { [SlackIds.InputFixStatus] = "Choose one of the fix statuses listed here." });
            }
        }
        var rootCause = view.State.GetValues(SlackIds.InputRootCause, SlackIds.InputRootCause).Contains("identified");
        var eta = view.State.GetValue(SlackIds.InputEta, SlackIds.InputEta);
        // A form opened before the field existed has no value for it (null): the assets stay; an emptied field clears them.
        var affected = view.State.Contains(SlackIds.InputAffected, SlackIds.InputAffected) ? view.State.GetValue(SlackIds.InputAffected, SlackIds.InputAffected) ?? "" : null;
        try
        {
            // Applied after the clicks and commands about this incident that came before it.
            await catchUp.WaitAsync(number, Inbox.InboxCatchUp.ReadBudget, cancellationToken);
            var result = await incidents.ChangeAsync(number, requestKey, incidents.PostUpdate(text, payload.UserId!, fix, eta, rootCause, affected), cancellationToken);
            if (result.Status == ChangeStatus.NotFound)
            {
                return Errors(new() { [SlackIds.InputUpdateText] = result.Reply });
            }
        }
        catch (IncidentRuleException rule)
        {
            return Errors(new() { [SlackIds.InputUpdateText] = rule.Message });
        }
        return SlackReplies.Ack();
    }

    private async Task<IResult> ResolveAsync(InteractionPayload payload, ViewPayload view, string requestKey, CancellationToken cancellationToken)
    {
        if (!long.TryParse(view.PrivateMetadata, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            logger.LogWarning("Resolve modal submitted without an incident number");
            return Errors(new() { [SlackIds.InputSummary] = "This form lost track of its incident; close it and use `/incident resolve INC-n`." });
        }
        var errors = new Dictionary<string, string>();
        var summary = view.State.GetValue(SlackIds.InputSummary, SlackIds.InputSummary)?.Trim() ?? "";
        if (summary.Length == 0)
        {
            errors[SlackIds.InputSummary] = "Say in a sentence or two what happened.";
        }
        var verifiedAt = PastTime(view, SlackIds.InputVerifiedAt, "Verification time is in the future; give the time the data was checked.", errors);
        var dataWrongSince = PastTime(view, SlackIds.InputDataWrongSince, "That is in the future; give the time the data went wrong (the last good load).", errors);
        var dataState = view.State.GetValue(SlackIds.InputDataState, SlackIds.InputDataState) ?? "";
        if (dataState is not (DataStates.Fresh or DataStates.Backfilled or DataStates.Partial))
        {
            errors[SlackIds.InputDataState] = "Say what state the data is in now.";
        }
        DateOnly? backfilledTo = null;
        var backfilled = view.State.GetValue(SlackIds.InputBackfilledTo, SlackIds.InputBackfilledTo);
        if (!string.IsNullOrEmpty(backfilled))
        {
            if (DateOnly.TryParseExact(backfilled, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                backfilledTo = date;
            }
            else
            {
                errors[SlackIds.InputBackfilledTo] = "Pick a date.";
            }
        }
        else if (dataState == DataStates.Backfilled)
        {
            errors[SlackIds.InputBackfilledTo] = "Backfilled to which date?";
        }
        if (errors.Count > 0)
        {
            return Errors(errors);
        }
        var resolution = new Resolution(
            summary,
            view.State.GetValue(SlackIds.InputResolutionRootCause, SlackIds.InputResolutionRootCause),
            view.State.GetValue(SlackIds.InputFixApplied, SlackIds.InputFixApplied),
            verifiedAt,
            view.State.GetValue(SlackIds.InputHowVerified, SlackIds.InputHowVerified),
            DataStates.Describe(dataState, backfilledTo),
            view.State.GetValues(SlackIds.InputPostmortem, SlackIds.InputPostmortem).Contains("needed"),
            dataWrongSince);
        try
        {
            await catchUp.WaitAsync(number, Inbox.InboxCatchUp.ReadBudget, cancellationToken);
            var result = await incidents.ChangeAsync(number, requestKey, incidents.Resolve(resolution, payload.UserId!), cancellationToken);
            if (result.Status == ChangeStatus.NotFound)
            {
                return Errors(new() { [SlackIds.InputSummary] = result.Reply });
            }
        }
        catch (IncidentRuleException rule)
        {
            return Errors(new() { [SlackIds.InputSummary] = rule.Message });
        }
        return SlackReplies.Ack();
    }

    /// <summary>
    /// The enum value of an option the form offered (its value is the member's name), or null for
    /// anything else: a number, another spelling, a combination. Nothing unoffered reaches storage.
    /// </summary>
    private static TEnum? Offered<TEnum>((string Text, string Value)[] options, string value)
        where TEnum : struct, Enum =>
        options.Any(o => string.Equals(o.Value, value, StringComparison.Ordinal)) ? Enum.Parse<TEnum>(value) : null;

    /// <summary>A date and time picked in the form, or null when left empty; a bad or future one is an error on its field.</summary>
    private DateTimeOffset? PastTime(ViewPayload view, string field, string inFuture, Dictionary<string, string> errors)
    {
        var picked = view.State.GetValue(field, field);
        if (string.IsNullOrEmpty(picked))
        {
            return null;
        }
        if (!SlackTimestamps.TryFromUnixSeconds(picked, out var at))
        {
            errors[field] = "Pick a date and time.";
            return null;
        }
        if (at > time.GetUtcNow().AddMinutes(1))
        {
            errors[field] = inFuture;
            return null;
        }
        return at;
    }

    private static IResult Errors(Dictionary<string, string> errors) =>
        Results.Json(new { response_action = "errors", errors });
}
