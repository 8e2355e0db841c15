using System.Text;
using IncidentBot.Alerts;

namespace IncidentBot.Tests.Alerts;

/// <summary>Alert payloads written from each tool's documented format (Alerts/Fixtures), copied next to the test binary.</summary>
internal static class AlertFixtures
{
    public static string Text(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Alerts", "Fixtures", name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Fixture {name} was not copied to the test output (expected at {path}).");
        }
        return File.ReadAllText(path, Encoding.UTF8);
    }

    /// <summary>Parses and asserts it was accepted.</summary>
    public static AlertDelivery Accept(string source, string body)
    {
        var ok = AlertParsers.TryParse(source, body, out var delivery, out var error);
        Assert.True(ok, $"Refused: {error}");
        Assert.Null(error);
        return delivery!;
    }

    /// <summary>Parses and asserts it was refused; returns the reason.</summary>
    public static string Refuse(string source, string body)
    {
        var ok = AlertParsers.TryParse(source, body, out var delivery, out var error);
        Assert.False(ok, "Accepted a payload that should be refused.");
        Assert.Null(delivery);
        Assert.False(string.IsNullOrWhiteSpace(error));
        return error!;
    }

    public static DateTimeOffset Utc(int hour, int minute, int second = 0) => new(2026, 3, 1, hour, minute, second, TimeSpan.Zero);
}
