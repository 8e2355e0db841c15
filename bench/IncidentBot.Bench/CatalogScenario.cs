using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Domain.Catalog;

/// <summary>
/// Issue 13's targets with a generated manifest of 5,000 models and 500 exposures (200 sources feed
/// 1,000 staging models, 2,000 intermediate and 2,000 mart models take two or three parents each, every
/// exposure reads three marts; seeded, so every run sees the same graph):
///   1. a declaration's blast radius, in process: the names of one to three affected assets resolved, the
///      walk downstream, owners and impact, and the title's words matched (target p99 under 10 ms);
///   2. <c>GET /api/assets/{name}/status</c> on the running host with the manifest uploaded and open
///      incidents on sources, C clients at a time over random catalog names (target p99 under 20 ms at 50).
///     dotnet run -c Release --project bench/IncidentBot.Bench -- --scenario catalog [--provider sqlite|postgres]
///       [--declarations 2000] [--requests 5000] [--concurrency 50] [--incidents 20] [--warmup 1000]
/// </summary>
internal static class CatalogScenario
{
    private const string Token = "bench-integration-token-0123456789";

    public static async Task<int> RunAsync(string[] args)
    {
        var provider = Harness.Arg(args, "--provider", "sqlite");
        var declarations = int.Parse(Harness.Arg(args, "--declarations", "2000"), CultureInfo.InvariantCulture);
        var requests = int.Parse(Harness.Arg(args, "--requests", "5000"), CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Harness.Arg(args, "--concurrency", "50"), CultureInfo.InvariantCulture);
        var incidents = int.Parse(Harness.Arg(args, "--incidents", "20"), CultureInfo.InvariantCulture);
        var warmup = int.Parse(Harness.Arg(args, "--warmup", "1000"), CultureInfo.InvariantCulture);
        var postgres = Harness.DefaultPostgres(args);

        var manifest = Manifest(models: 5000, exposures: 500, sources: 200);
        var assets = DbtManifest.Read(new MemoryStream(Encoding.UTF8.GetBytes(manifest)), out var error) ?? throw new InvalidOperationException(error);
        var catalog = new DataCatalog(assets);
        var names = catalog.Assets.Where(a => a.Kind != AssetKind.Other).Select(a => a.UniqueId).ToArray();
        var random = new Random(7);

        // 1. The blast radius of a declaration, in process.
        var radius = new double[declarations];
        for (var i = -warmup; i < declarations; i++)
        {
            var affected = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Pick(random, catalog, random.Next(2) == 0 ? AssetKind.Source : AssetKind.Model)).ToList();
            var title = $"{affected[0]} stale since 06:00, dashboards empty";
            var start = Stopwatch.GetTimestamp();
            var words = TitleAssets.In(catalog, title);
            var result = BlastRadius.Of(catalog, affected.Concat(words));
            _ = result.Fingerprint;
            _ = result.Summary;
            if (i >= 0)
            {
                radius[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }
        Array.Sort(radius);

        // 2. The asset API on the running host.
        await using var fakeSlack = await FakeSlack.StartAsync();
        await using var bot = await BenchHost.StartAsync(provider, postgres, fakeSlack, [new("Alerts__Token", Token)]);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri($"http://127.0.0.1:{bot.Port}"), Timeout = TimeSpan.FromMinutes(5) };
        await Harness.WaitHealthy(http);
        using (var upload = new HttpRequestMessage(HttpMethod.Post, "/catalog/dbt-manifest") { Content = new StringContent(manifest, Encoding.UTF8, "application/json") })
        {
            upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            using var uploaded = await http.SendAsync(upload);
            if (uploaded.StatusCode != HttpStatusCode.OK)
            {
                Console.Error.WriteLine($"The manifest upload failed: {(int)uploaded.StatusCode} {await uploaded.Content.ReadAsStringAsync()}");
                return 1;
            }
        }
        for (var i = 0; i < incidents; i++)
        {
            using var declare = Harness.SignedCommand($"open P2 {Pick(random, catalog, AssetKind.Source)} not loaded since 06:00", i, fakeSlack.HooksBaseUrl);
            using var _ = await http.SendAsync(declare);
        }
        var open = await WaitForOpenAsync(http, incidents, TimeSpan.FromMinutes(2));

        HttpRequestMessage Ask() => new(HttpMethod.Get, $"/api/assets/{Uri.EscapeDataString(names[Random.Shared.Next(names.Length)])}/status");
        await Run(http, Ask, warmup, concurrency);
        var cpuBefore = ProcSample.Read(bot.Process.Id);
        var api = await Run(http, Ask, requests, concurrency);
        var cpuAfter = ProcSample.Read(bot.Process.Id);

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"IncidentBot catalog benchmark: provider={provider} models={catalog.Models} sources={catalog.Sources} exposures={catalog.Exposures} manifest={manifest.Length / 1024} KiB cores={Environment.ProcessorCount}")
            .AppendLine(CultureInfo.InvariantCulture, $"declaration blast radius (in process, {declarations} declarations of 1-3 assets): p50 {Percentile(radius, 0.5):F3} ms, p99 {Percentile(radius, 0.99):F3} ms, max {radius[^1]:F3} ms; target p99 < 10 ms: {(Percentile(radius, 0.99) < 10 ? "met" : "NOT met")}")
            .AppendLine(CultureInfo.InvariantCulture, $"GET /api/assets/{{name}}/status ({requests} requests, {concurrency} concurrent, {open} open incidents): p50 {api.P50:F2} ms, p99 {api.P99:F2} ms, max {api.Max:F1} ms, {api.Throughput:F0} req/s, {api.Errors} errors; target p99 < 20 ms: {(api.P99 < 20 ? "met" : "NOT met")}")
            .AppendLine(CultureInfo.InvariantCulture, $"host CPU during the measured requests: {cpuAfter.CpuSeconds - cpuBefore.CpuSeconds:F1} s; {cpuAfter.Mb}")
            .ToString();
        Console.Write(report);
        await File.WriteAllTextAsync(Path.Combine(Harness.ResultsDirectory(), $"catalog-{provider}-{DateTime.UtcNow:yyyyMMddHHmmss}.txt"), report);
        return api.Errors == 0 ? 0 : 1;
    }

    private static string Pick(Random random, DataCatalog catalog, AssetKind kind)
    {
        var candidates = catalog.Assets.Where(a => a.Kind == kind).ToArray();
        var asset = candidates[random.Next(candidates.Length)];
        return asset.Kind == AssetKind.Source ? asset.DisplayName : asset.UniqueId;
    }

    /// <summary>Waits until the status page counts the incidents as open (their declarations applied); their number, or -1 on time-out.</summary>
    private static async Task<int> WaitForOpenAsync(HttpClient http, int incidents, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            using var response = await http.GetAsync("/status");
            var html = await response.Content.ReadAsStringAsync();
            if (html.Contains($"{incidents} open incident", StringComparison.Ordinal))
            {
                return incidents;
            }
            await Task.Delay(200);
        }
        return -1;
    }

    private static async Task<Stats> Run(HttpClient http, Func<HttpRequestMessage> make, int count, int concurrency)
    {
        var latencies = new double[Math.Max(count, 1)];
        var next = -1;
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                using var request = make();
                var start = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        clock.Stop();
        Array.Sort(latencies);
        return new Stats(Percentile(latencies, 0.5), Percentile(latencies, 0.99), latencies[^1], count / clock.Elapsed.TotalSeconds, errors);
    }

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(sorted.Length * p) - 1)];

    private sealed record Stats(double P50, double P99, double Max, double Throughput, int Errors);

    /// <summary>A dbt manifest (v12) with the given counts: layered models with owners, groups, exposures with maturity and a revenue tag here and there.</summary>
    public static string Manifest(int models, int exposures, int sources)
    {
        var random = new Random(42);
        var nodes = new JsonObject();
        var sourceNodes = new JsonObject();
        var exposureNodes = new JsonObject();
        var childMap = new JsonObject();
        var children = new Dictionary<string, List<string>>();
        void Edge(string parent, string child)
        {
            if (!children.TryGetValue(parent, out var list))
            {
                children[parent] = list = [];
            }
            list.Add(child);
        }
        var sourceIds = new List<string>();
        for (var i = 0; i < sources; i++)
        {
            var id = $"source.bench.raw_{i % 20}.table_{i}";
            sourceIds.Add(id);
            sourceNodes[id] = new JsonObject
            {
                ["unique_id"] = id, ["resource_type"] = "source", ["name"] = $"table_{i}", ["source_name"] = $"raw_{i % 20}", ["identifier"] = $"table_{i}",
                ["schema"] = $"raw_{i % 20}", ["database"] = "analytics", ["relation_name"] = $"\"analytics\".\"raw_{i % 20}\".\"table_{i}\"",
                ["meta"] = new JsonObject(), ["config"] = new JsonObject { ["meta"] = new JsonObject { ["owner"] = $"ingest{i % 10}@bench.example" } }, ["tags"] = new JsonArray(),
            };
        }
        var staging = models / 5;
        var intermediate = (models - staging) / 2;
        var layers = new List<List<string>> { sourceIds };
        var layerSizes = new[] { ("stg", staging), ("int", intermediate), ("mart", models - staging - intermediate) };
        var n = 0;
        foreach (var (prefix, size) in layerSizes)
        {
            var layer = new List<string>();
            var below = layers[^1];
            for (var i = 0; i < size; i++, n++)
            {
                var name = $"{prefix}_{i}";
                var id = $"model.bench.{name}";
                var parents = Enumerable.Range(0, prefix == "stg" ? 1 : 2 + random.Next(2)).Select(_ => below[random.Next(below.Count)]).Distinct().ToList();
                foreach (var parent in parents)
                {
                    Edge(parent, id);
                }
                nodes[id] = new JsonObject
                {
                    ["unique_id"] = id, ["resource_type"] = "model", ["name"] = name, ["alias"] = name, ["schema"] = prefix, ["database"] = "analytics",
                    ["relation_name"] = $"\"analytics\".\"{prefix}\".\"{name}\"", ["group"] = $"team_{n % 12}",
                    ["meta"] = new JsonObject(), ["config"] = new JsonObject { ["meta"] = n % 3 == 0 ? new JsonObject { ["owner"] = $"owner{n % 40}@bench.example" } : new JsonObject() },
                    ["tags"] = new JsonArray(), ["depends_on"] = new JsonObject { ["nodes"] = new JsonArray(parents.Select(p => (JsonNode)p).ToArray()) },
                };
                // Tests hang off every model, as in real projects; the catalog leaves them out.
                var test = $"test.bench.not_null_{name}_id.{i:x4}";
                nodes[test] = new JsonObject { ["unique_id"] = test, ["resource_type"] = "test", ["name"] = $"not_null_{name}_id", ["depends_on"] = new JsonObject { ["nodes"] = new JsonArray(id) } };
                Edge(id, test);
                layer.Add(id);
            }
            layers.Add(layer);
        }
        var marts = layers[^1];
        for (var i = 0; i < exposures; i++)
        {
            var id = $"exposure.bench.dashboard_{i}";
            var parents = Enumerable.Range(0, 3).Select(_ => marts[random.Next(marts.Count)]).Distinct().ToList();
            foreach (var parent in parents)
            {
                Edge(parent, id);
            }
            exposureNodes[id] = new JsonObject
            {
                ["unique_id"] = id, ["resource_type"] = "exposure", ["name"] = $"dashboard_{i}", ["label"] = $"Dashboard {i}", ["type"] = i % 10 == 0 ? "application" : "dashboard",
                ["maturity"] = (i % 3) switch { 0 => "high", 1 => "medium", _ => "low" }, ["url"] = $"https://bi.bench.example/d/{i}",
                ["owner"] = new JsonObject { ["name"] = $"Analyst {i % 25}", ["email"] = $"analyst{i % 25}@bench.example" },
                ["tags"] = i % 17 == 0 ? new JsonArray("revenue") : new JsonArray(), ["meta"] = new JsonObject(),
                ["depends_on"] = new JsonObject { ["nodes"] = new JsonArray(parents.Select(p => (JsonNode)p).ToArray()) },
            };
        }
        foreach (var (parent, list) in children)
        {
            childMap[parent] = new JsonArray(list.Select(c => (JsonNode)c).ToArray());
        }
        var groups = new JsonObject();
        for (var g = 0; g < 12; g++)
        {
            groups[$"group.bench.team_{g}"] = new JsonObject { ["unique_id"] = $"group.bench.team_{g}", ["name"] = $"team_{g}", ["owner"] = new JsonObject { ["name"] = $"Team {g}", ["email"] = $"team{g}@bench.example" } };
        }
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["dbt_schema_version"] = "https://schemas.getdbt.com/dbt/manifest/v12.json", ["dbt_version"] = "1.10.0" },
            ["nodes"] = nodes, ["sources"] = sourceNodes, ["exposures"] = exposureNodes, ["groups"] = groups,
            ["metrics"] = new JsonObject(), ["semantic_models"] = new JsonObject(), ["parent_map"] = new JsonObject(), ["child_map"] = childMap,
        }.ToJsonString();
    }
}
