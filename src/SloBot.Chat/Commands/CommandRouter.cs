using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Core.Catalog;
using SloBot.Core.Text;

namespace SloBot.Chat.Commands;

/// <summary>
/// Finds the handler for "/slo …" text (longest matching name wins), checks the words against its spec
/// (<see cref="CommandUsage"/>) and runs it with the parsed arguments.
/// </summary>
public sealed class CommandRouter
{
    private readonly ICommandHandler[] _handlers;
    private readonly ISloCatalog? _catalog;

    /// <param name="catalog">Names the services when a command is given none.</param>
    public CommandRouter(IEnumerable<ICommandHandler> handlers, CommandRunner? runner = null, ISloCatalog? catalog = null)
    {
        _catalog = catalog;
        _handlers = handlers.OrderByDescending(h => h.Spec.Name.Count(c => c == ' ')).ToArray();
        runner?.Attach(this);
    }

    public IReadOnlyList<CommandSpec> Commands => _handlers.Select(h => h.Spec).OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();

    public Task<Reply> RouteAsync(CommandEvent command, CancellationToken cancellationToken)
    {
        var words = CommandArgs.Tokenize(StripPrefix(command.Text));
        if (words.Count == 0)
            return Task.FromResult(HelpReply.For(Commands));
        if (Match(words) is { } handler)
        {
            var nameWords = handler.Spec.Name.Split(' ');
            var (args, usage) = CommandUsage.Check(handler.Spec, words.Skip(nameWords.Length).ToArray(), _catalog);
            var context = new CommandContext(command, args);
            if (command.OneShot && handler.Spec.OpensConversation)
            {
                // What was wrong with the words is the more useful answer: said first, the refusal after it.
                var refusal = NeedsConversation(handler.Spec, command.Text);
                var bad = usage ?? (handler is IArgumentCheck check ? check.CheckArguments(context) : null);
                return Task.FromResult(bad is not null
                    ? bad with { Blocks = [.. bad.Blocks, .. refusal.Blocks], Data = new { error = $"{bad.Summary} {refusal.Summary}" } }
                    : refusal);
            }

            return usage is not null ? Task.FromResult(usage) : handler.HandleAsync(context, cancellationToken);
        }

        return Task.FromResult(Unknown(words));
    }

    /// <summary>The name of the registered command <paramref name="text"/> runs (<c>help</c> for nothing), or null when none does.</summary>
    public string? CommandNameOf(string text)
    {
        var words = CommandArgs.Tokenize(StripPrefix(text));
        return words.Count == 0 ? "help" : Match(words)?.Spec.Name;
    }

    private ICommandHandler? Match(IReadOnlyList<string> words) => _handlers.FirstOrDefault(handler =>
    {
        var nameWords = handler.Spec.Name.Split(' ');
        return words.Count >= nameWords.Length && nameWords.Select((w, i) => string.Equals(w, words[i], StringComparison.OrdinalIgnoreCase)).All(x => x);
    });

    /// <summary>A conversation typed into <c>slobot ask</c>: refused before the handler runs, so nothing is started or stored.</summary>
    private static Reply NeedsConversation(CommandSpec spec, string typed)
    {
        var text = StripPrefix(typed);
        return Reply.BadCommand(
            $"`/slo {spec.Name}` opens a conversation that is answered step by step, and a one-shot `slobot ask` cannot answer it, " +
            $"so nothing was started or stored. Run it in Slack or Discord (`/slo {text}`), or in SloBot's console: start `slobot` " +
            $"(`slobot --demo` for the demo data) and type `/slo {text}` at the `slo>` prompt.");
    }

    private Reply Unknown(IReadOnlyList<string> words)
    {
        var word = words[0];
        var group = _handlers.Select(h => h.Spec).Where(s => s.Name.Contains(' ') && s.Name.Split(' ')[0].Equals(word, StringComparison.OrdinalIgnoreCase))
            .OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();
        if (group.Length > 0)
        {
            var subHint = words.Count > 1 ? DidYouMean.Hint(words[1], group.Select(g => g.Name.Split(' ')[1]), m => $"/slo {word.ToLowerInvariant()} {m}") : "";
            return Reply.BadCommand($"`/slo {word.ToLowerInvariant()}` needs one of: {string.Join(", ", group.Select(g => $"`{g.Usage}`"))}{(subHint.Length > 0 ? subHint : ".")}");
        }

        var names = _handlers.Select(h => h.Spec.Name.Split(' ')[0]).Distinct().ToArray();
        var hint = DidYouMean.Hint(word, names, m => $"/slo {m}");
        return Reply.BadCommand($"No command `{word}`{(hint.Length > 0 ? hint : ".")} Try `/slo help` for the list of commands.");
    }

    /// <summary>Accepts "/slo budget x", "slo budget x" and "budget x".</summary>
    public static string StripPrefix(string text)
    {
        var t = text.Trim();
        foreach (var prefix in new[] { "/slo", "slo" })
        {
            if (t.Equals(prefix, StringComparison.OrdinalIgnoreCase))
                return "";
            if (t.StartsWith(prefix + " ", StringComparison.OrdinalIgnoreCase))
                return t[(prefix.Length + 1)..];
        }

        return t;
    }
}

public static class CommandServiceCollectionExtensions
{
    public static IServiceCollection AddCommand<T>(this IServiceCollection services)
        where T : class, ICommandHandler
    {
        services.AddSingleton<T>();
        services.AddSingleton<ICommandHandler>(sp => sp.GetRequiredService<T>());
        return services;
    }
}
