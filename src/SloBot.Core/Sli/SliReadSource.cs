namespace SloBot.Core.Sli;

/// <summary>
/// Where a source read an SLO's figures (<c>source</c> in replies and <c>--json</c>, docs/prometheus.md, "Recording rules").
/// </summary>
public static class SliReadSource
{
    /// <summary>Burn rates from recorded error ratios (SloBot's or Sloth's rules); the window from SloBot's recorded event rates when present.</summary>
    public const string RecordingRules = "recording rules";

    /// <summary>Every window counted from the SLO's own queries.</summary>
    public const string RawCounters = "raw counters";
}
