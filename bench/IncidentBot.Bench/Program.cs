// Two scenarios against the running host (a child process `dotnet IncidentBot.dll`, a fake Slack Web API in-process):
//   ack (default): acknowledgement latency of signed slash commands next to a bare endpoint (/livez) of the same host;
//     the ratio is the figure that travels between machines.
//     dotnet run -c Release --project bench/IncidentBot.Bench -- [--provider sqlite|postgres] [--requests 2000] [--concurrency 50] [--warmup 2000]
//   reminders: issue 3's scale run, N open incidents with reminders scheduled; how late reminders fire and the host's memory.
//     dotnet run -c Release --project bench/IncidentBot.Bench -- --scenario reminders [--provider sqlite|postgres] [--incidents 10000]
//       [--cadence 00:05:00] [--due-every 1] [--concurrency 16] [--grace 120] [--set Scheduler__ThreadCount=16 ...]   (see RemindersScenario.cs)
//   catalog: issue 13, a generated manifest of 5,000 models and 500 exposures: a declaration's blast radius (in process) and
//     GET /api/assets/{name}/status at 50 concurrent.
//     dotnet run -c Release --project bench/IncidentBot.Bench -- --scenario catalog [--provider sqlite|postgres] [--requests 5000]   (see CatalogScenario.cs)
var scenario = Harness.Arg(args, "--scenario", "ack");
return scenario switch
{
    "ack" => await AckScenario.RunAsync(args),
    "reminders" => await RemindersScenario.RunAsync(args),
    "catalog" => await CatalogScenario.RunAsync(args),
    _ => Fail($"Unknown scenario '{scenario}': use ack (default), reminders or catalog."),
};

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}
