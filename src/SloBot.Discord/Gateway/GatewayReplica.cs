using System.Globalization;

namespace SloBot.Discord.Gateway;

/// <summary>This process as a lease owner: host name (the pod's, on Kubernetes), process id and a random part, so a restarted process is a new owner.</summary>
internal sealed class GatewayReplica
{
    public string Name { get; init; } = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}");

    public override string ToString() => Name;
}
