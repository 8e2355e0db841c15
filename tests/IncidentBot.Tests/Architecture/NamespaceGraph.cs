using System.Text.RegularExpressions;

namespace IncidentBot.Tests.Architecture;

/// <summary>
/// Which of a project's namespaces use which, read from its source: a file uses another namespace when it
/// names one of that namespace's types, or calls one of its extension methods with its <c>using</c>.
/// </summary>
public sealed partial class NamespaceGraph
{
    private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

    /// <summary>Namespace -> namespaces it uses, each with one example ("File.cs: Type").</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> Edges => _edges;

    public static NamespaceGraph Read(string directory)
    {
        var files = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Name: Path.GetFileName(f), Text: File.ReadAllText(f)))
            .Select(f => (f.Name, f.Text, Namespace: NamespaceLine().Match(f.Text) is { Success: true } m ? m.Groups[1].Value : null))
            .Where(f => f.Namespace is not null)
            .ToList();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var extensions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (Match type in TypeDeclaration().Matches(file.Text))
            {
                types[type.Groups[1].Value] = file.Namespace!;
            }
            foreach (Match method in ExtensionMethod().Matches(file.Text))
            {
                extensions[method.Groups[1].Value] = file.Namespace!;
            }
        }
        var graph = new NamespaceGraph();
        foreach (var file in files)
        {
            var body = Comment().Replace(UsingLine().Replace(file.Text, ""), "");
            var usings = UsingLine().Matches(file.Text).Select(u => u.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            foreach (var (type, ns) in types.Where(t => t.Value != file.Namespace && Regex.IsMatch(body, $@"\b{t.Key}\b")))
            {
                graph.Add(file.Namespace!, ns, $"{file.Name}: {type}");
            }
            foreach (var (method, ns) in extensions.Where(e => e.Value != file.Namespace && usings.Contains(e.Value) && body.Contains($".{e.Key}(", StringComparison.Ordinal)))
            {
                graph.Add(file.Namespace!, ns, $"{file.Name}: {method}");
            }
        }
        return graph;
    }

    public void Add(string from, string to, string example)
    {
        if (!_edges.TryGetValue(from, out var targets))
        {
            _edges[from] = targets = new Dictionary<string, string>(StringComparer.Ordinal);
        }
        targets.TryAdd(to, example);
    }

    /// <summary>Every group of two or more namespaces that reach each other (Tarjan's strongly connected components).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<IReadOnlyList<string>>();
        foreach (var node in _edges.Keys.Concat(_edges.Values.SelectMany(t => t.Keys)).Distinct().Order(StringComparer.Ordinal).ToList())
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }
        return cycles;

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in _edges.GetValueOrDefault(node)?.Keys ?? Enumerable.Empty<string>())
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], index[next]);
                }
            }
            if (low[node] == index[node])
            {
                var group = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    group.Add(member);
                }
                while (member != node);
                if (group.Count > 1)
                {
                    cycles.Add(group.Order(StringComparer.Ordinal).ToList());
                }
            }
        }
    }

    /// <summary>The uses inside a group, one line each, for a failure message.</summary>
    public string Describe(IReadOnlyList<string> group) => string.Join("\n", group.SelectMany(from =>
        (_edges.GetValueOrDefault(from) ?? []).Where(e => group.Contains(e.Key)).Select(e => $"  {from} -> {e.Key} ({e.Value})")));

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^(?:public|internal)\s+(?:(?:sealed|static|abstract|partial)\s+)*(?:class|record|interface|enum|struct)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"public static [\w<>?,\[\] ]+ (\w+)\(this ")]
    private static partial Regex ExtensionMethod();

    [GeneratedRegex(@"^using\s+(?:static\s+)?([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex Comment();
}
