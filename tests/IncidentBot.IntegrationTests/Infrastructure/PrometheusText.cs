using System.Globalization;
using System.Text.RegularExpressions;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>One sample line: <c>name{label="value",...} 42</c>.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value, int Line)
{
    public override string ToString() =>
        $"{Name}{{{string.Join(",", Labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}} {Value.ToString(CultureInfo.InvariantCulture)} (line {Line})";
}

/// <summary>
/// A strict reader of the Prometheus text exposition format (version 0.0.4), enough to hold the
/// bot's <c>/metrics</c> to it: <c># HELP name text</c>, <c># TYPE name counter|gauge|histogram|summary|untyped</c>,
/// and sample lines <c>name{labels} value</c>. Anything else, a sample whose metric has no TYPE
/// (histogram samples belong to their base name through <c>_bucket</c>, <c>_sum</c>, <c>_count</c>),
/// a TYPE after the metric's first sample, or a repeated series fails with the line.
/// </summary>
public sealed partial class PrometheusText
{
    private static readonly HashSet<string> Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    private PrometheusText(IReadOnlyDictionary<string, string> types, IReadOnlyDictionary<string, string> help, IReadOnlyList<PrometheusSample> samples)
    {
        TypeOf = types;
        HelpOf = help;
        Samples = samples;
    }

    /// <summary>Metric family name -> type.</summary>
    public IReadOnlyDictionary<string, string> TypeOf { get; }

    public IReadOnlyDictionary<string, string> HelpOf { get; }

    public IReadOnlyList<PrometheusSample> Samples { get; }

    public static PrometheusText Parse(string text)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var help = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new List<PrometheusSample>();
        var seenSeries = new HashSet<string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i];
            if (line.Length == 0)
            {
                Assert.True(i == lines.Length - 1, $"Line {number} is empty; the format has no blank lines.\n{text}");
                continue;
            }
            if (line.StartsWith('#'))
            {
                var comment = Comment().Match(line);
                if (!comment.Success)
                {
                    continue; // A plain comment is allowed and means nothing.
                }
                var name = comment.Groups["name"].Value;
                var rest = comment.Groups["rest"].Value;
                if (comment.Groups["kind"].Value == "TYPE")
                {
                    Assert.True(Types.Contains(rest), $"Line {number}: '{rest}' is not a metric type.\n{line}");
                    Assert.False(types.ContainsKey(name), $"Line {number}: a second TYPE for {name}.");
                    Assert.DoesNotContain(samples, s => Family(s.Name, types) == name);
                    types[name] = rest;
                }
                else
                {
                    Assert.False(help.ContainsKey(name), $"Line {number}: a second HELP for {name}.");
                    help[name] = rest;
                }
                continue;
            }
            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"Line {number} is not `name{{labels}} value`: {line}");
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (match.Groups["labels"].Success && match.Groups["labels"].Value.Length > 0)
            {
                var rest = match.Groups["labels"].Value;
                var consumed = 0;
                foreach (Match label in Label().Matches(rest))
                {
                    Assert.Equal(consumed, label.Index);
                    Assert.True(labels.TryAdd(label.Groups["key"].Value, Unescape(label.Groups["value"].Value)), $"Line {number}: label {label.Groups["key"].Value} twice.");
                    consumed = label.Index + label.Length;
                }
                Assert.True(consumed == rest.Length, $"Line {number}: the labels do not parse: {{{rest}}}");
            }
            var value = match.Groups["value"].Value;
            Assert.True(TryParseValue(value, out var parsed), $"Line {number}: '{value}' is not a sample value.");
            var sample = new PrometheusSample(match.Groups["name"].Value, labels, parsed, number);
            var family = Family(sample.Name, types);
            Assert.True(family is not null, $"Line {number}: {sample.Name} has no # TYPE line before it.\n{text}");
            var series = sample.Name + "{" + string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}";
            Assert.True(seenSeries.Add(series), $"Line {number}: the series {series} is there twice.");
            samples.Add(sample);
        }
        return new PrometheusText(types, help, samples);
    }

    /// <summary>The sample with exactly these labels; fails when it is missing.</summary>
    public double Value(string name, params (string Key, string Value)[] labels)
    {
        var found = Samples.Where(s => s.Name == name && s.Labels.Count == labels.Length && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).ToList();
        Assert.True(found.Count == 1, $"Expected one sample {name}{{{string.Join(",", labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}}; found {found.Count}.\n{string.Join("\n", Samples)}");
        return found[0].Value;
    }

    public IReadOnlyList<PrometheusSample> All(string name) => Samples.Where(s => s.Name == name).ToArray();

    /// <summary>The family a sample belongs to: its own name when typed, else the histogram or summary it is part of.</summary>
    private static string? Family(string sampleName, IReadOnlyDictionary<string, string> types)
    {
        if (types.ContainsKey(sampleName))
        {
            return sampleName;
        }
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal)
                && types.TryGetValue(sampleName[..^suffix.Length], out var type)
                && (type == "histogram" || (type == "summary" && suffix != "_bucket")))
            {
                return sampleName[..^suffix.Length];
            }
        }
        return null;
    }

    private static bool TryParseValue(string text, out double value)
    {
        switch (text)
        {
            case "+Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            case "NaN":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    private static string Unescape(string value) =>
        value.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    [GeneratedRegex(@"^# (?<kind>HELP|TYPE) (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<rest>.*)$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)( -?[0-9]+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)"",?")]
    private static partial Regex Label();
}
