namespace SloBot.Core.Sli;

/// <summary>Good and total events counted over one window.</summary>
public readonly record struct EventCounts(double Good, double Total)
{
    public static EventCounts None => default;

    public double Bad => Math.Max(0, Total - Good);

    public bool HasEvents => Total > 0;

    /// <summary>Bad ÷ total; 0 when there were no events.</summary>
    public double ErrorRatio => Total > 0 ? Bad / Total : 0;

    public static EventCounts operator +(EventCounts a, EventCounts b) => new(a.Good + b.Good, a.Total + b.Total);
}
