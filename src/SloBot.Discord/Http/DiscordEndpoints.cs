using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SloBot.Transport.Telemetry;
using Microsoft.Extensions.Options;
using SloBot.Chat.Delivery;
using SloBot.Discord.Configuration;
using SloBot.Discord.Delivery;
using SloBot.Discord.Inbound;
using SloBot.Transport.Http;
using SloBot.Transport.Inbound;

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
    IHandledRequests handled,
    TimeProvider time,
    [FromKeyedServices(DiscordInbound.Work)] InboundWork work,
    ILogger<DiscordHttpInteractions> logger)
{
    /// <summary>Largest interaction body read; Discord's are a few KB.</summary>
    public const int MaxBody = 1024 * 1024;

    /// <summary>How long a handled interaction id is remembered: a timestamp may be up to 5 minutes off either way.</summary>
    private static readonly TimeSpan KeepHandled = SignatureVerifier.MaxSkew * 2;

    /// <summary>
    /// Headers first (a malformed signature or a timestamp more than 5 minutes off costs no read), then the body up to
    /// <see cref="MaxBody"/> while it streams (413 beyond), then Ed25519; nothing is parsed before the signature verifies,
    /// and an interaction id already handled here or by another replica is refused (409).
    /// </summary>
    public async Task HandleAsync(HttpContext context)
    {
        var arrived = time.GetTimestamp();
        var signature = context.Request.Headers["X-Signature-Ed25519"].ToString();
        var timestamp = context.Request.Headers["X-Signature-Timestamp"].ToString();
        if (verifier.CheckHeaders(signature, timestamp) is { } refused)
        {
            await RefuseAsync(context, refused).ConfigureAwait(false);
            return;
        }

        if (await BoundedBody.ReadAsync(context, MaxBody).ConfigureAwait(false) is not { } body)
        {
            LogTooLarge(logger, MaxBody);
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        if (!verifier.Verify(signature, timestamp, body))
        {
            await RefuseAsync(context, "invalid request signature").ConfigureAwait(false);
            return;
        }

        if (InteractionParser.Read(body, out var refusedBody) is not { } interaction)
        {
            LogBadBody(logger, refusedBody!);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("interaction body is " + refusedBody, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (!await FirstTimeAsync(interaction, context.RequestAborted).ConfigureAwait(false))
        {
            context.Response.StatusCode = StatusCodes.Status409Conflict;
            await context.Response.WriteAsync("interaction already handled", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var callback = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handling = work.Track(router.HandleAsync(interaction, async (response, _) =>
        {
            callback.TrySetResult(response);
            await written.Task.ConfigureAwait(false); // edits must not reach Discord before the initial response
        }, work.Stopping));

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
            TransportTelemetry.RecordAck(InteractionParser.Platform, "http", time.GetElapsedTime(arrived));
        }
        finally
        {
            written.TrySetResult(); // even when Discord hung up: the responder must not wait forever
        }
    }

    /// <summary>PINGs carry no work; every other interaction id is claimed in storage for <see cref="KeepHandled"/>.</summary>
    private async Task<bool> FirstTimeAsync(JsonObject interaction, CancellationToken cancellationToken)
    {
        if (InteractionParser.Int(interaction["type"]) == InteractionType.Ping)
            return true;
        var id = InteractionParser.Str(interaction["id"]) ?? "";
        var now = time.GetUtcNow();
        if (await handled.TryClaimAsync("discord:" + id, now, now + KeepHandled, cancellationToken).ConfigureAwait(false))
            return true;
        LogReplay(logger, id);
        return false;
    }

    private async Task RefuseAsync(HttpContext context, string reason)
    {
        LogBadSignature(logger, reason);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        await context.Response.WriteAsync(reason, context.RequestAborted).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 4700, Level = LogLevel.Warning, Message = "Refused a Discord interaction (401): {Reason}")]
    private static partial void LogBadSignature(ILogger logger, string reason);

    [LoggerMessage(EventId = 4703, Level = LogLevel.Warning, Message = "Refused a Discord interaction body larger than {Max} bytes (413)")]
    private static partial void LogTooLarge(ILogger logger, int max);

    [LoggerMessage(EventId = 4705, Level = LogLevel.Warning, Message = "Refused a signed Discord interaction (400): the body is {Reason}")]
    private static partial void LogBadBody(ILogger logger, string reason);

    [LoggerMessage(EventId = 4704, Level = LogLevel.Warning, Message = "Refused a replayed Discord interaction {InteractionId} (409): already handled")]
    private static partial void LogReplay(ILogger logger, string interactionId);
}
