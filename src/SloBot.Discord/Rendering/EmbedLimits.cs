namespace SloBot.Discord.Rendering;

/// <summary>Discord's message limits (resources/message.mdx, components/reference.mdx).</summary>
internal static class EmbedLimits
{
    public const int Content = 2000;
    public const int Title = 256;
    public const int Description = 4096;
    public const int Fields = 25;
    public const int FieldName = 256;
    public const int FieldValue = 1024;
    public const int Footer = 2048;
    public const int EmbedsPerMessage = 10;
    public const int TotalPerMessage = 6000;
    public const int ButtonsPerRow = 5;
    public const int Rows = 5;
    public const int ButtonLabel = 80;

    /// <summary>Cuts <paramref name="text"/> to <paramref name="max"/> characters, visibly (ends with "…").</summary>
    public static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>Splits at line breaks, then spaces, then anywhere, into pieces of at most <paramref name="max"/>.</summary>
    public static IEnumerable<string> Split(string text, int max)
    {
        var rest = text;
        while (rest.Length > max)
        {
            var cut = rest.LastIndexOf('\n', max - 1);
            if (cut < max / 2)
                cut = rest.LastIndexOf(' ', max - 1);
            if (cut < max / 2)
                cut = max;
            yield return rest[..cut].TrimEnd();
            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0)
            yield return rest;
    }
}
