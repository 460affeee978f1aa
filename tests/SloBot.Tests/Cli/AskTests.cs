using System.Globalization;
using System.Text.Json;
using Xunit;

namespace SloBot.Tests.Cli;

/// <summary>The documented script interface: <c>slobot ask … [--json]</c>, exit codes, configuration errors, CSV import.</summary>
public sealed class AskTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Ask_DemoBudgetJson_FollowsTheContract()
    {
        var (code, stdout, _) = await _cli.RunAsync("ask", "/slo budget payment", "--demo", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        var slos = json.RootElement.GetProperty("slos");
        Assert.Equal(["availability", "latency"], slos.EnumerateArray().Select(s => s.GetProperty("slo").GetString()));
        foreach (var slo in slos.EnumerateArray())
        {
            var budget = slo.GetProperty("errorBudget");
            Assert.Equal(1.0, budget.GetProperty("consumed").GetDouble() + budget.GetProperty("remaining").GetDouble(), 9);
            Assert.Equal(2_592_000, slo.GetProperty("windowSeconds").GetDouble());
            Assert.True(slo.GetProperty("totalEvents").GetDouble() > 1_000_000, "30 days of demo traffic");
            Assert.Contains(slo.GetProperty("status").GetString(), new[] { "healthy", "attention", "warning", "critical", "exhausted" });
            Assert.Equal(["1h", "6h", "1d", "3d"], slo.GetProperty("burnRates").EnumerateObject().Select(p => p.Name));
            if (slo.GetProperty("projectedExhaustion").ValueKind == JsonValueKind.String)
                Assert.EndsWith("Z", slo.GetProperty("projectedExhaustion").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Ask_DemoBudgetWithOut_WritesTheBurnDownChartAsA800x400Png()
    {
        var dir = Path.Combine(_cli.Dir, "out");
        var (code, stdout, _) = await _cli.RunAsync("ask", "/slo budget payment", "--demo", "--out", dir);

        Assert.Equal(0, code);
        var png = Path.Combine(dir, "burn-down-payment.png");
        Assert.Contains(png, stdout, StringComparison.Ordinal);
        Assert.Contains("[image: Burn-down of the payment error budgets", stdout, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(800, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(400, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.True(bytes.Length > 10_000, "a drawn chart, not an empty canvas");
    }

    [Fact]
    public async Task Ask_ScheduleJson_NamesEachPostAndItsNextRunInUtc()
    {
        var (code, stdout, stderr) = await _cli.RunAsync("ask", "/slo schedule", "--demo", "--json",
            "--SloBot:Schedule:TimeZone=Asia/Tokyo", "--SloBot:Schedule:WeeklyReview:Channel=slack:C0123");

        Assert.True(code == 0, stderr);
        var post = JsonDocument.Parse(stdout).RootElement.GetProperty("posts").EnumerateArray().Single();
        Assert.Equal("weekly-review", post.GetProperty("job").GetString());
        Assert.Equal("slack:C0123", post.GetProperty("channel").GetString());
        var next = post.GetProperty("next").GetDateTimeOffset();
        Assert.Equal(TimeSpan.Zero, next.Offset);
        var local = TimeZoneInfo.ConvertTime(next, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        Assert.Equal((DayOfWeek.Monday, 9, 0), (local.DayOfWeek, local.Hour, local.Minute));
        Assert.InRange(next - TimeProvider.System.GetUtcNow(), TimeSpan.Zero, TimeSpan.FromDays(7));
    }

    [Fact]
    public async Task Ask_BadSchedule_StopsNamingTheKey()
    {
        var (code, _, stderr) = await _cli.RunAsync("ask", "/slo schedule", "--demo", "--SloBot:Schedule:Engineering:Channel=slack:C1", "--SloBot:Schedule:Engineering:Cron=every day");
        Assert.Equal(2, code);
        Assert.Contains("SloBot:Schedule:Engineering:Cron 'every day' is not a five-field cron expression", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_UnknownService_ExitTwoWithDidYouMean()
    {
        var (code, stdout, _) = await _cli.RunAsync("ask", "/slo budget paymnet", "--demo", "--json");
        Assert.Equal(2, code);
        Assert.Equal("no service `paymnet` — did you mean `payment`?", JsonDocument.Parse(stdout).RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("/slo release payment v1.5.0 lines=-5", "`lines=-5`: expected a whole number from 0 to 100,000,000.")]
    [InlineData("/slo release payment v1.5.0 lines=99999999999999999999", "`lines=99999999999999999999`: expected a whole number from 0 to 100,000,000.")]
    [InlineData("/slo release payment v1.5.0 coverage=1e308", "`coverage=1e308`: expected a number from 0 to 100.")]
    [InlineData("/slo release payment v1.5.0 coverage=NaN", "`coverage=NaN`: expected a number from 0 to 100.")]
    [InlineData("/slo release payment v1.5.0 linse=5", "Unknown option `linse` — did you mean `lines`?")]
    [InlineData("/slo release payment v1.5.0 db-migration=maybe", "`db-migration=maybe`: expected `db-migration` alone, or `db-migration=true` / `db-migration=false`.")]
    [InlineData("/slo status now", "`/slo status` takes nothing after its name, not `now`.")]
    [InlineData("/slo design payment tier=critcal", "`tier=critcal` is not a choice for `tier` — did you mean `tier=critical`?")]
    [InlineData("/slo action done abc", "`abc`: expected the id, a whole number of at least 0.")]
    [InlineData("/slo journey", "Which category?")]
    public async Task Ask_WordsTheCommandDoesNotTake_Exit2JsonErrorWithUsageAndExample(string command, string expected)
    {
        var (code, stdout, _) = await _cli.RunAsync("ask", command, "--demo", "--json");

        Assert.Equal(2, code);
        var error = JsonDocument.Parse(stdout).RootElement.GetProperty("error").GetString();
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.Matches(@" Usage: `/slo [^`]+`, for example `/slo [^`]+`\.", error);
        var (_, listed, _) = await _cli.RunAsync("ask", "/slo releases", "--demo", "--json");
        Assert.Empty(JsonDocument.Parse(listed).RootElement.GetProperty("decisions").EnumerateArray()); // nothing ran, nothing recorded
    }

    [Fact]
    public async Task Ask_ConfigurationKeyAfterTheCommand_IsValidatedAndNamed()
    {
        var (code, _, stderr) = await _cli.RunAsync("ask", "/slo status", "--demo", "--SloBot:Sli:Source=Promethus");
        Assert.Equal(2, code);
        Assert.Contains("SloBot:Sli:Source must be Embedded or Prometheus, not 'Promethus' — did you mean `Prometheus`?", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_MissingCatalogFolder_NamesTheKey()
    {
        var (code, _, stderr) = await _cli.RunAsync("ask", "/slo status", $"--SloBot:Catalog:Path={Path.Combine(_cli.Dir, "nope")}");
        Assert.Equal(2, code);
        Assert.Contains("SloBot:Catalog:Path must be an existing folder", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_SeveralInvalidKeys_AllNamedAtOnce()
    {
        var (code, _, stderr) = await _cli.RunAsync("ask", "/slo status", $"--SloBot:Catalog:Path={Path.Combine(_cli.Dir, "nope")}",
            "--SloBot:Sli:Source=Prometheus", "--SloBot:Sli:Prometheus:Url=not a url");
        Assert.Equal(2, code);
        Assert.Contains("SloBot:Catalog:Path", stderr, StringComparison.Ordinal);
        Assert.Contains("SloBot:Sli:Prometheus:Url", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_TierWithoutAnswers_SaysWhatToTypeAndLeavesNothingOpen()
    {
        var (first, _, stderr) = await _cli.RunAsync("ask", "/slo tier payment", "--demo");
        Assert.Equal(2, first);
        Assert.Contains("revenue=", stderr, StringComparison.Ordinal);
        var (second, _, _) = await _cli.RunAsync("ask", "/slo budget payment", "--demo");
        Assert.Equal(0, second);
    }

    [Theory]
    [InlineData("/slo retro start INC-2041 payment 14:00-16:15", "retro start")]
    [InlineData("/slo retro start", "retro start")]
    [InlineData("/slo review start", "review start")]
    [InlineData("/slo retro resume INC-2041", "retro resume")]
    public async Task Ask_CommandOpeningAConversation_Exit2WithWhereToRunItAndStoresNothing(string command, string name)
    {
        var (code, stdout, stderr) = await _cli.RunAsync("ask", command, "--demo");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains($"`/slo {name}` opens a conversation", stderr, StringComparison.Ordinal);
        Assert.Contains($"type `{command}` at the `slo>` prompt", stderr, StringComparison.Ordinal);
        Assert.Contains("Slack or Discord", stderr, StringComparison.Ordinal);
        foreach (var list in new[] { "/slo retro list", "/slo review list" })
        {
            var (listed, json, _) = await _cli.RunAsync("ask", list, "--demo", "--json");
            Assert.Equal(0, listed);
            Assert.Empty(JsonDocument.Parse(json).RootElement.GetProperty("conversations").EnumerateArray());
        }

        // Nothing was left behind for the next one-shot to trip over.
        var (again, _, againErr) = await _cli.RunAsync("ask", "/slo review start", "--demo");
        Assert.Equal(2, again);
        Assert.DoesNotContain("already", againErr, StringComparison.Ordinal);
        Assert.Contains("opens a conversation", againErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_RetroStartWithABadWindow_SaysTheBadWindowFirstThenWhereToRunIt()
    {
        var (code, stdout, stderr) = await _cli.RunAsync("ask", "/slo retro start INC-9 payment 25:00-26:00", "--demo");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var window = stderr.IndexOf("The window `25:00-26:00` is not one I can use: `25:00` is not a time of day", StringComparison.Ordinal);
        var refusal = stderr.IndexOf("`/slo retro start` opens a conversation", StringComparison.Ordinal);
        Assert.True(window >= 0 && refusal > window, stderr);

        var (good, _, goodErr) = await _cli.RunAsync("ask", "/slo retro start INC-9 payment 14:00-16:15", "--demo");
        Assert.Equal(2, good);
        Assert.DoesNotContain("not one I can use", goodErr, StringComparison.Ordinal); // a usable window: only the refusal
        var (_, listed, _) = await _cli.RunAsync("ask", "/slo retro list", "--demo", "--json");
        Assert.Empty(JsonDocument.Parse(listed).RootElement.GetProperty("conversations").EnumerateArray());
    }

    [Fact]
    public async Task Ask_NoCatalog_SaysHowToAddOne()
    {
        var (code, _, stderr) = await _cli.RunAsync("ask", "/slo status");
        Assert.Equal(2, code);
        Assert.Contains("SloBot:Catalog:Path", stderr, StringComparison.Ordinal);
        Assert.Contains("--demo", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_PrometheusUnreachable_ExitOne()
    {
        var catalog = _cli.WriteCatalog();
        var (code, _, stderr) = await _cli.RunAsync("ask", "/slo budget shop", $"--SloBot:Catalog:Path={catalog}",
            "--SloBot:Sli:Source=Prometheus", "--SloBot:Sli:Prometheus:Url=http://127.0.0.1:1", "--SloBot:Sli:Prometheus:Timeout=00:00:02");
        Assert.Equal(1, code);
        Assert.Contains("127.0.0.1:1", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventsImport_ThenBudget_CountsExactlyTheImportedMinutes()
    {
        var catalog = _cli.WriteCatalog();
        var csv = Path.Combine(_cli.Dir, "minutes.csv");
        var now = TimeProvider.System.GetUtcNow();
        var first = DateTimeOffset.FromUnixTimeSeconds((now.ToUnixTimeSeconds() / 60 * 60) - (3 * 86400));
        var lines = new List<string> { "timestamp,service,slo,good,total" };
        double good = 0, total = 0;
        for (var i = 0; i < 3 * 1440; i += 7)
        {
            var t = first.AddMinutes(i);
            var n = 100 + (i % 13);
            var g = n - (i % 5 == 0 ? 1 : 0);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{t:yyyy-MM-ddTHH:mm:ssZ},shop,availability,{g},{n}"));
            good += g;
            total += n;
        }

        await File.WriteAllLinesAsync(csv, lines);
        var (importCode, importOut, _) = await _cli.RunAsync("events", "import", csv, $"--SloBot:Catalog:Path={catalog}");
        Assert.Equal(0, importCode);
        Assert.Contains("Imported", importOut, StringComparison.Ordinal);

        var (code, stdout, _) = await _cli.RunAsync("ask", "/slo budget shop", "--json", $"--SloBot:Catalog:Path={catalog}");
        Assert.Equal(0, code);
        var slo = JsonDocument.Parse(stdout).RootElement.GetProperty("slos")[0];
        Assert.Equal(total, slo.GetProperty("totalEvents").GetDouble());
        Assert.Equal(good, slo.GetProperty("goodEvents").GetDouble());
        Assert.Equal((total - good) / total / 0.001, slo.GetProperty("errorBudget").GetProperty("consumed").GetDouble(), 9);
    }

    [Fact]
    public async Task EventsImport_BadRow_ImportsNothingAndSaysWhere()
    {
        var csv = Path.Combine(_cli.Dir, "bad.csv");
        await File.WriteAllTextAsync(csv, "timestamp,service,slo,good,total\n2026-11-23T10:00:00Z,shop,availability,5,3\n");
        var (code, _, stderr) = await _cli.RunAsync("events", "import", csv);
        Assert.Equal(2, code);
        Assert.Contains("line 2: good (5) is more than total (3)", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--jsn", "Unknown option --jsn — did you mean `--json`? Options:")]
    [InlineData("aks", "Unknown command 'aks' — did you mean `ask`?")]
    public async Task UnknownOptionOrVerb_ExitTwoWithDidYouMean(string word, string expected)
    {
        var (code, _, stderr) = await _cli.RunAsync(word);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }
}
