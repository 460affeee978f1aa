namespace SloBot.Core.Catalog;

/// <summary>
/// A Sloth SLO's <c>alerting</c> section, carried into the rules <c>slobot rules</c> writes as Sloth would: the alert name,
/// labels and annotations on both alerts, each alert's own labels and annotations over them, and a disabled alert left out.
/// SloBot's own burn-rate alerts (<c>SloBot:Alerts</c>) do not use it.
/// </summary>
/// <param name="Name">Sloth's <c>alerting.name</c>: the name of both alerts (null: SloBot's <c>&lt;Service&gt;&lt;Slo&gt;ErrorBudgetBurn</c>).</param>
public sealed record SlothAlerting(
    string? Name,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    SlothAlert Page,
    SlothAlert Ticket)
{
    /// <summary>The alert of one severity (<c>page</c> or <c>ticket</c>).</summary>
    public SlothAlert For(string severity) => severity == "page" ? Page : Ticket;
}

/// <summary>Sloth's <c>pageAlert</c> / <c>ticketAlert</c> (<c>page_alert</c> / <c>ticket_alert</c>).</summary>
public sealed record SlothAlert(bool Disabled, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations)
{
    public static SlothAlert Enabled { get; } = new(false, new Dictionary<string, string>(), new Dictionary<string, string>());
}
