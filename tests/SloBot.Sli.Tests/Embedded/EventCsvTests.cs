using SloBot.Sli.Embedded;
using Xunit;

namespace SloBot.Sli.Tests.Embedded;

public sealed class EventCsvTests
{
    [Fact]
    public void Parse_IsoAndUnixTimestamps_AnyColumnOrder()
    {
        var (rows, errors) = EventCsv.Parse(new StringReader("service,slo,timestamp,total,good\npayment,availability,2026-11-23T10:00:30Z,100,99\npayment,availability,1763892060,50,50\n"));
        Assert.Empty(errors);
        Assert.Equal(2, rows.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 30, TimeSpan.Zero), rows[0].Minute);
        Assert.Equal(99, rows[0].Good);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1763892060), rows[1].Minute);
    }

    [Theory]
    [InlineData("timestamp,service,slo,good\n", "lacks total")]
    [InlineData("timestamp,service,slo,good,total\nyesterday,payment,availability,1,2\n", "line 2: timestamp 'yesterday'")]
    [InlineData("timestamp,service,slo,good,total\n2026-11-23T10:00:00Z,payment,availability,-1,2\n", "line 2: good '-1' must be a number from 0 to 2^53 (9007199254740992)")]
    [InlineData("timestamp,service,slo,good,total\n2026-11-23T10:00:00Z,payment,availability,5,2\n", "good (5) is more than total (2)")]
    [InlineData("", "the file is empty")]
    public void Parse_BadInput_SaysWhereAndWhat(string csv, string expected)
    {
        var (_, errors) = EventCsv.Parse(new StringReader(csv));
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }
}
