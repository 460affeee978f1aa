using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Commands;

namespace SloBot.Chat.Conversations;

public static class QuestionnaireServiceCollectionExtensions
{
    /// <summary>Registers a questionnaire so its conversations survive restarts (the engine finds it by id).</summary>
    public static IServiceCollection AddQuestionnaire(this IServiceCollection services, Questionnaire questionnaire) =>
        services.AddSingleton<ConversationFlow>(sp => new QuestionnaireFlow(questionnaire, sp.GetRequiredService<CommandRunner>()));

    /// <summary>As above, for questionnaires that need services (the catalog for a service question's validation).</summary>
    public static IServiceCollection AddQuestionnaire(this IServiceCollection services, Func<IServiceProvider, Questionnaire> factory) =>
        services.AddSingleton<ConversationFlow>(sp => new QuestionnaireFlow(factory(sp), sp.GetRequiredService<CommandRunner>()));
}
