using System.Globalization;
using IncidentBot.Domain;

namespace IncidentBot.Storage.Incidents;

/// <summary>One row of <c>action_items</c>; the due date is <c>yyyy-MM-dd</c> text in both databases (sorts like a date, no provider differences).</summary>
internal sealed class ActionItemRow
{
    public const string Columns = "id, incident_number, owner, due_date, text, done, created_by, created_at, done_at, last_reminded_at";

    private const string DateFormat = "yyyy-MM-dd";

    public long Id { get; set; }
    public long IncidentNumber { get; set; }
    public string Owner { get; set; } = "";
    public string DueDate { get; set; } = "";
    public string Text { get; set; } = "";
    public bool Done { get; set; }
    public string CreatedBy { get; set; } = "";
    public long CreatedAt { get; set; }
    public long? DoneAt { get; set; }
    public long? LastRemindedAt { get; set; }

    public static string FormatDate(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static ActionItemRow From(ActionItem item) => new()
    {
        Id = item.Id,
        IncidentNumber = item.IncidentNumber,
        Owner = item.Owner,
        DueDate = FormatDate(item.DueDate),
        Text = item.Text,
        Done = item.Done,
        CreatedBy = item.CreatedBy,
        CreatedAt = UnixMs.From(item.CreatedAt),
        DoneAt = UnixMs.From(item.DoneAt),
        LastRemindedAt = UnixMs.From(item.LastRemindedAt),
    };

    public ActionItem ToActionItem() => new()
    {
        Id = Id,
        IncidentNumber = IncidentNumber,
        Owner = Owner,
        DueDate = DateOnly.TryParseExact(DueDate, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var due)
            ? due
            : throw new InvalidDataException($"Column action_items.due_date of item {Id} holds '{DueDate}', which is not a yyyy-MM-dd date."),
        Text = Text,
        Done = Done,
        CreatedBy = CreatedBy,
        CreatedAt = UnixMs.To(CreatedAt),
        DoneAt = UnixMs.To(DoneAt),
        LastRemindedAt = UnixMs.To(LastRemindedAt),
    };
}
