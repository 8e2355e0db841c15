namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>The alert payloads the parsers' unit tests use (tests/IncidentBot.Tests/Alerts/Fixtures), read from the repository.</summary>
public static class AlertFixtures
{
    public static string Read(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IncidentBot.sln")))
        {
            directory = directory.Parent;
        }
        Assert.True(directory is not null, $"No IncidentBot.sln above {AppContext.BaseDirectory}.");
        return File.ReadAllText(Path.Combine(directory!.FullName, "tests", "IncidentBot.Tests", "Alerts", "Fixtures", name));
    }
}
