using SloBot.Chat.Replies;
using SloBot.Core.Journeys;
using SloBot.Core.Text;

namespace SloBot.Chat.Journeys;

/// <summary>The friendly error for an unknown journey: what exists, with a did-you-mean (categories are the router's choices).</summary>
internal static class JourneyText
{
    public static Reply UnknownJourney(string category, string name)
    {
        var keys = JourneyTemplates.InCategory(category).Select(t => t.Key).ToArray();
        var hint = DidYouMean.HintOr(".", name, keys);
        return Reply.BadCommand($"No `{name}` journey in {category}{hint} Its journeys are {string.Join(", ", keys.Select(k => $"`{k}`"))}.");
    }
}
