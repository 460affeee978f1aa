using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SloBot.Chat.Capabilities;

namespace SloBot.Chat.StatusPage;

public static class StatusPageServiceCollectionExtensions
{
    /// <summary>
    /// The customers' status page: <c>SloBot:StatusPage</c> of <paramref name="configuration"/> (validated at start), read by
    /// <c>/slo summary customers</c>, the <c>Customers</c> scheduled post and <c>slobot status-page</c>. Needs
    /// <c>AddSloBotConversations</c> and <c>AddReviews</c> (incidents come from retrospectives and the data).
    /// </summary>
    public static IServiceCollection AddStatusPage(this IServiceCollection services, IConfiguration? configuration = null)
    {
        if (!services.TryAddCapability<StatusPageBuilder>())
            return services;
        var options = services.AddOptionsWithValidateOnStart<StatusPageOptions>();
        if (configuration is not null)
            options.Configure(o => o.ReadFrom(configuration));
        services.AddSingleton<IValidateOptions<StatusPageOptions>>(new StatusPageOptionsValidator(configuration));
        services.AddSingleton<StatusPageBuilder>();
        return services;
    }

    /// <summary>The page for <c>slobot status-page</c>: the last <paramref name="days"/> whole UTC days and today so far, with a figure per day.</summary>
    public static async Task<(StatusPageData Data, string Html)> BuildStatusPageAsync(this IServiceProvider services, int days, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var builder = services.GetRequiredService<StatusPageBuilder>();
        var from = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-days);
        var page = await builder.BuildAsync(from, now, days: true, cancellationToken).ConfigureAwait(false);
        return (page, StatusPageRender.Html(page, TimeZoneInfo.Utc));
    }
}
