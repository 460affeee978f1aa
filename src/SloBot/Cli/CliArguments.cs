using SloBot.Core.Text;

namespace SloBot.Cli;

/// <summary>
/// SloBot's command line: a verb (<c>ask</c>, <c>events import</c>, none = run as a service), SloBot's own flags
/// (<c>--demo</c>, <c>--json</c>, <c>--out DIR</c>) and .NET configuration overrides (<c>--SloBot:Sli:Source=Prometheus</c>),
/// which may come before or after the verb's arguments.
/// </summary>
internal sealed record CliArguments(string Verb, IReadOnlyList<string> Words, bool Demo, bool Json, string? OutDir, IReadOnlyList<string> ConfigArgs)
{
    public const string Serve = "serve";
    public const string Ask = "ask";
    public const string Events = "events";
    public const string Catalog = "catalog";
    public const string Rules = "rules";
    public const string StatusPage = "status-page";

    private static readonly string[] Flags = ["--demo", "--json", "--out", "--kubernetes", "--help", "--version"];
    private static readonly string[] Verbs = [Ask, Events, Catalog, Rules, StatusPage, Serve, "help"];

    /// <summary><c>--kubernetes</c>: <c>slobot rules</c> writes a prometheus-operator PrometheusRule.</summary>
    public bool Kubernetes { get; init; }

    public static (CliArguments? Args, string? Error) Parse(IReadOnlyList<string> args)
    {
        var words = new List<string>();
        var config = new List<string>();
        bool demo = false, json = false, kubernetes = false;
        string? outDir = null;
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            switch (a)
            {
                case "--demo":
                    demo = true;
                    break;
                case "--json":
                    json = true;
                    break;
                case "--kubernetes":
                    kubernetes = true;
                    break;
                case "--out" when i + 1 < args.Count:
                    outDir = args[++i];
                    break;
                case "--out":
                    return (null, "--out needs a folder: --out DIR");
                case "--help" or "-h":
                    words.Insert(0, "help");
                    break;
                default:
                    if (a.StartsWith("--out=", StringComparison.Ordinal))
                    {
                        outDir = a["--out=".Length..];
                    }
                    else if (IsConfigArgument(a))
                    {
                        config.Add(a);
                        if (!a.Contains('=', StringComparison.Ordinal) && i + 1 < args.Count)
                            config.Add(args[++i]);
                    }
                    else if (a.StartsWith("--", StringComparison.Ordinal))
                    {
                        var hint = DidYouMean.HintOr(".", a, Flags);
                        return (null, $"Unknown option {a}{hint} Options: --demo, --json, --out DIR (a FILE for rules), --kubernetes (rules), and configuration keys such as --SloBot:Sli:Source=Prometheus.");
                    }
                    else
                    {
                        words.Add(a);
                    }

                    break;
            }
        }

        var verb = words.Count == 0 ? Serve : words[0].ToLowerInvariant();
        if (!Verbs.Contains(verb))
        {
            return (null, $"Unknown command '{words[0]}'{DidYouMean.HintOr(".", verb, Verbs)}");
        }

        if (kubernetes && verb != Rules)
            return (null, "--kubernetes is an option of `slobot rules` only.");
        return (new CliArguments(verb, words.Skip(1).ToArray(), demo, json, outDir, config) { Kubernetes = kubernetes }, null);
    }

    /// <summary>Configuration overrides: a section path with ':' (--SloBot:Sli:Source=…) or the host's own keys.</summary>
    private static bool IsConfigArgument(string a) =>
        a.StartsWith("--", StringComparison.Ordinal) && (a.Contains(':', StringComparison.Ordinal)
            || a.StartsWith("--urls", StringComparison.OrdinalIgnoreCase)
            || a.StartsWith("--environment", StringComparison.OrdinalIgnoreCase)
            || a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase));

    public const string Usage = """
        slobot                                   run the bot (console REPL when a terminal is attached; Slack/Discord when configured)
        slobot ask "/slo budget payment" [--json] [--out DIR]
                                                 handle one command as chat would and print the reply (exit 0 answered, 1 source failed, 2 bad command)
        slobot events import FILE.csv            import per-minute good/total counts (columns timestamp,service,slo,good,total)
        slobot catalog check [DIR] [--json]      load a catalog folder as the bot does: every SLO understood, every problem and note
                                                 (exit 0 clean, 1 a file or SLO refused, 2 bad usage)
        slobot rules [DIR] [--out FILE] [--kubernetes]
                                                 Prometheus recording and burn-rate alert rules for the catalog's SLOs (Sloth's names);
                                                 --kubernetes writes a PrometheusRule (exit 0 all SLOs, 1 a file or SLO refused, 2 bad usage)
        slobot status-page [PERIOD] --out DIR    the customers' status page (index.html and status.json) of the services listed
                                                 under SloBot:StatusPage:Services, over PERIOD (e.g. 30d; default 90 days)
                                                 (exit 0 written, 1 source failed, 2 bad usage or no service listed)
        slobot help                              this text

        Flags: --demo (demo catalog and 30 days of demo history), --json, --out DIR.
        Configuration: appsettings.json, environment (SloBot__Sli__Source=Prometheus) or --SloBot:Sli:Source=Prometheus.
        """;
}
