using IncidentBot.Messages;
using IncidentBot.Tests.Domain;
using Scriban.Runtime;

namespace IncidentBot.Tests.Messages;

/// <summary>The README's *Message templates* section lists what each template can use, and stays in step with the models.</summary>
public class TemplateDocumentationTests
{
    private static string Readme => File.ReadAllText(Path.Combine(IncidentLifecycleTests.RepositoryRoot(), "README.md"));

    [Fact]
    public void Readme_ListsEveryVariableOfEveryTemplate()
    {
        var rows = Readme.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();
        foreach (var (name, samples) in SampleModels.All)
        {
            var row = rows.SingleOrDefault(r => r.Contains($"`{name}{MessageTemplates.Extension}`", StringComparison.Ordinal));
            Assert.True(row is not null, $"README.md has no row for {name}{MessageTemplates.Extension} in *Message templates*.");
            var missing = samples[0].GetType().GetProperties()
                .Select(p => StandardMemberRenamer.Rename(p.Name))
                .Where(v => !row.Contains($"`{v}`", StringComparison.Ordinal))
                .ToList();
            Assert.True(missing.Count == 0, $"README.md's row for {name} does not name {string.Join(", ", missing)}.");
        }
    }

    [Fact]
    public void Readme_ListsTheTemplateFunctions()
    {
        const string start = "<!-- template-functions:start -->";
        const string end = "<!-- template-functions:end -->";
        var expected = start + "\n" + string.Concat(TemplateFunctions.Documented.Select(f => $"- `{f.Name}`: {f.Meaning}\n")) + end;
        var text = Readme;
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, $"README.md has no template functions block; add:\n{expected}");
        var actual = text[from..(to + end.Length)];
        if (actual != expected && Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(IncidentLifecycleTests.RepositoryRoot(), "README.md"), text.Replace(actual, expected, StringComparison.Ordinal));
            return;
        }
        Assert.Equal(expected, actual);
    }
}
