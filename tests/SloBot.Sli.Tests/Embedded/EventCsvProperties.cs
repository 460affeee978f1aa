using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SloBot.Sli.Embedded;
using Xunit;

namespace SloBot.Sli.Tests.Embedded;

/// <summary>Property tests of the import CSV: arbitrary text never throws, and well-formed rows read back exactly.</summary>
public sealed class EventCsvProperties
{
    [Property(MaxTest = 1000)]
    public void AnyText_ParsesIntoRowsOrLineErrors_WithoutThrowing(NonNull<string> body, bool withHeader)
    {
        var text = (withHeader ? "timestamp,service,slo,good,total\n" : "") + body.Get;

        var (rows, errors) = EventCsv.Parse(new StringReader(text));

        if (!withHeader && !body.Get.Contains("timestamp", StringComparison.OrdinalIgnoreCase))
            Assert.NotEmpty(errors); // no header: refused with a message, nothing imported
        if (errors.Count == 0)
            Assert.All(rows, r => Assert.InRange(r.Good, 0, r.Total));
    }

    [Property(MaxTest = 300)]
    public Property WellFormedRows_ReadBackExactly() => Prop.ForAll(
        Gen.Choose(1, 50).SelectMany(n => Gen.Choose(0, 1_000_000).Two().ListOf(n)).ToArbitrary(),
        counts =>
        {
            var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
            var csv = new StringBuilder("timestamp,service,slo,good,total\n");
            var expected = counts.Select((c, i) => (At: start.AddMinutes(i), Good: (double)Math.Min(c.Item1, c.Item2), Total: (double)Math.Max(c.Item1, c.Item2))).ToArray();
            foreach (var (at, good, total) in expected)
                csv.Append(CultureInfo.InvariantCulture, $"{at:yyyy-MM-ddTHH:mm:ssZ},payment,availability,{good},{total}\n");

            var (rows, errors) = EventCsv.Parse(new StringReader(csv.ToString()));

            return errors.Count == 0 && rows.Select(r => (r.Minute, r.Good, r.Total)).SequenceEqual(expected.Select(e => (e.At, e.Good, e.Total)));
        });
}
