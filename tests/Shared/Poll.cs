namespace SloBot.Testing;

/// <summary>
/// The one polling helper of the tests (linked into each test project that polls). Its meaning is "this will happen":
/// it checks <c>condition</c> every couple of milliseconds until it holds, and the limit (real time, 10 s unless given)
/// only bounds a failure, never what a test measures. <c>between</c> runs between checks, e.g. to advance a
/// FakeTimeProvider. To show that something does NOT happen, wait for a later event and then assert, never pause.
/// </summary>
public static class Poll
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(10);

    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? limit = null, Action? between = null, Func<string>? detail = null)
    {
        var max = limit ?? DefaultLimit;
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > max)
                throw new TimeoutException($"Timed out after {max.TotalSeconds:0.#} s waiting for {what}." + (detail is null ? "" : " " + detail()));
            between?.Invoke();
            await Task.Delay(2);
        }
    }

    public static async Task<T> ForAsync<T>(Func<T?> probe, string what, TimeSpan? limit = null)
        where T : class
    {
        T? found = null;
        await UntilAsync(() => (found = probe()) is not null, what, limit);
        return found!;
    }
}
