namespace SloBot.Chat.Delivery;

/// <summary>How the outbox retries, and how its record of deliveries is leased, recovered and pruned. The defaults need no configuration.</summary>
public sealed class OutboxOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "SloBot:Outbox";

    /// <summary>Attempts of one delivery before it is recorded as failed (live and recovered attempts count alike).</summary>
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public int RememberedKeys { get; set; } = 10_000;

    /// <summary>
    /// How long a process holds a recorded delivery without renewing its lease; a process that dies leaves its
    /// deliveries to the others (and to itself after a restart) once this has passed.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the recovery worker renews this process's leases and claims deliveries whose lease expired.</summary>
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deliveries one recovery pass claims at most.</summary>
    public int RecoveryBatch { get; set; } = 50;

    /// <summary>How long delivered and failed deliveries are kept before they are pruned.</summary>
    public TimeSpan KeepFinished { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long a process holds inbound work it recorded (a command it acked) without renewing the lease; a process
    /// that dies leaves its unanswered commands to the others once this has passed (renewed three times per lease).
    /// </summary>
    public TimeSpan InboxLeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Runs of one inbound event (the live one included) before it is recorded as failed: a command that kills every process running it is not tried forever.</summary>
    public int InboxMaxAttempts { get; set; } = 3;
}
