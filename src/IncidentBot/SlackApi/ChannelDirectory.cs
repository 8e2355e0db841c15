using System.Collections.Concurrent;

namespace IncidentBot.SlackApi;

/// <summary>
/// Which channel id a channel name stands for (<c>#data-incidents</c> -> <c>C0123</c>), learned when
/// the bot joins the configured channel and from the channel Slack answers a post with. Pacing and
/// history lookups key by the id, so a headline posted by name and its replies posted by id share one.
/// </summary>
public sealed class ChannelDirectory
{
    private readonly ConcurrentDictionary<string, string> _ids = new(StringComparer.OrdinalIgnoreCase);
    private readonly TaskCompletionSource _looked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the configured channel was looked up at start (found or not), so lookups by id can rely on it.</summary>
    public Task LookedUp => _looked.Task;

    public void MarkLookedUp() => _looked.TrySetResult();

    public void Learn(string nameOrId, string id)
    {
        if (!string.IsNullOrEmpty(nameOrId) && !string.IsNullOrEmpty(id))
        {
            _ids[Key(nameOrId)] = id;
        }
    }

    /// <summary>The id for a name learned before, else <paramref name="channel"/> as it is.</summary>
    public string Canonical(string channel) => _ids.TryGetValue(Key(channel), out var id) ? id : channel;

    /// <summary>True when <paramref name="channel"/> is (or is known to stand for) an id the Web API accepts everywhere.</summary>
    public bool TryGetId(string channel, out string id)
    {
        id = Canonical(channel);
        return LooksLikeId(id);
    }

    /// <summary>Channel ids are upper-case letters and digits starting with C (public), G (private) or D (direct).</summary>
    public static bool LooksLikeId(string channel) =>
        channel.Length >= 9 && channel[0] is 'C' or 'G' or 'D' && channel.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));

    private static string Key(string channel) => channel.TrimStart('#');
}
