using IncidentBot.Domain.Ports;

namespace IncidentBot.Storage.Outbox;

/// <summary>The columns of an <c>outbox</c> row the delivery worker needs.</summary>
internal sealed class OutboxRow
{
    public const string Columns = "id, incident_number, kind, channel, user_id, text, blocks_json, broadcast, dedup_key, response_url, attempts, created_at";

    public long Id { get; set; }
    public long? IncidentNumber { get; set; }
    public string Kind { get; set; } = "";
    public string? Channel { get; set; }
    public string? UserId { get; set; }
    public string? Text { get; set; }
    public string? BlocksJson { get; set; }
    public bool Broadcast { get; set; }
    public string? DedupKey { get; set; }
    public string? ResponseUrl { get; set; }
    public int Attempts { get; set; }
    public long CreatedAt { get; set; }

    public OutboxRecord ToRecord() => new()
    {
        Id = Id,
        Attempts = Attempts,
        CreatedAt = UnixMs.To(CreatedAt),
        Message = new OutboxMessage
        {
            IncidentNumber = IncidentNumber,
            Kind = StoredEnum.Parse<OutboxKind>(Kind, "outbox.kind"),
            Channel = Channel,
            User = UserId,
            Text = Text,
            BlocksJson = BlocksJson,
            Broadcast = Broadcast,
            DedupKey = DedupKey,
            ResponseUrl = ResponseUrl,
        },
    };
}
