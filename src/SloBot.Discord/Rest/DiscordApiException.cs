using System.Net;

namespace SloBot.Discord.Rest;

/// <summary>Discord refused a request for a reason retrying will not fix (400, 401, 403, 404). The message names the route, never a token.</summary>
internal sealed class DiscordApiException(string message, HttpStatusCode status, int? code = null) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>Discord's JSON error code (e.g. 50035 invalid form body, 10062 unknown interaction).</summary>
    public int? Code { get; } = code;
}
