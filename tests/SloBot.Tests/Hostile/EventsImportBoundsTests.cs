using System.Globalization;
using System.Text.Json;
using Xunit;
using SloBot.Tests.Cli;

namespace SloBot.Tests.Hostile;

/// <summary>Issue 13 item 11: <c>slobot events import</c> refuses rows that would poison the store, with line numbers, importing nothing.</summary>
public sealed class EventsImportBoundsTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    // One instant for the theory data and the test bodies: a minute boundary between discovery and run must not move rows.
    private static readonly long Now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 60 * 60;

    private static string Minute(int minutesAgo) =>
        DateTimeOffset.FromUnixTimeSeconds(Now - (minutesAgo * 60)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static TheoryData<string, string> Poison => new()
    {
        { $"{Minute(5)},shop,availability,1e308,1e308", "line 3: good '1e308' must be a number from 0 to 2^53 (9007199254740992)" },
        { $"{Minute(5)},shop,availability,5,9007199254740993000", "line 3: total '9007199254740993000' must be a number from 0 to 2^53" },
        { $"{Minute(5)},shop,availability,7,5", "line 3: good (7) is more than total (5)" },
        { $"{Minute(10)},shop,availability,1,2", $"line 3: a second row for shop/availability in the minute {Minute(10)[..16].Replace('T', ' ')} UTC (the first is on line 2)" },
        { $"{Minute(4)},shop/x,availability,1,2\n{Minute(4)},shop,x/availability,1,2", "line 4: service 'shop' and slo 'x/availability' join to 'shop/x/availability', as service 'shop/x' and slo 'availability' on line 3 do" },
        { "9999-12-31T23:59:00Z,shop,availability,1,2", "line 3: timestamp '9999-12-31T23:59:00Z' (9999-12-31 23:59 UTC) is outside the range SloBot stores, 2000-01-01 to" },
        { "99999999999,shop,availability,1,2", "line 3: timestamp '99999999999'" },
        { "1,shop,availability,1,2", "line 3: timestamp '1' (1970-01-01 00:00 UTC) is outside the range SloBot stores" },
    };

    [Theory]
    [MemberData(nameof(Poison))]
    public async Task EventsImport_PoisonRow_ImportsNothingAndSaysWhichLine(string row, string message)
    {
        var csv = Path.Combine(_cli.Dir, "minutes.csv");
        await File.WriteAllTextAsync(csv, $"timestamp,service,slo,good,total\n{Minute(10)},shop,availability,99,100\n{row}\n");

        var (code, _, stderr) = await _cli.RunAsync("events", "import", csv, _cli.Catalog);

        Assert.Equal(2, code);
        Assert.Contains("nothing imported", stderr, StringComparison.Ordinal);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        var (budget, stdout, _) = await _cli.RunAsync("ask", "/slo budget shop", "--json", _cli.Catalog);
        Assert.Equal(0, budget);
        Assert.Equal(0, JsonDocument.Parse(stdout).RootElement.GetProperty("slos")[0].GetProperty("totalEvents").GetDouble());
    }

    [Fact]
    public async Task EventsImport_LargestAllowedCount_IsImportedAndBudgetsStillAnswer()
    {
        var csv = Path.Combine(_cli.Dir, "minutes.csv");
        await File.WriteAllTextAsync(csv, $"timestamp,service,slo,good,total\n{Minute(10)},shop,availability,9007199254740991,9007199254740992\n{Minute(9)},shop,availability,9007199254740992,9007199254740992\n");

        var (code, _, stderr) = await _cli.RunAsync("events", "import", csv, _cli.Catalog);
        Assert.True(code == 0, stderr);

        var (budget, stdout, _) = await _cli.RunAsync("ask", "/slo budget shop", "--json", _cli.Catalog);
        Assert.Equal(0, budget);
        var slo = JsonDocument.Parse(stdout).RootElement.GetProperty("slos")[0];
        Assert.Equal(2 * 9007199254740992.0, slo.GetProperty("totalEvents").GetDouble());
    }
}
