using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SloBot.Chat.Commands;
using SloBot.Discord.Commands;
using SloBot.Discord.Delivery;
using SloBot.Discord.Inbound;
using SloBot.Discord.Rendering;

namespace SloBot.Discord.Tests.Commands;

/// <summary>Property tests of the Discord → chat text path: any value a user types arrives unchanged, nothing throws.</summary>
public sealed class CommandTextProperties
{
    private static readonly CommandSpec[] Specs =
    [
        new("retro start", "Start", [new CommandOption("incident", "Incident", Required: true, Positional: true), new CommandOption("notes", "Notes")], []),
    ];

    private static readonly CommandLayout Layout = CommandLayout.Create(Specs);

    [Property(MaxTest = 1000)]
    public bool AnyNamedValue_ReachesTheChatLayerUnchanged(NonNull<string> value) =>
        Args(Data(("incident", "INC-7"), ("notes", value.Get))).Named["notes"] == value.Get;

    [Property(MaxTest = 1000)]
    public Property AnyPositionalValueWithoutEquals_ReachesTheChatLayerUnchanged(NonNull<string> value) =>
        Prop.When(!value.Get.Contains('=', StringComparison.Ordinal), () => Args(Data(("incident", value.Get))).Positional.SequenceEqual([value.Get]));

    [Fact]
    public void ValueWithBothQuoteKinds_IsNotMangled()
    {
        // Regression: single-quoting a value that also holds a single quote lost characters ('a"b'c' → a"bc).
        // (Curly quotes are read as straight ones by the chat layer's tokenizer, on every platform.)
        const string value = "a\"b'c \" 'e' \"\"";

        Assert.Equal(value, Args(Data(("incident", "INC-7"), ("notes", value))).Named["notes"]);
    }

    [Fact]
    public void InteractionWithInvalidUtf8InAString_ParsesWithoutThrowing()
    {
        // Regression (found by scripts/fuzz.sh, target discord): a byte 0x80 inside a JSON string threw
        // InvalidOperationException ("Cannot transcode invalid UTF-8") out of the parser.
        var bytes = System.Text.Encoding.UTF8.GetBytes("""{"id":"3","type":3,"channel_id":"C1","user":{"id":"U1"},"data":{"custom_id":"budget.refresh|pay?","values":["x"]}}""");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0x80;
        var interaction = (JsonObject)JsonNode.Parse(bytes)!;

        var click = Assert.IsType<Chat.Events.ButtonClick>(new InteractionParser(new ButtonIds()).Parse(interaction, Specs, DateTimeOffset.UnixEpoch));

        Assert.Equal("U1", click.User.Id);
    }

    [Property(MaxTest = 500)]
    public void AnyInteractionObject_ParsesWithoutThrowing(NonNull<string> name, NonNull<string> value, int type, bool focused)
    {
        var option = new JsonObject { ["name"] = name.Get, ["type"] = type, ["value"] = value.Get, ["focused"] = focused };
        var interaction = new JsonObject
        {
            ["id"] = value.Get,
            ["type"] = type % 6,
            ["channel"] = new JsonObject { ["id"] = name.Get, ["type"] = type, ["parent_id"] = type },
            ["data"] = new JsonObject { ["name"] = name.Get, ["custom_id"] = value.Get, ["options"] = new JsonArray(new JsonObject { ["name"] = name.Get, ["type"] = type % 3, ["options"] = new JsonArray(option) }) },
        };

        _ = new InteractionParser(new ButtonIds()).Parse(interaction, Specs, DateTimeOffset.UnixEpoch);
        _ = CommandText.Focused(interaction["data"], Layout);
    }

    private static CommandArgs Args(JsonObject data)
    {
        var text = CommandText.Build(data, Layout);
        var words = CommandArgs.Tokenize(text);
        Assert.Equal(["retro", "start"], words.Take(2));
        return CommandArgs.Parse(words.Skip(2));
    }

    private static JsonObject Data(params (string Name, string Value)[] options) => new()
    {
        ["name"] = "slo",
        ["type"] = 1,
        ["options"] = new JsonArray(new JsonObject
        {
            ["name"] = "retro",
            ["type"] = 2,
            ["options"] = new JsonArray(new JsonObject
            {
                ["name"] = "start",
                ["type"] = 1,
                ["options"] = new JsonArray(options.Select(o => (JsonNode)new JsonObject { ["name"] = o.Name, ["type"] = 3, ["value"] = o.Value }).ToArray()),
            }),
        }),
    };
}
