using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SloBot.Core.Text;

namespace SloBot.Chat.Teams;

/// <summary>Names every wrong key of <c>SloBot:Teams</c> with what was expected (and a did-you-mean), from the raw configuration.</summary>
internal sealed class TeamOptionsValidator(IConfiguration? configuration) : IValidateOptions<TeamOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamOptions options)
    {
        if (configuration is null)
            return ValidateOptionsResult.Success;
        var errors = new List<string>();
        foreach (var team in configuration.GetSection(TeamOptions.TeamsSection).GetChildren())
        {
            var key = $"{TeamOptions.TeamsSection}:{team.Key}";
            if (team.Value is not null)
                errors.Add($"{key} is '{team.Value}', but a team is a section: set {key}:CapacityHours and/or {key}:Size.");
            foreach (var child in team.GetChildren())
            {
                if (!TeamOptions.Keys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                    errors.Add($"{key}:{child.Key} is not a team setting{Hint(child.Key)} Settings: {string.Join(", ", TeamOptions.Keys)}.");
            }

            if (team[nameof(TeamSettings.CapacityHours)] is { } hours && TeamOptions.CapacityHours(hours) is null)
                errors.Add($"{key}:CapacityHours '{hours}' must be a number of hours above 0 (at most {TeamOptions.MaxCapacityHours:N0}), e.g. 400.");
            if (team[nameof(TeamSettings.Size)] is { } size && TeamOptions.Size(size) is null)
                errors.Add($"{key}:Size '{size}' must be a whole number of engineers from 1 to {TeamOptions.MaxSize:N0}, e.g. 6.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static string Hint(string input) => DidYouMean.HintOr(".", input, TeamOptions.Keys);
}
