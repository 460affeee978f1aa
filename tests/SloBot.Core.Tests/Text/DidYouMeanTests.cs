using SloBot.Core.Text;

using Xunit;

namespace SloBot.Core.Tests.Text;

public sealed class DidYouMeanTests
{
    private static readonly string[] Services = ["payment", "checkout", "search", "notifications"];

    [Theory]
    [InlineData("paymnet", "payment")]
    [InlineData("chekout", "checkout")]
    [InlineData("notif", "notifications")]
    [InlineData("Search", "search")]
    public void Suggest_Typos_FindTheIntendedName(string typed, string expected) =>
        Assert.Equal(expected, DidYouMean.Suggest(typed, Services));

    [Theory]
    [InlineData("billing")]
    [InlineData("xyz")]
    public void Suggest_NothingClose_Null(string typed) => Assert.Null(DidYouMean.Suggest(typed, Services));
}
