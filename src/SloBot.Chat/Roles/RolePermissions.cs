using SloBot.Core.Roles;

namespace SloBot.Chat.Roles;

/// <summary>What each of the document's roles may do in SloBot (shown by <c>/slo roles</c>, kept next to the checks that enforce them).</summary>
internal static class RolePermissions
{
    public static SloRole RoleOf(RoleDefinition definition) => definition.Key switch
    {
        "sloOwner" => SloRole.SloOwner,
        "engineering" => SloRole.Engineering,
        _ => SloRole.ProductManager,
    };

    public static IReadOnlyList<string> InSloBot(SloRole role) => role switch
    {
        SloRole.SloOwner =>
        [
            "override a deferred or blocked release, with a reason (`/slo override`, the **Override** button)",
            "approve a release under review, with a reason (`/slo approve`, the **Approve** button)",
            "adopt a recommended tier (the **Adopt tier** button of `/slo tier`)",
            "is mentioned on review requests and leads the weekly review (`/slo review start`)",
        ],
        SloRole.ProductManager =>
        [
            "approve a release under review: the error budget it spends, with a reason (`/slo approve`, the **Approve** button)",
            "is mentioned on review requests (\"this spends error budget\")",
        ],
        _ =>
        [
            "ask for release decisions and reviews (`/slo release`, **Request review**)",
            "run retrospectives and weekly reviews, add action items (`/slo retro start`, `/slo review start`)",
            "everything that needs no role: anyone in the channel may do it too",
        ],
    };
}
