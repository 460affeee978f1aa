namespace SloBot.Chat.Delivery;

/// <summary>
/// The platforms SloBot is on, by name: every registered <see cref="IChatTransport"/>. The chat layer posts unprompted
/// (threads, reminders, schedules, alerts) through it. It holds the transports' outbound side only; their inbound side
/// (sockets, HTTP endpoints) lives in hosted services that depend on <see cref="IChatEventSink"/>, so the graph is
/// inbound → sink → router → commands → this registry → transports, without a cycle. An <see cref="IChatTransport"/>
/// therefore must not depend on the event sink.
/// </summary>
public sealed class ChatTransports(IEnumerable<IChatTransport> transports)
{
    private readonly IChatTransport[] _all = transports.ToArray();

    /// <summary>"slack", "discord", "console" — those registered in this process.</summary>
    public IReadOnlyList<string> Platforms => _all.Select(t => t.Platform).ToArray();

    /// <summary>The transport for <paramref name="platform"/>, or null when SloBot is not on that platform here.</summary>
    public IChatTransport? For(string platform) =>
        Array.Find(_all, t => string.Equals(t.Platform, platform, StringComparison.OrdinalIgnoreCase));
}
