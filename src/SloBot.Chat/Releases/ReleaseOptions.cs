namespace SloBot.Chat.Releases;

/// <summary><c>SloBot:Releases</c>: how release decisions treat an active burn.</summary>
public sealed class ReleaseOptions
{
    public const string Section = "SloBot:Releases";

    /// <summary>
    /// When true, a release of a service with an active page-level burn is deferred (exit 4) whatever the matrix says;
    /// when false (the default) the burn is listed as a risk factor and a condition, and the matrix decides.
    /// </summary>
    public bool FreezeWhileBurning { get; set; }
}
