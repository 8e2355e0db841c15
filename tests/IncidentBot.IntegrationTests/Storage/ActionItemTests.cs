using IncidentBot.Domain;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>Postmortem follow-ups: adding, listing, completing, and finding the overdue ones to remind.</summary>
public abstract class ActionItemTests(StorageProvider provider) : StorageTestBase(provider)
{
    private static readonly DateOnly Today = new(2025, 3, 20);

    [Fact]
    public async Task Add_ThenList_ReturnsTheIncidentsItemsWithEveryFieldInTheOrderAdded()
    {
        var incident = await DeclareAsync();
        var other = await DeclareAsync("Other");

        var first = await AddAsync(Item(incident.Number, "Add a schema contract test", Today.AddDays(7)) with
        {
            Done = true,
            DoneAt = T0.AddDays(1).AddMilliseconds(3),
            LastRemindedAt = T0.AddHours(5).AddMilliseconds(9),
        });
        var second = await AddAsync(Item(incident.Number, "Alert on stale \"orders\" mart — ünïcödé", new DateOnly(2024, 12, 31)));
        await AddAsync(Item(other.Number, "Unrelated", Today));

        var listed = await Incidents.ListActionItemsAsync(incident.Number);

        Assert.NotEqual(0, first.Id);
        Assert.True(second.Id > first.Id, $"ids should grow: {first.Id}, {second.Id}");
        Assert.Equal([first, second], listed);
        Assert.Empty(await Incidents.ListActionItemsAsync(other.Number + 1));
    }

    [Fact]
    public async Task LoadForUpdate_ThenSave_StoresDoneDoneAtAndLastRemindedAt_AndNothingElse()
    {
        var incident = await DeclareAsync();
        var added = await AddAsync(Item(incident.Number, "Backfill monitor", Today));

        await Incidents.ExecuteAsync(async uow =>
        {
            var loaded = (await uow.LoadActionItemForUpdateAsync(added.Id))!;
            Assert.Equal(added, loaded);
            await uow.SaveActionItemAsync(loaded with
            {
                Done = true,
                DoneAt = T0.AddDays(2),
                LastRemindedAt = T0.AddDays(1),
                Text = "changed text is not saved",
                Owner = "U999",
            });
            return 0;
        });

        var stored = Assert.Single(await Incidents.ListActionItemsAsync(incident.Number));
        Assert.Equal(added with { Done = true, DoneAt = T0.AddDays(2), LastRemindedAt = T0.AddDays(1) }, stored);
    }

    [Fact]
    public async Task LoadForUpdate_OfAnUnknownItem_ReturnsNull_AndSavingOneSaysSo()
    {
        var incident = await DeclareAsync();

        Assert.Null(await Incidents.ExecuteAsync(uow => uow.LoadActionItemForUpdateAsync(404)));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Incidents.ExecuteAsync(async uow =>
        {
            await uow.SaveActionItemAsync(Item(incident.Number, "ghost", Today) with { Id = 404 });
            return 0;
        }));
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenConcurrentRemindersOfOneItem_AreSerialisedByTheLock_NoneIsLost()
    {
        var incident = await DeclareAsync();
        var item = await AddAsync(Item(incident.Number, "Backfill monitor", Today));

        // Each writer moves last_reminded_at one minute past what it read; a lost update shows as fewer minutes.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => Incidents.ExecuteAsync(async uow =>
        {
            var loaded = (await uow.LoadActionItemForUpdateAsync(item.Id))!;
            await uow.SaveActionItemAsync(loaded with { LastRemindedAt = (loaded.LastRemindedAt ?? T0) + TimeSpan.FromMinutes(1) });
            return 0;
        }))));

        Assert.Equal(T0.AddMinutes(10), Assert.Single(await Incidents.ListActionItemsAsync(incident.Number)).LastRemindedAt);
    }

    [Fact]
    public async Task ListOverdue_ListsOpenItemsDueBeforeToday_NotRemindedSince_ByDueDateThenId()
    {
        var incident = await DeclareAsync();
        var remindedBefore = T0.AddDays(5);
        var dueYesterday = await AddAsync(Item(incident.Number, "due yesterday", Today.AddDays(-1)));
        await AddAsync(Item(incident.Number, "due today", Today));
        await AddAsync(Item(incident.Number, "due tomorrow", Today.AddDays(1)));
        await AddAsync(Item(incident.Number, "done", Today.AddDays(-2)) with { Done = true, DoneAt = T0 });
        await AddAsync(Item(incident.Number, "reminded recently", Today.AddDays(-1)) with { LastRemindedAt = remindedBefore.AddMinutes(1) });
        await AddAsync(Item(incident.Number, "reminded exactly at the cut-off", Today.AddDays(-1)) with { LastRemindedAt = remindedBefore });
        var remindedLongAgo = await AddAsync(Item(incident.Number, "reminded long ago", Today.AddDays(-30)) with { LastRemindedAt = remindedBefore.AddDays(-1) });
        var dueLastYear = await AddAsync(Item(incident.Number, "due last year", new DateOnly(2024, 12, 31)));
        var secondDueYesterday = await AddAsync(Item(incident.Number, "also due yesterday", Today.AddDays(-1)));

        var overdue = await Incidents.ListOverdueActionItemsAsync(Today, remindedBefore, 10);
        var firstTwo = await Incidents.ListOverdueActionItemsAsync(Today, remindedBefore, 2);

        Assert.Equal(
            [dueLastYear.Text, remindedLongAgo.Text, dueYesterday.Text, secondDueYesterday.Text],
            overdue.Select(i => i.Text));
        Assert.Equal([dueLastYear.Text, remindedLongAgo.Text], firstTwo.Select(i => i.Text));
        Assert.All(overdue, i => Assert.True(i.IsOverdue(Today)));
    }

    [Fact]
    public async Task ListOverdue_AfterTheItemIsDone_NoLongerListsIt()
    {
        var incident = await DeclareAsync();
        var item = await AddAsync(Item(incident.Number, "due yesterday", Today.AddDays(-1)));
        Assert.Single(await Incidents.ListOverdueActionItemsAsync(Today, T0, 10));

        await Incidents.ExecuteAsync(async uow =>
        {
            var loaded = (await uow.LoadActionItemForUpdateAsync(item.Id))!;
            await uow.SaveActionItemAsync(loaded with { Done = true, DoneAt = T0.AddDays(6) });
            return 0;
        });

        Assert.Empty(await Incidents.ListOverdueActionItemsAsync(Today, T0, 10));
    }

    private Task<ActionItem> AddAsync(ActionItem item) => Incidents.ExecuteAsync(uow => uow.AddActionItemAsync(item));

    private static ActionItem Item(long incidentNumber, string text, DateOnly due) => new()
    {
        IncidentNumber = incidentNumber,
        Owner = "U200",
        DueDate = due,
        Text = text,
        CreatedBy = "U100",
        CreatedAt = T0.AddMilliseconds(1),
    };
}

public sealed class ActionItemTestsOnSqlite() : ActionItemTests(StorageProvider.Sqlite);

public sealed class ActionItemTestsOnPostgres() : ActionItemTests(StorageProvider.Postgres);
