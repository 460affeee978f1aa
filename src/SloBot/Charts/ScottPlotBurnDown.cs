using System.Globalization;
using ScottPlot;
using SloBot.Chat.Budgets;
using SloBot.Chat.Replies;
using SloBot.Core.Budgets;

namespace SloBot.Charts;

/// <summary>Burn-down charts as 800 × 400 PNGs with ScottPlot: one line per SLO, the even burn dashed, zero marked.</summary>
internal sealed class ScottPlotBurnDown : IBurnDownRenderer
{
    public const int Width = 800;
    public const int Height = 400;

    public ReplyAttachment Render(string fileName, string title, IReadOnlyList<BurnDownLine> lines)
    {
        using var plot = new Plot();
        plot.Title(title);
        plot.YLabel("budget left (%)");
        foreach (var line in lines)
        {
            var scatter = plot.Add.Scatter(
                line.Points.Select(p => p.At.UtcDateTime).ToArray(),
                line.Points.Select(p => p.Remaining * 100).ToArray());
            scatter.LegendText = line.Slo.Name;
            scatter.MarkerSize = 0;
            scatter.LineWidth = 2;
        }

        if (lines.Select(l => (l.Start, l.End)).Distinct().Count() == 1)
        {
            var even = plot.Add.Line(lines[0].Start.UtcDateTime.ToOADate(), 100, lines[0].End.UtcDateTime.ToOADate(), 0);
            even.LinePattern = LinePattern.Dashed;
            even.LineColor = Colors.Gray;
            even.LegendText = "even burn";
        }

        var zero = plot.Add.HorizontalLine(0);
        zero.LineColor = Colors.DarkRed.WithAlpha(0.6);
        zero.LinePattern = LinePattern.Dotted;
        var axis = plot.Axes.DateTimeTicksBottom();
        if (axis.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic ticks)
            ticks.LabelFormatter = d => d.ToString("MMM d", CultureInfo.InvariantCulture);
        plot.ShowLegend(Alignment.LowerLeft);
        var low = Math.Min(0, lines.Min(l => l.Points.Min(p => p.Remaining)) * 100);
        plot.Axes.SetLimitsY(low - 5, 105);
        return new ReplyAttachment(fileName, "image/png", plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }
}
