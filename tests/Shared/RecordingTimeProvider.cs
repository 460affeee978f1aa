using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace SloBot.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that records the due time of every timer created on it (<c>Task.Delay</c>,
/// <c>WaitAsync</c> and timers on this provider all create one). A test waits for the event "the code is now waiting
/// on time" — a timer of the expected length exists — and only then asserts that nothing else has happened, instead of
/// pausing first: once that timer exists, nothing moves until the test advances the clock.
/// </summary>
public sealed class RecordingTimeProvider : FakeTimeProvider
{
    private readonly ConcurrentQueue<(TimeSpan Due, string CreatedIn)> _timers = new();

    public RecordingTimeProvider()
    {
    }

    public RecordingTimeProvider(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>The timers created so far, oldest first: due time, and the SloBot type whose code created it.</summary>
    public IReadOnlyCollection<(TimeSpan Due, string CreatedIn)> Timers => _timers;

    /// <summary>
    /// How many timers of exactly <paramref name="due"/> were created, by code whose type name contains
    /// <paramref name="createdIn"/> when given (an async method's state machine: <c>"RunSlotAsync"</c>).
    /// </summary>
    public int TimersOf(TimeSpan due, string? createdIn = null) =>
        _timers.Count(t => t.Due == due && (createdIn is null || t.CreatedIn.Contains(createdIn, StringComparison.Ordinal)));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Enqueue((dueTime, Creator())); // recorded once it exists: a test that saw it may advance the clock past it
        return timer;
    }

    /// <summary>The first SloBot type on the stack outside the tests' helpers (Task.Delay and WaitAsync sit in between).</summary>
    private static string Creator() =>
        new StackTrace().GetFrames().Select(f => f.GetMethod()?.DeclaringType?.FullName)
            .FirstOrDefault(n => n is not null && n.StartsWith("SloBot.", StringComparison.Ordinal) && !n.StartsWith("SloBot.Testing.", StringComparison.Ordinal)) ?? "";
}
