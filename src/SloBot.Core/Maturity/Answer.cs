namespace SloBot.Core.Maturity;

/// <summary>An answer to one question of the maturity or readiness questionnaire: yes 1, partly 0.5, no 0.</summary>
public enum Answer
{
    No,
    Partly,
    Yes,
}

public static class Answers
{
    public static IReadOnlyList<string> Words { get; } = ["yes", "partly", "no"];

    public static double Value(this Answer answer) => answer switch
    {
        Answer.Yes => 1.0,
        Answer.Partly => 0.5,
        _ => 0.0,
    };

    public static string ToWord(this Answer answer) => answer switch
    {
        Answer.Yes => "yes",
        Answer.Partly => "partly",
        _ => "no",
    };

    /// <summary>yes/partly/no, case-insensitive; also y/n, true/false, 1/0.</summary>
    public static bool TryParse(string? text, out Answer answer)
    {
        answer = Answer.No;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "yes" or "y" or "true" or "1":
                answer = Answer.Yes;
                return true;
            case "partly" or "partially" or "partial" or "0.5":
                answer = Answer.Partly;
                return true;
            case "no" or "n" or "false" or "0":
                return true;
            default:
                return false;
        }
    }
}
