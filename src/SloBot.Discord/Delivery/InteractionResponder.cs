using System.Text.Json.Nodes;
using SloBot.Chat.Delivery;
using SloBot.Chat.Replies;
using SloBot.Discord.Rendering;
using SloBot.Discord.Rest;

namespace SloBot.Discord.Delivery;

/// <summary>Sends an interaction's initial response: over REST (Gateway mode) or as the HTTP answer (HTTP mode).</summary>
internal delegate Task InitialResponse(JsonObject callback, CancellationToken cancellationToken);

/// <summary>
/// Answers one interaction. The initial response is always a deferral sent as soon as the reply is ready or when the
/// defer timer fires, whichever is first. For commands it is "thinking…" (type 5; ephemeral when the reply is) and the
/// reply then edits that original response through the interaction webhook; an ephemeral reply after a public
/// deferral replaces it (delete + ephemeral follow-up). For button clicks it is a silent update (type 6): a reply that
/// replaces the clicked message (Refresh) edits it, any other reply is a follow-up message. Edits go through the
/// outbox: retried, never doubled. A recovered interaction (<c>deferred</c>: the process that recorded it sent the
/// deferral, then died) only edits and follows up.
/// </summary>
internal sealed class InteractionResponder(
    string interactionId,
    string token,
    string applicationId,
    InitialResponse initial,
    DiscordRestClient rest,
    EmbedRenderer renderer,
    Outbox outbox,
    bool component = false,
    bool deferred = false) : IChatResponder, IDisposable
{
    public const int Ephemeral = 64;
    private const int DeferredChannelMessage = 5;
    private const int DeferredUpdateMessage = 6;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _initialSent = deferred; // a recovered interaction: the process that died sent the deferral
    private bool _deferredEphemeral;
    private bool _originalUsed;
    private int _sent;

    /// <summary>True once a reply was delivered (or the interaction was acknowledged without one).</summary>
    public bool Responded { get; private set; }

    /// <summary>Sends the deferral now if nothing was sent yet (the defer timer).</summary>
    public async Task DeferAsync(bool ephemeral, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureInitialAsync(ephemeral, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task RespondAsync(Reply reply, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureInitialAsync(reply.Ephemeral, cancellationToken).ConfigureAwait(false);
            var messages = await renderer.RenderAsync(reply, cancellationToken).ConfigureAwait(false);
            var start = 0;
            if (component)
            {
                // The original is the clicked message: edited only by a reply that replaces it, never deleted.
                if (!_originalUsed && reply.ReplaceOriginal && !reply.Ephemeral)
                {
                    _originalUsed = true;
                    start = 1;
                    await SendAsync("edit", DiscordRoute.EditOriginal(applicationId, token), messages[0], cancellationToken).ConfigureAwait(false);
                }
            }
            else if (!_originalUsed && reply.Ephemeral && !_deferredEphemeral)
            {
                // A public "thinking…" cannot become ephemeral: remove it and answer privately.
                _originalUsed = true;
                await SendAsync("delete", DiscordRoute.DeleteOriginal(applicationId, token), null, cancellationToken).ConfigureAwait(false);
            }
            else if (!_originalUsed)
            {
                _originalUsed = true;
                start = 1;
                await SendAsync("edit", DiscordRoute.EditOriginal(applicationId, token), messages[0], cancellationToken).ConfigureAwait(false);
            }

            foreach (var message in messages.Skip(start))
                await SendAsync("followup", DiscordRoute.FollowUp(applicationId, token), message, cancellationToken, reply.Ephemeral ? Ephemeral : null).ConfigureAwait(false);
            Responded = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The chat layer had nothing to say: acknowledge so Discord does not show "interaction failed".</summary>
    public async Task AcknowledgeAsync(bool isComponent, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Responded)
                return;
            if (component && _initialSent)
            {
                // already acknowledged with a silent update: nothing more to say
            }
            else if (!_initialSent && isComponent)
            {
                _initialSent = true;
                await initial(new JsonObject { ["type"] = DeferredUpdateMessage }, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await EnsureInitialAsync(ephemeral: true, cancellationToken).ConfigureAwait(false);
                await SendAsync("delete", DiscordRoute.DeleteOriginal(applicationId, token), null, cancellationToken).ConfigureAwait(false);
            }

            Responded = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task EnsureInitialAsync(bool ephemeral, CancellationToken cancellationToken)
    {
        if (_initialSent)
            return;
        var callback = new JsonObject { ["type"] = component ? DeferredUpdateMessage : DeferredChannelMessage };
        if (ephemeral && !component)
            callback["data"] = new JsonObject { ["flags"] = Ephemeral };
        await initial(callback, cancellationToken).ConfigureAwait(false);
        _initialSent = true;
        _deferredEphemeral = ephemeral;
    }

    public void Dispose() => _gate.Dispose();

    private Task<JsonNode?> SendAsync(string what, DiscordRoute route, DiscordMessage? message, CancellationToken cancellationToken, int? flags = null)
    {
        var key = $"discord:interaction:{interactionId}:{_sent++}:{what}";
        Func<HttpContent>? content = message is null ? null : () => message.ToContent(flags is { } f ? p => p["flags"] = f : null);
        return outbox.SendAsync($"discord:interaction:{interactionId}", key, ct => rest.SendAsync(route, content, ct), cancellationToken);
    }
}
