using Hangfire.Logging;
using Hangfire.AspNetCore;
using HangfireLogLevel = Hangfire.Logging.LogLevel;

namespace IncidentBot.Scheduling;

/// <summary>
/// Hangfire's log provider is process-wide: the last host to start sets it. A logger asked for after
/// that host's logger factory was disposed (tests run several hosts in one process) logs nothing
/// instead of throwing.
/// </summary>
internal sealed class HostIndependentLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(HangfireLogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
