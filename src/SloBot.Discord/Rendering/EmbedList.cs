using System.Text;
using System.Text.Json.Nodes;

namespace SloBot.Discord.Rendering;

/// <summary>Builds embeds in reading order, starting a new embed whenever the current one cannot take the next piece.</summary>
internal sealed class EmbedList(string? title)
{
    private readonly List<Embed> _embeds = [new Embed { Title = title is null ? null : EmbedLimits.Truncate(title, EmbedLimits.Title) }];

    private Embed Current => _embeds[^1];

    public void AddText(string text)
    {
        if (Current.Fields.Count > 0 || Current.Image is not null)
            Break();
        foreach (var part in EmbedLimits.Split(text, EmbedLimits.Description - 2))
        {
            var separator = Current.Description.Length > 0 ? 2 : 0;
            if (Current.Description.Length + separator + part.Length > EmbedLimits.Description)
                Break();
            if (Current.Description.Length > 0)
                Current.Description.Append("\n\n");
            Current.Description.Append(part);
        }
    }

    public void AddField(string label, string value)
    {
        var name = EmbedLimits.Truncate(label.Length == 0 ? "\u200b" : label, EmbedLimits.FieldName);
        var text = EmbedLimits.Truncate(value.Length == 0 ? "—" : value, EmbedLimits.FieldValue);
        if (Current.Image is not null || Current.Fields.Count == EmbedLimits.Fields || Current.Size + name.Length + text.Length > EmbedLimits.TotalPerMessage - EmbedLimits.Footer)
            Break();
        Current.Fields.Add((name, text));
    }

    public void AddImage(string fileName)
    {
        if (Current.Image is not null)
            Break();
        Current.Image = fileName;
    }

    public void Footer(string text) => Current.Footer = EmbedLimits.Truncate(text, EmbedLimits.Footer);

    /// <summary>Ends the current embed (a divider, or a limit reached); an empty one is reused.</summary>
    public void Break()
    {
        if (!Current.IsEmpty)
            _embeds.Add(new Embed());
    }

    public IReadOnlyList<(JsonObject Embed, int Size, string? Image)> Build() =>
        _embeds.Where(e => !e.IsEmpty || _embeds.Count == 1).Select(e => (e.ToJson(), e.Size, e.Image)).ToArray();

    private sealed class Embed
    {
        public string? Title { get; init; }

        public StringBuilder Description { get; } = new();

        public List<(string Name, string Value)> Fields { get; } = [];

        public string? Image { get; set; }

        public string? Footer { get; set; }

        public bool IsEmpty => Title is null && Description.Length == 0 && Fields.Count == 0 && Image is null && Footer is null;

        public int Size => (Title?.Length ?? 0) + Description.Length + Fields.Sum(f => f.Name.Length + f.Value.Length) + (Footer?.Length ?? 0);

        public JsonObject ToJson()
        {
            var embed = new JsonObject { ["type"] = "rich" };
            if (Title is not null)
                embed["title"] = Title;
            if (Description.Length > 0)
                embed["description"] = Description.ToString();
            if (Fields.Count > 0)
            {
                embed["fields"] = new JsonArray(Fields.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["value"] = f.Value, ["inline"] = true }).ToArray());
            }

            if (Image is not null)
                embed["image"] = new JsonObject { ["url"] = "attachment://" + Image };
            if (Footer is not null)
                embed["footer"] = new JsonObject { ["text"] = Footer };
            if (IsEmpty)
                embed["description"] = "\u200b";
            return embed;
        }
    }
}
