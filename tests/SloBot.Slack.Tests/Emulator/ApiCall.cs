using System.Text.Json;

namespace SloBot.Slack.Tests.Emulator;

/// <summary>One request the emulator received: a Web API method, "response_url" or "upload".</summary>
/// <param name="Status">What the emulator answered (429 for a rate-limited call).</param>
/// <param name="Prefix">The path segment before <c>/api/</c> when the caller's Web API base URL has one (tells apart the replicas of a test).</param>
public sealed record ApiCall(string Method, JsonElement Body, IReadOnlyDictionary<string, string> Form, DateTimeOffset At, int Status, string? Token, string? Prefix = null)
{
    public string? Str(string name) => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
        ? v.GetString()
        : Form.GetValueOrDefault(name);

    public bool Ok => Status == 200;
}

/// <summary>An ack the app sent for an envelope.</summary>
public sealed record Ack(string EnvelopeId, int SocketId, DateTimeOffset At, JsonElement Frame);

/// <summary>A message the emulator holds: where, its ts, its thread, its text and the metadata it was posted with.</summary>
public sealed record PostedMessage(string Channel, string Ts, string? ThreadTs, string? Text, System.Text.Json.Nodes.JsonNode? Metadata);
