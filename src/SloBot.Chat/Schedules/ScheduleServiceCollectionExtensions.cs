using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Commands;

namespace SloBot.Chat.Schedules;

public static class ScheduleServiceCollectionExtensions
{
    /// <summary>
    /// Scheduled posts from <c>SloBot:Schedule</c> (validated at start), <c>/slo schedule</c> and <c>/slo summary</c>.
    /// Needs <c>AddSloBotConversations</c> (the review's data). The ledger is in memory unless <c>AddSloBotStorage</c>
    /// registers the SQL one; the scheduler runs as a hosted service.
    /// </summary>
    public static IServiceCollection AddSloBotSchedules(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<Delivery.ChatPlatforms>(); // the platforms a channel may name: registered by the transports
        services.AddOptionsWithValidateOnStart<ScheduleOptions, ScheduleOptionsValidator>().Bind(configuration.GetSection(ScheduleOptions.Section));
        services.TryAddSingleton<IScheduleLedger, InMemoryScheduleLedger>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ScheduledPostBuilder>();
        services.AddSingleton<Scheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<Scheduler>());
        services.AddCommand<ScheduleListCommand>();
        services.AddCommand<SummaryCommand>();
        return services;
    }
}
