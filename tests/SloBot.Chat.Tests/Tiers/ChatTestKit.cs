using Microsoft.Extensions.Options;
using SloBot.Chat.Commands;
using SloBot.Chat.Roles;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;

namespace SloBot.Chat.Tests.Tiers;

internal static class ChatTestKit
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static CommandContext Command(string textAfterName, string user = "U1") => new(
        new CommandEvent("ev-1", new ConversationKey("console", "c1"), new ChatUser(user), Now, textAfterName),
        CommandArgs.Parse(CommandArgs.Tokenize(textAfterName)));

    /// <summary>Runs a command as the router does: its words checked against its spec, then handled with the parsed values.</summary>
    public static Task<Reply> RouteAsync(ICommandHandler handler, string textAfterName) =>
        new CommandRouter([handler]).RouteAsync(Command($"/slo {handler.Spec.Name} {textAfterName}").Event, CancellationToken.None);

    public static ButtonClick Click(string action, string value, string user) =>
        new("ev-2", new ConversationKey("console", "c1"), new ChatUser(user), Now, action, value, "m1");

    public static SloRoles Roles(params string[] sloOwners) => new(Options.Create(new RoleOptions { SloOwner = [.. sloOwners] }));

    public static InMemorySloCatalog Catalog() => new(
    [
        new ServiceDefinition("payment", [Availability("payment", 0.999)], Tier: "essential", Owners: ["U-owner"], Dependencies: ["database", "cache", "ledger"]),
        new ServiceDefinition("database", [Availability("database", 0.9995)]),
        new ServiceDefinition("cache", [], Tier: "critical"),
        new ServiceDefinition("search", [], Owners: []),
    ]);

    public static SloDefinition Availability(string service, double target) => new(
        service, "availability", target, TimeSpan.FromDays(30),
        new SliQuery(SliQueryKind.Counter, null, $"http_requests_total{{service=\"{service}\",code=~\"5..\"}}", $"http_requests_total{{service=\"{service}\"}}"));
}
