using SloBot.Chat.Commands;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Chat.Roles;
using SloBot.Core.Catalog;
using SloBot.Core.Tiers;

namespace SloBot.Chat.Tiers;

/// <summary>
/// "Adopt tier" on a tier recommendation: only an SLO owner of the service may adopt it (its catalog <c>owners</c>, or
/// <c>SloBot:Roles:SloOwner</c>; by user or group id, see <see cref="SloRoles"/>).
/// </summary>
internal sealed class TierAdoptButton(ISloCatalog catalog, ITierAdoptions adoptions, SloRoles roles, TimeProvider time) : IButtonHandler
{
    public string ActionPrefix => TierReply.AdoptAction;

    public async Task<Reply?> HandleAsync(ButtonClick click, CancellationToken cancellationToken)
    {
        var parts = (click.Value ?? "").Split('|');
        if (parts.Length != 2 || !ServiceTierNames.TryParse(parts[1], out var tier))
            return Reply.BadCommand("That button is damaged (it carries no service and tier). Run `/slo tier` again.");
        var service = catalog.FindService(parts[0]);
        if (service is null)
            return Reply.BadCommand($"`{parts[0]}` is not in the SLO catalog (any more), so its tier cannot be adopted. Add it to the catalog first.");
        var owners = roles.SloOwnersOf(service);
        if (owners.Count == 0)
        {
            return Reply.BadCommand(
                $"The catalog names no owners for {service.Name} (and `SloBot:Roles:SloOwner` is empty), so nobody can adopt its tier from chat. " +
                "Add `owners` to its catalog entry.");
        }

        if (!roles.IsSloOwner(click.User, service))
            return Reply.BadCommand($"Only an SLO owner of {service.Name} can adopt its tier ({SloRoles.Mentions(owners)}). Ask one of them to click the button.");

        var (previous, _) = await adoptions.EffectiveTierAsync(service.Name, service.Tier, cancellationToken).ConfigureAwait(false);
        await adoptions.AdoptAsync(new TierAdoption(service.Name, tier, click.User.Id, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        var change = previous is { } p && p != tier ? $" (was {p.ToWord()})" : previous == tier ? " (unchanged)" : "";
        var text = $"<@{click.User.Id}> adopted the **{tier.ToWord()}** tier for **{service.Name}**{change}. " +
                   $"`/slo design {service.Name}` now uses it.";
        return new Reply
        {
            Blocks = [new TextBlock(text)],
            Summary = $"{service.Name}: {tier.ToWord()} tier adopted",
            Data = new { service = service.Name, tier = tier.ToWord(), previousTier = previous?.ToWord(), adoptedBy = click.User.Id },
        };
    }
}
