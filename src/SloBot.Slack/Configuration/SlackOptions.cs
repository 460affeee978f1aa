namespace SloBot.Slack.Configuration;

/// <summary>How Slack reaches SloBot.</summary>
public enum SlackMode
{
    /// <summary>SloBot opens a WebSocket to Slack (no public endpoint needed). Needs the app-level token.</summary>
    Socket,

    /// <summary>Slack POSTs to <c>/slack/commands</c>, <c>/slack/interactions</c>, <c>/slack/events</c>. Needs the signing secret.</summary>
    Http,
}

/// <summary>Configuration section <c>SloBot:Slack</c>. Slack is enabled when any token or the signing secret is set.</summary>
public sealed class SlackOptions
{
    public const string Section = "SloBot:Slack";

    public const string DefaultApiBaseUrl = "https://slack.com/api/";

    /// <summary>App-level token (<c>xapp-…</c>, scope <c>connections:write</c>) for Socket Mode.</summary>
    public string? AppToken { get; set; }

    /// <summary>Bot token (<c>xoxb-…</c>) for the Web API.</summary>
    public string? BotToken { get; set; }

    /// <summary>Signing secret for HTTP mode request verification.</summary>
    public string? SigningSecret { get; set; }

    public SlackMode Mode { get; set; } = SlackMode.Socket;

    /// <summary>Base URL of the Web API; tests point it at the emulator.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Socket Mode connections kept open at once (1–10; Slack spreads envelopes over them).</summary>
    public int SocketConnections { get; set; } = 1;

    /// <summary>Minimum gap between chat.postMessage calls to one channel (Slack allows about one a second).</summary>
    public TimeSpan ChannelMessageInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Events handled at once; more wait in order (acks never wait: they are sent before queueing).</summary>
    public int MaxConcurrentEvents { get; set; } = 8;

    /// <summary>
    /// When an answer has not started this long after Slack delivered the request (queueing included), the asker is
    /// told privately that SloBot is still working on it; zero turns the notice off. Slack itself shows nothing for a
    /// slash command until the app answers, unlike Discord's "thinking…".
    /// </summary>
    public TimeSpan StillWorkingAfter { get; set; } = TimeSpan.FromSeconds(2);

    public bool IsEnabled =>
        !string.IsNullOrWhiteSpace(AppToken) || !string.IsNullOrWhiteSpace(BotToken) || !string.IsNullOrWhiteSpace(SigningSecret);

    public Uri ApiBase => new(ApiBaseUrl.EndsWith('/') ? ApiBaseUrl : ApiBaseUrl + "/", UriKind.Absolute);
}
