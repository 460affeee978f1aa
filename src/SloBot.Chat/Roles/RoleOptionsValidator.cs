using Microsoft.Extensions.Options;
using SloBot.Chat.Delivery;

namespace SloBot.Chat.Roles;

/// <summary>Names every id of <c>SloBot:Roles</c> (top level and per service) that is not a platform user or group id, with its key.</summary>
internal sealed class RoleOptionsValidator(ChatPlatforms platforms) : IValidateOptions<RoleOptions>
{
    public ValidateOptionsResult Validate(string? name, RoleOptions options)
    {
        var errors = new List<string>();
        var lists = new List<(string Key, List<string> Ids)> { ("SloOwner", options.SloOwner), ("Engineering", options.Engineering), ("ProductManager", options.ProductManager) };
        foreach (var (service, roles) in options.Services)
        {
            if (string.IsNullOrWhiteSpace(service) || service.Any(char.IsWhiteSpace))
                errors.Add($"{RoleOptions.Section}:Services has a service named '{service}'; a service name has no spaces (the catalog's name, e.g. payment).");
            lists.Add(($"Services:{service}:SloOwner", roles.SloOwner));
            lists.Add(($"Services:{service}:Engineering", roles.Engineering));
            lists.Add(($"Services:{service}:ProductManager", roles.ProductManager));
        }

        foreach (var (key, ids) in lists)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(ids[i]) || ids[i].Any(char.IsWhiteSpace))
                    errors.Add($"{RoleOptions.Section}:{key} holds '{ids[i]}', which is not a platform user or group id ({platforms.UserIdForms}); expected a list of ids without spaces.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
