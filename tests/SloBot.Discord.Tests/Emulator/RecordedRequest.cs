using System.Text.Json.Nodes;

namespace SloBot.Discord.Tests.Emulator;

/// <summary>
/// A REST request the emulator received. <see cref="Body"/> is the JSON (payload_json for multipart uploads);
/// <see cref="At"/> is the emulator's clock and <see cref="Ticks"/> the Stopwatch timestamp when it arrived.
/// </summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    JsonNode? Body,
    IReadOnlyList<string> FileNames,
    string? Authorization,
    string? UserAgent,
    DateTimeOffset At,
    long Ticks,
    int Status)
{
    public override string ToString() => $"{Method} {Path} → {Status}";
}

/// <summary>A frame the emulated Gateway received from the client, with the connection it came on.</summary>
public sealed record GatewayFrame(int Connection, string Path, int Op, JsonNode? Data, DateTimeOffset At);
