namespace SloBot.Core.Planning;

/// <summary>The achieved SLI of a quarter against the quarter before (docs/planning.md).</summary>
public enum QuarterTrend
{
    /// <summary>Up by at least <see cref="QuarterTrends.SteadyWithinPoints"/>.</summary>
    Improving,

    /// <summary>Within ± <see cref="QuarterTrends.SteadyWithinPoints"/>.</summary>
    Steady,

    /// <summary>Down by at least <see cref="QuarterTrends.SteadyWithinPoints"/>.</summary>
    Declining,

    /// <summary>The quarter before had no events (a new SLO, or no history that far back).</summary>
    NoEarlierData,
}

public static class QuarterTrends
{
    /// <summary>A change smaller than this many points (a tenth of a 99.9 % SLO's budget) is steady.</summary>
    public const double SteadyWithinPoints = 0.01;

    /// <summary>The trend from the quarter before's achieved SLI to this one's, both in percent (null: no data).</summary>
    /// <remarks>The difference is rounded to 10 decimals first, so 99.91 − 99.9 is 0.01, not 0.00999999999999801.</remarks>
    public static QuarterTrend Of(double? beforePercent, double actualPercent) => beforePercent switch
    {
        null => QuarterTrend.NoEarlierData,
        { } b => Math.Round(actualPercent - b, 10) switch
        {
            >= SteadyWithinPoints => QuarterTrend.Improving,
            <= -SteadyWithinPoints => QuarterTrend.Declining,
            _ => QuarterTrend.Steady,
        },
    };

    public static string ToWords(this QuarterTrend trend) => trend switch
    {
        QuarterTrend.Improving => "improving",
        QuarterTrend.Declining => "declining",
        QuarterTrend.Steady => "steady",
        _ => "no earlier data",
    };
}
