using System.Net;
using System.Text;

namespace IncidentBot.Tests.Slack;

/// <summary>
/// Payloads copied from shared/slack/payloads (real ones from Slack's docs and SDK test suites; see
/// SOURCES.md there) into Fixtures/, copied next to the test binary.
/// </summary>
internal static class SlackFixtures
{
    public static string Text(string name) => File.ReadAllText(PathOf(name), Encoding.UTF8);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    /// <summary>A block_actions / view_submission JSON fixture wrapped as Slack POSTs it: <c>payload=&lt;url-encoded JSON&gt;</c>.</summary>
    public static string AsInteractionForm(string name) => "payload=" + WebUtility.UrlEncode(Text(name));

    private static string PathOf(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Slack", "Fixtures", name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Fixture {name} was not copied to the test output (expected at {path}).");
        }
        return path;
    }
}
