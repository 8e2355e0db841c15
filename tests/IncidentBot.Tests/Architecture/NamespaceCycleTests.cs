using IncidentBot.Tests.Domain;

namespace IncidentBot.Tests.Architecture;

/// <summary>The host's namespaces use each other without a cycle, so a change to one never has to ripple back into those it uses.</summary>
public sealed class NamespaceCycleTests
{
    [Fact]
    public void TheHostsNamespaces_UseEachOtherWithoutACycle()
    {
        var graph = NamespaceGraph.Read(Path.Combine(IncidentLifecycleTests.RepositoryRoot(), "src", "IncidentBot"));

        var cycles = graph.Cycles();

        Assert.True(graph.Edges.Count >= 10, "The graph should see the host's namespaces; the source was not found or not read.");
        Assert.True(cycles.Count == 0, "Namespaces that use each other in a circle:\n" + string.Join("\n", cycles.Select(graph.Describe)));
    }

    [Fact]
    public void ACycleOfThree_IsFound_AndAChainIsNot()
    {
        var graph = new NamespaceGraph();
        graph.Add("A", "B", "a.cs: B1");
        graph.Add("B", "C", "b.cs: C1");
        graph.Add("C", "A", "c.cs: A1");
        graph.Add("C", "D", "c.cs: D1");

        var cycle = Assert.Single(graph.Cycles());

        Assert.Equal(["A", "B", "C"], cycle);
        Assert.Contains("C -> A (c.cs: A1)", graph.Describe(cycle), StringComparison.Ordinal);
    }
}
