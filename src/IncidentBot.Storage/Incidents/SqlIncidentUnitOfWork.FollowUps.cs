using Dapper;
using IncidentBot.Domain;

namespace IncidentBot.Storage.Incidents;

/// <summary>Follow-up bookkeeping in the same transaction: postmortem action items and the thread messages a pin can pick up.</summary>
internal sealed partial class SqlIncidentUnitOfWork
{
    private const string InsertActionItem = """
        INSERT INTO action_items (incident_number, owner, due_date, text, done, created_by, created_at, done_at, last_reminded_at)
        VALUES (@IncidentNumber, @Owner, @DueDate, @Text, @Done, @CreatedBy, @CreatedAt, @DoneAt, @LastRemindedAt)
        RETURNING id
        """;

    // Only what changes after creation; owner, due date and text are fixed once added.
    private const string UpdateActionItem = """
        UPDATE action_items
        SET done = @Done, done_at = @DoneAt, last_reminded_at = @LastRemindedAt
        WHERE id = @Id
        """;

    private const string RecordThread = """
        INSERT INTO thread_messages (channel, ts, incident_number, user_id, text, at)
        VALUES (@Channel, @Ts, @IncidentNumber, @User, @Text, @At)
        ON CONFLICT (channel, ts) DO NOTHING
        """;

    private const string FindThread = """
        SELECT channel, ts, incident_number, user_id, text, at
        FROM thread_messages
        WHERE channel = @Channel AND ts = @Ts
        """;

    private readonly string _loadActionItemForUpdate = $"""
        SELECT {ActionItemRow.Columns}
        FROM action_items
        WHERE id = @Id
        {dialect.ForUpdate}
        """;

    public async Task<ActionItem> AddActionItemAsync(ActionItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Id != 0)
        {
            throw new InvalidOperationException($"Action item {item.Id} is already stored; save changes to it with SaveActionItemAsync.");
        }
        var id = await connection.ExecuteScalarAsync<long>(Command(InsertActionItem, ActionItemRow.From(item)));
        return item with { Id = id };
    }

    public async Task<ActionItem?> LoadActionItemForUpdateAsync(long id)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ActionItemRow>(Command(_loadActionItemForUpdate, new { Id = id }));
        return row?.ToActionItem();
    }

    public async Task SaveActionItemAsync(ActionItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (await connection.ExecuteAsync(Command(UpdateActionItem, ActionItemRow.From(item))) == 0)
        {
            throw new InvalidOperationException($"Action item {item.Id} does not exist; add it with AddActionItemAsync first.");
        }
    }

    public async Task RecordThreadMessageAsync(ThreadMessage message) =>
        await connection.ExecuteAsync(Command(RecordThread, new
        {
            message.Channel,
            message.Ts,
            message.IncidentNumber,
            message.User,
            message.Text,
            At = UnixMs.From(message.At),
        }));

    public async Task<ThreadMessage?> FindThreadMessageAsync(string channel, string ts)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ThreadMessageRow>(Command(FindThread, new { Channel = channel, Ts = ts }));
        return row is null ? null : new ThreadMessage(row.Channel, row.Ts, row.IncidentNumber, row.UserId, row.Text, UnixMs.To(row.At));
    }

    private sealed class ThreadMessageRow
    {
        public string Channel { get; set; } = "";
        public string Ts { get; set; } = "";
        public long IncidentNumber { get; set; }
        public string UserId { get; set; } = "";
        public string Text { get; set; } = "";
        public long At { get; set; }
    }
}
