using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>
/// The bot as a real child process: <c>dotnet IncidentBot.dll --urls http://127.0.0.1:port</c>,
/// configured through environment variables the way an operator runs it. <see cref="Kill"/> is
/// SIGKILL on Linux (no shutdown hooks run), so tests can check what survives a crash. Every
/// process started here is killed on dispose, whatever the test did.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private readonly string _workingDirectory;

    private BotProcess(Process process, Uri baseAddress, string workingDirectory)
    {
        _process = process;
        _workingDirectory = workingDirectory;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the bot from this test run's output folder and waits until <c>GET /healthz</c> answers 200.</summary>
    public static async Task<BotProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        // A free port can be taken by another process between FreePort() and the bot's bind: try another.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(settings, FreePort());
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("address already in use", StringComparison.Ordinal))
            {
            }
        }
    }

    private static async Task<BotProcess> StartOnceAsync(IReadOnlyDictionary<string, string?> settings, int port)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "IncidentBot.dll");
        var start = new ProcessStartInfo(DotnetHost())
        {
            // A working directory of its own: nothing the bot writes lands in the repository.
            WorkingDirectory = Directory.CreateTempSubdirectory("incidentbot-process-").FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        // Nothing from the test runner's own configuration leaks into the bot.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[BotSettings.EnvironmentName(key)] = value ?? "";
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName} {dll}.");
        var bot = new BotProcess(process, new Uri($"http://127.0.0.1:{port}/"), start.WorkingDirectory);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await bot.WaitUntilHealthyAsync();
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
        return bot;
    }

    /// <summary>kill -9: the process and its children die at once, mid-whatever-it-was-doing.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.WaitForExit(10_000);
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        Client.Dispose();
        _process.Dispose();
        try
        {
            Directory.Delete(_workingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind harms nothing.
        }
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTimeOffset.UtcNow + StartTimeout;
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (_process.HasExited)
            {
                // Without a timeout this also waits for the redirected output to be read to its end.
                _process.WaitForExit();
                throw new InvalidOperationException($"The bot exited with code {_process.ExitCode} before it was healthy. Its output:\n{Output}");
            }
            try
            {
                using var response = await probe.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The bot did not answer GET /healthz with 200 within {StartTimeout.TotalSeconds} s. Its output:\n{Output}");
            }
            await Task.Delay(50);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>The dotnet executable running these tests (the CLI sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
