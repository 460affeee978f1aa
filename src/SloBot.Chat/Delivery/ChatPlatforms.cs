using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Core.Text;

namespace SloBot.Chat.Delivery;

/// <summary>
/// A chat platform SloBot can be on, registered by its transport project (<c>AddChatPlatform</c>): its name as
/// configuration writes it (<c>slack</c> in <c>slack:C0123ABCD</c>), an example channel and what its user ids look like,
/// for messages about configuration.
/// </summary>
public sealed record ChatPlatform(string Name, string ChannelExample, string UserIds);

/// <summary>
/// The platforms that configuration may name (a scheduled post's or the alerts' <c>platform:channel</c>): those whose
/// transport the host registers, whether or not it is configured in this process, so <c>slobot ask</c> checks the same
/// configuration as the service. Which of them are connected is <see cref="ChatTransports"/>' to say.
/// </summary>
public sealed class ChatPlatforms(IEnumerable<ChatPlatform> platforms)
{
    public IReadOnlyList<ChatPlatform> All { get; } = platforms.DistinctBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToArray();

    public IReadOnlyList<string> Names => All.Select(p => p.Name).ToArray();

    public bool IsKnown(string name) => All.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>"platform:channel, e.g. slack:C0123ABCD or discord:123456789012345678".</summary>
    public string ChannelForm => All.Count == 0
        ? "platform:channel"
        : $"platform:channel, e.g. {string.Join(" or ", All.Select(p => $"{p.Name}:{p.ChannelExample}"))}";

    /// <summary>"Slack user U… or group S…, Discord user or role snowflake".</summary>
    public string UserIdForms => All.Count == 0 ? "the platform's user or group ids" : string.Join(", ", All.Select(p => p.UserIds));

    /// <summary>Null for a known platform, else what is wrong, ending with a did-you-mean or the list of platforms.</summary>
    public string? Unknown(string name)
    {
        if (IsKnown(name))
            return null;
        if (All.Count == 0)
            return $"names platform '{name}', but this SloBot has no chat platform registered.";
        return $"names platform '{name}'{DidYouMean.HintOr(".", name, Names)} Platforms: {string.Join(", ", Names)}.";
    }
}

public static class ChatPlatformServiceCollectionExtensions
{
    /// <summary>Makes <paramref name="name"/> a platform configuration may name; called by each transport's <c>AddXxx</c>. Idempotent.</summary>
    public static IServiceCollection AddChatPlatform(this IServiceCollection services, string name, string channelExample, string userIds)
    {
        if (!services.Any(d => d.ServiceType == typeof(ChatPlatform) && d.ImplementationInstance is ChatPlatform p && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            services.AddSingleton(new ChatPlatform(name, channelExample, userIds));
        services.TryAddSingleton<ChatPlatforms>();
        return services;
    }
}
