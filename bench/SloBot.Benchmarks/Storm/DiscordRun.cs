using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using SloBot.Discord.Tests.Emulator;

namespace SloBot.Benchmarks.Storm;

/// <summary>
/// <c>/slo budget payment</c> interactions dispatched on the emulated Gateway (buffered by the emulator while no
/// session is live, replayed on resume, as Discord does). An answer is the edit of the original response or a
/// follow-up, served (2xx); the initial response ("thinking…", the deferral) is timed separately.
/// </summary>
internal sealed class DiscordRun(DiscordEmulator discord)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _sent = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _answeredOverHttp = new();

    public IReadOnlyDictionary<string, DateTimeOffset> Sent => _sent;

    public async Task SendAsync(bool count = true)
    {
        var interaction = discord.Interaction(2, DiscordEmulator.SlashCommand("budget", ("service", "payment")));
        var token = interaction["token"]!.GetValue<string>();
        if (count)
            _sent[token] = TimeProvider.System.GetUtcNow();
        await discord.Gateway.DispatchAsync("INTERACTION_CREATE", interaction);
    }

    /// <summary>
    /// HTTP interactions mode: <paramref name="post"/> delivers the interaction (signed, to an endpoint) and returns
    /// whether its HTTP answer was the deferral (the initial response).
    /// </summary>
    public async Task SendOverHttpAsync(Func<JsonObject, Task<bool>> post)
    {
        var interaction = discord.Interaction(2, DiscordEmulator.SlashCommand("budget", ("service", "payment")));
        var token = interaction["token"]!.GetValue<string>();
        _sent[token] = TimeProvider.System.GetUtcNow();
        if (await post(interaction))
            _answeredOverHttp[token] = TimeProvider.System.GetUtcNow();
    }

    public IEnumerable<(string Id, DateTimeOffset At)> Answers() => Served(r =>
        (r.Method == "PATCH" && r.Path.EndsWith("/messages/@original", StringComparison.Ordinal)) ||
        (r.Method == "POST" && r.Path.StartsWith("/api/v10/webhooks/", StringComparison.Ordinal)));

    /// <summary>Initial responses (interaction callbacks) served.</summary>
    public IEnumerable<(string Id, DateTimeOffset At)> InitialResponses() =>
        Served(r => r.Method == "POST" && r.Path.EndsWith("/callback", StringComparison.Ordinal)).Concat(_answeredOverHttp.Select(kv => (kv.Key, kv.Value)));

    public double InitialP99Ms()
    {
        var first = InitialResponses().GroupBy(a => a.Id).Select(g => (g.Min(a => a.At) - _sent[g.Key]).TotalMilliseconds).Order().ToArray();
        return first.Length == 0 ? double.NaN : first[Math.Clamp((int)Math.Ceiling(0.99 * first.Length) - 1, 0, first.Length - 1)];
    }

    public async Task SettleAsync(TimeSpan timeout)
    {
        var until = TimeProvider.System.GetUtcNow() + timeout;
        while (Answers().Select(a => a.Id).Distinct().Count() < _sent.Count && TimeProvider.System.GetUtcNow() < until)
            await Task.Delay(250);
        await Task.Delay(TimeSpan.FromSeconds(3));
    }

    private IEnumerable<(string Id, DateTimeOffset At)> Served(Func<RecordedRequest, bool> kind)
    {
        foreach (var r in discord.Requests)
        {
            if (r.Status is < 200 or > 299 || !kind(r))
                continue;
            var token = r.Path.Split('/').FirstOrDefault(p => p.StartsWith("aW50ZXJhY3Rpb246", StringComparison.Ordinal));
            if (token is not null && _sent.ContainsKey(token))
                yield return (token, r.At);
        }
    }
}
