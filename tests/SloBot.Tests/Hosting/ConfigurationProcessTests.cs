using Xunit;

namespace SloBot.Tests.Hosting;

/// <summary>
/// Start-up with bad configuration, through the real executable: every problem named at once with its key (exit 2), a
/// state database that can't be opened named by its key and file or host, never a password (exit 1).
/// </summary>
public sealed class ConfigurationProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("slobot-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Serve_ManyProblemsInManySections_AreAllNamedAtOnce_ExitTwo()
    {
        var (exit, text) = await SlobotProcess.RunAsync(
            _dir,
            $"--urls=http://127.0.0.1:{SlobotProcess.FreePort()}",
            "--SloBot:Slack:BotToken=not-a-bot-token",
            "--SloBot:Slack:SocketConnections=lots",
            "--SloBot:Discord:BotToken=abc.def",
            "--SloBot:Discord:ApplicationId=app",
            "--SloBot:Discord:Mode=Htp",
            "--SloBot:Conversations:RemindAfter=soon",
            "--SloBot:Conversations:TimeZone=Europe/Londn",
            "--SloBot:Alerts:Interval=00:00:01",
            "--SloBot:Releases:FreezeWhileBurning=maybe",
            "--SloBot:Roles:SloOwner:0=Jane Doe",
            "--SloBot:Slak:AppToken=xapp-1",
            "--SloBot:Schedule:WeeklyReveiw:Channel=slack:C1",
            "--SloBot:Sli:Source=Prometheus",
            "--SloBot:Sli:Prometheus:Url=http://prometheus:9090",
            "--SloBot:Sli:Prometheus:Timeout=abc");

        Assert.Equal(2, exit);
        Assert.StartsWith("SloBot can't start, the configuration is invalid:", text, StringComparison.Ordinal);
        string[] expected =
        [
            "SloBot:Slack:SocketConnections=lots is not a whole number; expected digits such as 8.",
            "SloBot:Slack:BotToken must be the bot token",
            "SloBot:Slack:AppToken must be an app-level token",
            "SloBot:Discord:Mode=Htp is not one of its choices; expected Gateway or Http — did you mean `Http`?",
            "SloBot:Discord:ApplicationId 'app' is not a Discord id",
            "SloBot:Conversations:RemindAfter=soon is not a duration; expected hh:mm:ss",
            "SloBot:Conversations:TimeZone 'Europe/Londn' is not a known time zone id — did you mean `Europe/London`?",
            "SloBot:Alerts:Interval 00:00:01 is too short; expected at least 10 seconds",
            "SloBot:Releases:FreezeWhileBurning=maybe is not a yes/no value; expected true or false.",
            "SloBot:Roles:SloOwner holds 'Jane Doe', which is not a platform user or group id",
            "SloBot:Slak is not a SloBot setting — did you mean `SloBot:Slack`?",
            "SloBot:Schedule:WeeklyReveiw is not a SloBot setting — did you mean `SloBot:Schedule:WeeklyReview`?",
            "SloBot:Sli:Prometheus:Timeout 'abc' is not a duration between 1ms and 1h; expected e.g. 30s or 2m.",
        ];
        Assert.All(expected, line => Assert.Contains(line, text, StringComparison.Ordinal));
        Assert.Equal(expected.Length, text.Split('\n').Count(l => l.StartsWith("  SloBot:", StringComparison.Ordinal)));
        Assert.DoesNotContain("RemindAfter 00:00:00", text, StringComparison.Ordinal); // not judged on the default bound meanwhile
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "state.db")), "nothing may start before the configuration is valid");
    }

    [Fact]
    public async Task Ask_ValueThatCantBeRead_IsNamedWithItsKey_ExitTwo()
    {
        var (exit, text) = await SlobotProcess.RunAsync(_dir, "ask", "/slo help", "--SloBot:Alerts:Interval=abc");

        Assert.Equal(2, exit);
        Assert.Contains("SloBot:Alerts:Interval=abc is not a duration", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_ChannelOnAnUnknownPlatform_DidYouMeanFromTheRegisteredTransports_ExitTwo()
    {
        var (exit, text) = await SlobotProcess.RunAsync(
            _dir, "ask", "/slo help", "--SloBot:Schedule:WeeklyReview:Channel=slak:C1", "--SloBot:Alerts:Channel=discrod:42");

        Assert.Equal(2, exit);
        Assert.Contains("SloBot:Schedule:WeeklyReview:Channel names platform 'slak' — did you mean `slack`? Platforms: slack, discord, console.", text, StringComparison.Ordinal);
        Assert.Contains("SloBot:Alerts:Channel names platform 'discrod' — did you mean `discord`? Platforms: slack, discord, console.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_ChannelOnAPlatformNotConfiguredHere_IsStillAValidSetting()
    {
        // Slack is not configured in this process: the post would be off ("not connected"), the setting is not wrong
        var (exit, text) = await SlobotProcess.RunAsync(_dir, "ask", "/slo help", "--SloBot:Schedule:WeeklyReview:Channel=slack:C1");

        Assert.True(exit == 0, text);
    }

    [Fact]
    public async Task Serve_SqliteFolderMissing_NamesKeyAndFile_ExitOne()
    {
        var file = Path.Combine(_dir, "missing", "state.db");

        var (exit, text) = await SlobotProcess.RunAsync(_dir, $"--urls=http://127.0.0.1:{SlobotProcess.FreePort()}", $"--SloBot:Storage:ConnectionString=Data Source={file}");

        Assert.Equal(1, exit);
        Assert.Contains(
            $"SloBot stopped: the state database can't be opened (SloBot:Storage:ConnectionString: the SQLite file {file}): its folder {Path.GetDirectoryName(file)} does not exist",
            text,
            StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_PostgreSqlUnreachable_NamesKeyAndHost_NeverThePassword_ExitOne()
    {
        var (refusing, port) = SlobotProcess.RefusingPort(); // nothing listens there, nor can while the test runs
        using var holder = refusing;

        var (exit, text) = await SlobotProcess.RunAsync(_dir, "ask", "/slo help", $"--SloBot:Storage:ConnectionString=Host=127.0.0.1;Port={port};Username=bot;Password=hunter2;Database=state;Timeout=5");

        Assert.Equal(1, exit);
        Assert.Contains($"SloBot:Storage:ConnectionString: PostgreSQL at 127.0.0.1:{port} (database state, user bot)", text, StringComparison.Ordinal);
        Assert.Contains($"Failed to connect to 127.0.0.1:{port}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_UnreadableConnectionString_IsInvalidConfiguration_PasswordBlanked_ExitTwo()
    {
        var (exit, text) = await SlobotProcess.RunAsync(_dir, $"--urls=http://127.0.0.1:{SlobotProcess.FreePort()}", "--SloBot:Storage:ConnectionString=Data Sauce=x.db;Password=hunter2");

        Assert.Equal(2, exit);
        Assert.Contains("SloBot:Storage:ConnectionString \"Data Sauce=x.db;Password=***\" can't be read: Connection string keyword 'data sauce' is not supported", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
    }
}
