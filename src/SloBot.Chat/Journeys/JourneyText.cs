using SloBot.Chat.Replies;
using SloBot.Core.Journeys;
using SloBot.Core.Text;

namespace SloBot.Chat.Journeys;

/// <summary>Friendly errors for unknown categories and journeys: what exists, with a did-you-mean.</summary>
internal static class JourneyText
{
    public static (string? Category, Reply? Error) Category(string text)
    {
        if (JourneyCategories.Normalise(text) is { } category)
            return (category, null);
        var hint = DidYouMean.Suggest(text, JourneyCategories.All) is { } m ? $" — did you mean `{m}`?" : "";
        return (null, Reply.BadCommand($"No journey category `{text}`{hint} The categories are {string.Join(", ", JourneyCategories.All.Select(c => $"`{c}`"))}."));
    }

    public static Reply UnknownJourney(string category, string name)
    {
        var keys = JourneyTemplates.InCategory(category).Select(t => t.Key).ToArray();
        var hint = DidYouMean.Suggest(name, keys) is { } m ? $" — did you mean `{m}`?" : "";
        return Reply.BadCommand($"No `{name}` journey in {category}{hint} Its journeys are {string.Join(", ", keys.Select(k => $"`{k}`"))}.");
    }
}
