using IncidentBot.Domain;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>The lists behind <c>/incident list</c>, <c>/incident stats</c> and rescheduling at start.</summary>
public abstract class IncidentListingTests(StorageProvider provider) : StorageTestBase(provider)
{
    [Fact]
    public async Task List_ActiveOnly_IsMostSevereThenOldest_WhileAll_IsNewestDeclaredFirst_BothUpToTheLimit()
    {
        var p2Old = await DeclareAsync("p2 old", Severity.P2, at: T0);
        var p0New = await DeclareAsync("p0 new", Severity.P0, at: T0.AddMinutes(10));
        var p3 = await DeclareAsync("p3", Severity.P3, at: T0.AddMinutes(5));
        var cancelled = await DeclareAsync("cancelled", Severity.P0, at: T0.AddMinutes(20));
        await ChangeAsync(cancelled.Number, i => i.Fire(IncidentTrigger.Cancel, "U100", T0.AddMinutes(21)));

        var active = await Incidents.ListAsync(activeOnly: true, 10);
        var all = await Incidents.ListAsync(activeOnly: false, 10);
        var newestTwo = await Incidents.ListAsync(activeOnly: false, 2);
        var mostSevere = await Incidents.ListAsync(activeOnly: true, 1);

        Assert.Equal([p0New.Number, p2Old.Number, p3.Number], active.Select(i => i.Number));
        Assert.Equal([cancelled.Number, p0New.Number, p3.Number, p2Old.Number], all.Select(i => i.Number));
        Assert.Equal([cancelled.Number, p0New.Number], newestTwo.Select(i => i.Number));
        Assert.Equal([p0New.Number], mostSevere.Select(i => i.Number));
    }

    [Fact]
    public async Task ListDeclaredSince_ReturnsIncidentsDeclaredAtOrAfterTheTime_OldestFirst_WhateverTheirState()
    {
        await DeclareAsync("before", at: T0.AddMilliseconds(-1));
        var atTheTime = await DeclareAsync("at the time", at: T0);
        var later = await DeclareAsync("later", at: T0.AddDays(2));
        var earlierButDeclaredAfter = await DeclareAsync("earlier, declared after", at: T0.AddDays(1));
        await ChangeAsync(later.Number, i => i.Fire(IncidentTrigger.Cancel, "U100", T0.AddDays(3)));

        var since = await Incidents.ListDeclaredSinceAsync(T0);

        Assert.Equal([atTheTime.Number, earlierButDeclaredAfter.Number, later.Number], since.Select(i => i.Number));
        Assert.Empty(await Incidents.ListDeclaredSinceAsync(T0.AddDays(2).AddMilliseconds(1)));
    }

    [Fact]
    public async Task ListActivePage_PagesThroughEveryActiveIncidentByNumber()
    {
        var numbers = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            numbers.Add((await DeclareAsync($"incident {i}", (Severity)(i % 4), at: T0.AddMinutes(-i))).Number);
        }
        await ChangeAsync(numbers[2], i => i.Fire(IncidentTrigger.Cancel, "U100", T0.AddMinutes(1)));

        var pages = new List<List<long>>();
        for (long after = 0; pages.Count < 10;)
        {
            var page = await Incidents.ListActivePageAsync(after, 4);
            if (page.Count == 0)
            {
                break;
            }
            pages.Add(page.Select(i => i.Number).ToList());
            after = page[^1].Number;
        }

        var active = numbers.Where((_, i) => i != 2).ToList();
        Assert.Equal([active.Take(4).ToList(), active.Skip(4).ToList()], pages);
    }
}

public sealed class IncidentListingTestsOnSqlite() : IncidentListingTests(StorageProvider.Sqlite);

public sealed class IncidentListingTestsOnPostgres() : IncidentListingTests(StorageProvider.Postgres);
