using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Core.Sli;

namespace SloBot.Sli.Prometheus;

public static class PrometheusServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="ISliSource"/> from Prometheus, configured from <c>SloBot:Sli:Prometheus</c> (Url, Timeout, MaxQueryLength),
    /// validated at start. The HTTP client is the named client <c>SloBot.Prometheus</c> (add handlers to it if needed).
    /// </summary>
    public static IServiceCollection AddPrometheusSliSource(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<PrometheusOptions, PrometheusOptionsValidator>().Bind(configuration.GetSection(PrometheusOptions.Section));
        // The source applies SloBot:Sli:Prometheus:Timeout itself (with a message naming the key), so HttpClient's own is off.
        services.AddHttpClient(PrometheusSliSource.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers(); // the URL may carry basic-auth credentials (user:password@host)
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PrometheusSliSource>();
        // /slo rules writes recording rules with the same PromQL the source counts with.
        services.TryAddSingleton<Core.Design.SliWindowing>(PromQlPreview.ForWindow);
        services.AddSingleton<ISliSource>(sp => sp.GetRequiredService<PrometheusSliSource>());
        return services;
    }
}
