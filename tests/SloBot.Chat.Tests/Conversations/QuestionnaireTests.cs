using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using Xunit;

namespace SloBot.Chat.Tests.Conversations;

public class QuestionnaireTests
{
    private static readonly ConversationKey Console = new("console", "terminal", "session");

    [Fact]
    public async Task CommandWithoutArguments_AsksEachQuestion_ThenRunsTheFullCommand()
    {
        using var host = new ConversationHost(Register);

        var first = await host.CommandAsync(Console, "/slo paint");
        Assert.Contains("Which service?", first!.PlainText());
        var second = await host.SayAsync(Console, "Payment");
        Assert.Contains("service — payment ✔", second!.PlainText());
        Assert.Contains("Which colour?", second.PlainText());
        var done = await host.ClickAsync(Console, second.Buttons.Single(b => b.Label == "blue"));

        Assert.Contains("Running `/slo paint payment blue`", done!.PlainText());
        Assert.Contains("painted payment blue", done.PlainText());
        Assert.Null(await host.SayAsync(Console, "anything")); // finished: the session is free
    }

    [Fact]
    public async Task KnownAnswers_AreNotAskedAgain_AndValidationRefusesWithReason()
    {
        using var host = new ConversationHost(Register);

        var first = await host.CommandAsync(Console, "/slo paint payment");
        Assert.Contains("Which colour?", first!.PlainText());
        var refused = await host.SayAsync(Console, "bleu");
        Assert.Contains("`bleu` is not one of `red`, `blue` — did you mean `blue`?", refused!.PlainText());
        var done = await host.SayAsync(Console, "red");
        Assert.Contains("painted payment red", done!.PlainText());
    }

    [Fact]
    public async Task InAChannel_AsksInANewThread()
    {
        using var host = new ConversationHost(Register);

        var reply = await host.CommandAsync(ConversationHost.Channel, "/slo paint");

        Assert.Contains("in a thread", reply!.PlainText());
        var (thread, title) = Assert.Single(host.Transport.Threads);
        Assert.Equal("/slo paint", title);
        Assert.Contains(host.Transport.Posts, p => p.Where == thread && p.Reply.PlainText().Contains("Which service?", StringComparison.Ordinal));
        var next = await host.SayAsync(thread, "search");
        Assert.Contains("Which colour?", next!.PlainText());
    }

    [Fact]
    public async Task UnknownService_IsRefused_WithTheQuestionAgain()
    {
        using var host = new ConversationHost(Register);
        await host.CommandAsync(Console, "/slo paint");

        var reply = await host.SayAsync(Console, "paymnt");

        Assert.Contains("no service 'paymnt'", reply!.PlainText());
        Assert.Contains("Which service?", reply.PlainText());
    }

    private static void Register(IServiceCollection services)
    {
        services.AddCommand<PaintCommand>();
        services.AddQuestionnaire(sp => new Questionnaire(
            "paint",
            "/slo paint",
            [
                new Question("service", "Which service?", "payment")
                {
                    Validate = s => sp.GetRequiredService<Core.Catalog.ISloCatalog>().Services.Any(x => string.Equals(x.Name, s, StringComparison.OrdinalIgnoreCase)) ? null : $"no service '{s}'",
                    Normalise = s => s.ToLowerInvariant(),
                },
                new Question("colour", "Which colour?", "red") { Choices = ["red", "blue"], ChoicesOnly = true },
            ],
            a => $"paint {a["service"]} {a["colour"]}"));
    }

    /// <summary>A command in the shape /slo tier will have: asks for what is missing, answers when complete.</summary>
    private sealed class PaintCommand(IQuestionnaires questionnaires) : ICommandHandler
    {
        public CommandSpec Spec { get; } = new(
            "paint",
            "Paints a service",
            [
                new CommandOption("service", "The service", OptionKind.Service, Required: true, Positional: true) { CheckedByCommand = true },
                new CommandOption("colour", "The colour", Required: true, Positional: true) { CheckedByCommand = true },
            ],
            ["/slo paint payment red"]);

        public Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
        {
            if (context.Args.Positional.Count < 2)
            {
                var known = new Dictionary<string, string>();
                if (context.Args.At(0) is { } s)
                    known["service"] = s;
                return questionnaires.AskAsync(context, "paint", known, cancellationToken);
            }

            return Task.FromResult(Reply.Text($"painted {context.Args.At(0)} {context.Args.At(1)}"));
        }
    }
}
