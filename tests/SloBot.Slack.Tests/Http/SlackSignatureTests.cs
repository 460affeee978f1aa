using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SloBot.Slack.Configuration;
using SloBot.Slack.Http;

namespace SloBot.Slack.Tests.Http;

public sealed class SlackSignatureTests
{
    // Slack's published example ("Verifying requests from Slack"), reproduced in Slack's own SDK tests.
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string Expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static SlackSignature Verifier(string secret, TimeSpan sinceTimestamp)
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(long.Parse(Timestamp, System.Globalization.CultureInfo.InvariantCulture)) + sinceTimestamp);
        return new SlackSignature(Options.Create(new SlackOptions { SigningSecret = secret }), time);
    }

    [Fact]
    public void Sign_SlacksPublishedExample_GivesThePublishedSignature() =>
        Assert.Equal(Expected, SlackSignature.Sign(Secret, Timestamp, Encoding.UTF8.GetBytes(Body)));

    [Fact]
    public void Check_SlacksPublishedExample_IsValid() =>
        Assert.Equal(SignatureCheck.Valid, Verifier(Secret, TimeSpan.FromSeconds(30)).Check(Timestamp, Expected, Encoding.UTF8.GetBytes(Body)));

    [Fact]
    public void Check_TamperedBody_IsRejected() =>
        Assert.Equal(SignatureCheck.Mismatch, Verifier(Secret, TimeSpan.Zero).Check(Timestamp, Expected, Encoding.UTF8.GetBytes(Body.Replace("text=", "text=budget", StringComparison.Ordinal))));

    [Fact]
    public void Check_WrongSecret_IsRejected() =>
        Assert.Equal(SignatureCheck.Mismatch, Verifier("8f742231b10e8888abcd99yyyzzz85a6", TimeSpan.Zero).Check(Timestamp, Expected, Encoding.UTF8.GetBytes(Body)));

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(86_400)]
    public void Check_TimestampMoreThanFiveMinutesAway_IsStale(int seconds) =>
        Assert.Equal(SignatureCheck.Stale, Verifier(Secret, TimeSpan.FromSeconds(seconds)).Check(Timestamp, Expected, Encoding.UTF8.GetBytes(Body)));

    [Fact]
    public void Check_JustInsideFiveMinutes_IsValid() =>
        Assert.Equal(SignatureCheck.Valid, Verifier(Secret, TimeSpan.FromSeconds(299)).Check(Timestamp, Expected, Encoding.UTF8.GetBytes(Body)));

    [Theory]
    [InlineData(null, Expected)]
    [InlineData(Timestamp, null)]
    [InlineData("not-a-number", Expected)]
    public void Check_MissingHeaders_AreRejected(string? timestamp, string? signature) =>
        Assert.Equal(SignatureCheck.Missing, Verifier(Secret, TimeSpan.Zero).Check(timestamp, signature, Encoding.UTF8.GetBytes(Body)));

    [Fact]
    public void Check_SignatureWithDifferentCaseOrLength_IsRejected()
    {
        var verifier = Verifier(Secret, TimeSpan.Zero);
        Assert.Equal(SignatureCheck.Mismatch, verifier.Check(Timestamp, Expected.ToUpperInvariant(), Encoding.UTF8.GetBytes(Body)));
        Assert.Equal(SignatureCheck.Mismatch, verifier.Check(Timestamp, Expected[..^2], Encoding.UTF8.GetBytes(Body)));
    }
}
