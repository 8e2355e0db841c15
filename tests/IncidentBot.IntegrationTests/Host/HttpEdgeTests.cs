using System.Net;
using System.Net.Sockets;
using System.Text;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Slack;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// What a bad client can do below the Slack protocol, against the bot as a real process behind
/// Kestrel: bodies that never arrive in full, smuggling-shaped framing, and the headers of answers.
/// </summary>
public abstract class HttpEdgeTests(StorageProvider provider) : OwnHostsTestBase(provider)
{
    [Fact]
    public async Task RequestsWhoseBodyNeverArrivesInFull_GetA4xx_AndAtMostOneShortLineEach_NoErrorsNoStackTraces()
    {
        var settings = Settings();
        // One line per dropped request is allowed: let the bot write what it would at Information.
        settings["Serilog:MinimumLevel:Default"] = "Information";
        var bot = await StartProcessAsync(settings);
        await Task.Delay(500);
        var before = bot.Output.Length;
        const int Requests = 30;

        var statuses = new List<int?>();
        for (var i = 0; i < Requests; i++)
        {
            var path = (string[])["/slack/commands", "/slack/interactions", "/slack/events"];
            statuses.Add(await SendTruncatedAsync(bot.BaseAddress, path[i % 3], reset: i % 2 == 1));
        }
        await Task.Delay(1000);

        var lines = bot.Output[before..].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(statuses, s => Assert.True(s is null || s is >= 400 and < 500, $"A truncated body should get a 4xx (or no answer when reset); got {s}"));
        Assert.True(lines.Length <= Requests, $"At most one line per bad request; got {lines.Length}:\n{string.Join('\n', lines)}");
        Assert.DoesNotContain(lines, l => l.Contains(" ERR]", StringComparison.Ordinal) || l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.Length > 300);
        using var health = await bot.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task ARequestWhoseBodyStalls_GetsA4xxWhenTheServerGivesUp_WithoutAnErrorInTheLog()
    {
        var bot = await StartProcessAsync(Settings());
        var before = bot.Output.Length;
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(bot.BaseAddress.Host, bot.BaseAddress.Port);
        var head = $"POST /slack/commands HTTP/1.1\r\nHost: {bot.BaseAddress.Authority}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\ntext=";

        // Kestrel's minimum request body rate (240 bytes/s after a 5 s grace) is what ends a stalled body.
        await socket.SendAsync(Encoding.ASCII.GetBytes(head));
        var answer = await ReadAllAsync(socket);

        Assert.True(answer.Length == 0 || answer.StartsWith("HTTP/1.1 4", StringComparison.Ordinal), $"Expected a 4xx or a closed connection; got {answer}");
        var log = bot.Output[before..];
        Assert.DoesNotContain(" ERR]", log, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARequestWithBothChunkedTransferEncodingAndContentLength_IsRefused_AndDeclaresNothing()
    {
        var bot = await StartProcessAsync(Settings());
        var signed = Requests.Command("open P1 smuggled incident");
        var chunked = $"{signed.Body.Length:x}\r\n{signed.BodyText}\r\n0\r\n\r\n";
        var head = new StringBuilder()
            .Append("POST /slack/commands HTTP/1.1\r\n")
            .Append($"Host: {bot.BaseAddress.Authority}\r\n")
            .Append("Content-Type: application/x-www-form-urlencoded\r\n")
            .Append("Transfer-Encoding: chunked\r\n")
            .Append($"Content-Length: {signed.Body.Length}\r\n")
            .Append($"{SlackHeaders.Timestamp}: {signed.Headers[SlackHeaders.Timestamp]}\r\n")
            .Append($"{SlackHeaders.Signature}: {signed.Headers[SlackHeaders.Signature]}\r\n")
            .Append("Connection: close\r\n\r\n");

        var answer = await ExchangeAsync(bot.BaseAddress, head + chunked);

        Assert.True(answer.StartsWith("HTTP/1.1 400", StringComparison.Ordinal), $"Expected 400; got {answer}");
        await Task.Delay(500);
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM incidents"));
    }

    [Theory]
    [InlineData("/incidents/%3Cscript%3Ealert(1)%3C%2Fscript%3E/postmortem")]
    [InlineData("/incidents/INC-404/postmortem")]
    [InlineData("/no/such/page")]
    [InlineData("/slack/commands")]
    public async Task Answers_CarryNosniff_AndNoServerHeader(string path)
    {
        var bot = await StartProcessAsync(Settings());

        using var response = path == "/slack/commands" ? await bot.Client.PostAsync(path, new StringContent("")) : await bot.Client.GetAsync(path);

        Assert.True((int)response.StatusCode >= 400, $"{path} should be an error answer; got {(int)response.StatusCode}");
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.False(response.Headers.Contains("Server"), $"No Server header; got {string.Join(",", response.Headers.Server)}");
    }

    /// <summary>Promises 1,000 bytes, sends 100, then half-closes (or resets) the connection; returns the status, if any came.</summary>
    private static async Task<int?> SendTruncatedAsync(Uri baseAddress, string path, bool reset)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var head = $"POST {path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n{SlackHeaders.Timestamp}: {DateTimeOffset.UtcNow.ToUnixTimeSeconds()}\r\n{SlackHeaders.Signature}: v0={new string('0', 64)}\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(head + new string('a', 100)));
        // Long enough for the bot to be reading the body when the client gives up.
        await Task.Delay(200);
        if (reset)
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
            return null;
        }
        socket.Shutdown(SocketShutdown.Send);
        var answer = await ReadAllAsync(socket);
        return answer.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(answer[9..12], System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static async Task<string> ExchangeAsync(Uri baseAddress, string request)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(baseAddress.Host, baseAddress.Port);
        await socket.SendAsync(Encoding.UTF8.GetBytes(request));
        return await ReadAllAsync(socket);
    }

    private static async Task<string> ReadAllAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            // Closed or reset by the bot, or nothing more within the timeout: keep what came.
        }
        return Encoding.UTF8.GetString(received.ToArray());
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class HttpEdgeTestsOnSqlite() : HttpEdgeTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class HttpEdgeTestsOnPostgres() : HttpEdgeTests(StorageProvider.Postgres);
