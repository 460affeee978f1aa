using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SloBot.Discord.Interactions;

namespace SloBot.Discord.Http;

public static class DiscordEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the HTTP interactions endpoint (<c>SloBot:Discord:InteractionsPath</c>, default /discord/interactions) when
    /// the Discord transport is configured in Http mode; otherwise maps nothing.
    /// </summary>
    public static IEndpointRouteBuilder MapDiscordEndpoints(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<IOptions<DiscordOptions>>() is not { } configured
            || endpoints.ServiceProvider.GetService<InteractionRouter>() is null)
            return endpoints; // no Discord token configured: the transport is off
        var options = configured.Value;
        if (options.Mode == DiscordMode.Http)
        {
            var handler = endpoints.ServiceProvider.GetRequiredService<DiscordHttpInteractions>();
            endpoints.MapPost(options.InteractionsPath, handler.HandleAsync);
        }

        return endpoints;
    }
}

/// <summary>
/// Discord's Interactions Endpoint URL: 401 unless the Ed25519 signature over timestamp + body verifies, PING →
/// PONG, and every other interaction answered inline with its initial response (the deferral or autocomplete
/// choices) while the reply follows through the interaction webhook.
/// </summary>
internal sealed partial class DiscordHttpInteractions(
    SignatureVerifier verifier,
    InteractionRouter router,
    IHostApplicationLifetime lifetime,
    ILogger<DiscordHttpInteractions> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var signature = context.Request.Headers["X-Signature-Ed25519"].ToString();
        var timestamp = context.Request.Headers["X-Signature-Timestamp"].ToString();
        if (!verifier.Verify(signature, timestamp, body.Span))
        {
            LogBadSignature(logger);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("invalid request signature", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        JsonObject? interaction;
        try
        {
            interaction = JsonNode.Parse(body.Span) as JsonObject;
        }
        catch (JsonException)
        {
            interaction = null;
        }

        if (interaction is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var callback = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handling = router.HandleAsync(interaction, async (response, _) =>
        {
            callback.TrySetResult(response);
            await written.Task.ConfigureAwait(false); // edits must not reach Discord before the initial response
        }, lifetime.ApplicationStopping);

        var first = await Task.WhenAny(callback.Task, handling).ConfigureAwait(false);
        if (first != callback.Task)
        {
            // Nothing to answer (a redelivery, or an interaction type SloBot ignores).
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        try
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(callback.Task.Result.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
            await context.Response.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            written.TrySetResult(); // even when Discord hung up: the responder must not wait forever
        }
    }

    [LoggerMessage(EventId = 4700, Level = LogLevel.Warning, Message = "Refused a Discord interaction with an invalid signature (401)")]
    private static partial void LogBadSignature(ILogger logger);
}
