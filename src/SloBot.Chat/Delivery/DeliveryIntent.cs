using System.Globalization;

namespace SloBot.Chat.Delivery;

/// <summary>
/// What a post is for, as a key derived from the intent rather than from the call: the same intent posted again (the
/// outbox retrying after a lost response, a scheduled run redone after a failure) carries the same key, so the outbox
/// and the platform deliver it once. Transports use it as the outbox key, Slack sends it in the message's
/// <c>metadata</c> and Discord as the message's <c>nonce</c> (hashed) with <c>enforce_nonce</c>.
/// </summary>
public readonly record struct DeliveryIntent
{
    private DeliveryIntent(string key) => Key = key;

    public string Key { get; }

    /// <summary>An intent named by the caller (a conversation's prompt at a version, a decision's announcement).</summary>
    public static DeliveryIntent Of(string key) =>
        string.IsNullOrWhiteSpace(key) ? throw new ArgumentException("A delivery intent needs a key.", nameof(key)) : new(key);

    /// <summary>The <paramref name="index"/>th answer (1, 2, …) to the event <paramref name="eventId"/>.</summary>
    public static DeliveryIntent Reply(string eventId, int index) => Of($"{eventId}#{index.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>A scheduled post's run for the occurrence <paramref name="due"/>.</summary>
    public static DeliveryIntent ScheduleRun(string job, DateTimeOffset due) =>
        Of($"schedule:{job}:{due.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");

    /// <summary>An SLO's alert changing to <paramref name="severity"/> at <paramref name="since"/>.</summary>
    public static DeliveryIntent AlertChange(string slo, string severity, DateTimeOffset since) =>
        Of($"alert:{slo}:{severity}:{since.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");

    /// <summary>One piece of this intent (a split reply's second message, a thread's opening).</summary>
    public DeliveryIntent Part(string part) => new($"{Key}:{part}");

    public override string ToString() => Key;
}
