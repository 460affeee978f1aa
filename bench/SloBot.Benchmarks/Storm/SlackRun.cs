using System.Collections.Concurrent;
using SloBot.Slack.Tests.Emulator;

namespace SloBot.Benchmarks.Storm;

/// <summary>
/// Slash commands (<c>/slo budget payment</c>) sent through the Slack emulator, each from its own channel with its own
/// response_url, so every answer — on the response_url or through the Web API (chat.postMessage, chat.postEphemeral,
/// a recovered answer) — names its command. When no socket is open a command waits for one (Slack holds it; the wait
/// counts in its latency).
/// </summary>
/// <param name="mentions">Send <c>@SloBot budget payment</c> app mentions (events_api envelopes, which Slack redelivers) instead of slash commands.</param>
internal sealed class SlackRun(SlackEmulator slack, string prefix, bool mentions = false)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _sent = new();
    private readonly ConcurrentDictionary<string, string> _byResponseId = new();
    private readonly ConcurrentDictionary<string, string> _envelopes = new();
    private int _next;

    public IReadOnlyDictionary<string, DateTimeOffset> Sent => _sent;

    public int SendFailures { get; private set; }

    /// <summary>Sends the next command on the open socket picked by <paramref name="pick"/> (round robin by default).</summary>
    public async Task SendAsync(Func<IReadOnlyList<EmulatedSocket>, EmulatedSocket>? pick = null)
    {
        var i = Interlocked.Increment(ref _next);
        var command = $"{prefix}{i:D5}";
        var url = slack.NewResponseUrl(out var responseId);
        _byResponseId[responseId] = command;
        var at = TimeProvider.System.GetUtcNow();
        _sent[command] = at;
        var open = await SlackEmulator.WaitForAsync(() => slack.OpenSockets is { Count: > 0 } s ? s : null, "an open Socket Mode connection", TimeSpan.FromMinutes(2));
        var socket = pick?.Invoke(open) ?? open[i % open.Count];
        var envelope = mentions
            ? SlackEnvelopes.EventsApi(SlackEnvelopes.AppMention("<@U0BOT> budget payment", $"1790000000.{i:D6}", channel: command, user: "U0ALICE"), $"Ev{command}")
            : SlackEnvelopes.SlashCommand("budget payment", url, channel: command, user: "U0ALICE");
        _envelopes[command] = envelope["envelope_id"]!.GetValue<string>();
        try
        {
            await slack.SendAsync(envelope, socket);
        }
        catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            SendFailures++; // the socket died under the send: the envelope is unacked and is delivered again on a live one
        }
    }

    /// <summary>
    /// Every answer seen so far: a response_url POST served, or a Web API message in a command's channel. SloBot's
    /// private "still working" notices (<c>SloBot:Slack:StillWorkingAfter</c>) are not answers: see <see cref="Notices"/>.
    /// </summary>
    public IEnumerable<(string Id, DateTimeOffset At)> Answers() => Messages().Where(m => !m.Notice).Select(m => (m.Id, m.At));

    /// <summary>The "⏳ Still working on it" notices seen so far, per command.</summary>
    public IEnumerable<(string Id, DateTimeOffset At)> Notices() => Messages().Where(m => m.Notice).Select(m => (m.Id, m.At));

    private IEnumerable<(string Id, DateTimeOffset At, bool Notice)> Messages()
    {
        foreach (var call in slack.Calls.Where(c => c.Ok))
        {
            var notice = call.Str("text")?.Contains("Still working on it", StringComparison.Ordinal) == true;
            if (call.Method == "response_url" && _byResponseId.TryGetValue(call.Form["id"], out var command))
                yield return (command, call.At, notice);
            else if (call.Method is "chat.postMessage" or "chat.postEphemeral" && call.Str("channel") is { } channel && _sent.ContainsKey(channel))
                yield return (channel, call.At, notice);
        }
    }

    /// <summary>Waits until every command has an answer or <paramref name="timeout"/> passes, then a little more for late doubles.</summary>
    public async Task SettleAsync(TimeSpan timeout)
    {
        var until = TimeProvider.System.GetUtcNow() + timeout;
        while (Answers().Select(a => a.Id).Distinct().Count() < _sent.Count && TimeProvider.System.GetUtcNow() < until)
            await Task.Delay(250);
        await Task.Delay(TimeSpan.FromSeconds(3));
    }

    /// <summary>Command sent → its envelope acked, in ms, sorted (commands never acked left out).</summary>
    public double[] AckLatencies() => _envelopes
        .Where(kv => slack.Acks.ContainsKey(kv.Value))
        .Select(kv => (slack.Acks[kv.Value].At - _sent[kv.Key]).TotalMilliseconds)
        .Order()
        .ToArray();

    /// <summary>
    /// Commands not acked within Slack's 3 s (or never): Slack does not redeliver slash commands as it does events, it
    /// shows the user a timeout error (shared/protocols/chat-protocols.md §1.3) — the emulator delivers them again.
    /// </summary>
    public int AckedLate() => _envelopes.Count(kv => !slack.Acks.TryGetValue(kv.Value, out var ack) || ack.At - _sent[kv.Key] > TimeSpan.FromSeconds(3));

    /// <summary>Unanswered commands by where their envelope was acked: socket id → count (0: never acked).</summary>
    public IReadOnlyDictionary<int, int> UnansweredByAckSocket()
    {
        var answered = Answers().Select(a => a.Id).ToHashSet();
        return _envelopes.Where(kv => !answered.Contains(kv.Key))
            .GroupBy(kv => slack.Acks.TryGetValue(kv.Value, out var ack) ? ack.SocketId : 0)
            .ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>The first answer's text (what the user saw), cut to 160 characters.</summary>
    public string SampleAnswer() => slack.Calls.FirstOrDefault(c => c.Ok && c.Method == "response_url" && _byResponseId.ContainsKey(c.Form["id"]) && c.Str("text")?.Contains("Still working on it", StringComparison.Ordinal) != true)?.Str("text") is { } text
        ? text.ReplaceLineEndings(" ")[..Math.Min(160, text.ReplaceLineEndings(" ").Length)]
        : "";

    public int RateLimited => slack.Calls.Count(c => c.Status == 429);
}
