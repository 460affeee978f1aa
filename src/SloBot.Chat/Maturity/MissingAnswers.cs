using SloBot.Chat.Replies;
using SloBot.Core.Maturity;

namespace SloBot.Chat.Maturity;

/// <summary>Without the conversation engine: the questions still open and the command to type, exit 2.</summary>
internal static class MissingAnswers
{
    public static Reply Reply(string command, IReadOnlyList<string> names, IReadOnlyDictionary<string, Answer> answers)
    {
        var missing = names.Where(n => !answers.ContainsKey(n)).ToArray();
        var text = $"/slo {command} " + string.Join(' ', names.Select(n => answers.TryGetValue(n, out var a) ? $"{n}={a.ToWord()}" : $"{n}=yes|partly|no"));
        var message = $"`/slo {command}` still needs {missing.Length} answer{(missing.Length == 1 ? "" : "s")} ({string.Join(", ", missing)}). Copy this command and keep one answer per question: `{text}`";
        return Replies.Reply.BadCommand(message) with { Data = new { error = "missing answers", missing, command = text } };
    }
}
