using IncidentBot.Domain;

namespace IncidentBot.Storage.Incidents;

/// <summary>One row of <c>timeline</c>.</summary>
internal sealed class TimelineRow
{
    public long IncidentNumber { get; set; }
    public long At { get; set; }
    public string Actor { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Text { get; set; } = "";
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }

    public static TimelineRow From(TimelineEntry entry, long incidentNumber) => new()
    {
        IncidentNumber = incidentNumber,
        At = UnixMs.From(entry.At),
        Actor = entry.Actor,
        Kind = StoredEnum.Name(entry.Kind),
        Text = entry.Text,
        OldValue = entry.OldValue,
        NewValue = entry.NewValue,
    };

    public TimelineEntry ToEntry() =>
        new(IncidentNumber, UnixMs.To(At), Actor, StoredEnum.Parse<TimelineKind>(Kind, "timeline.kind"), Text, OldValue, NewValue);
}
