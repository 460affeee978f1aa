using System.Globalization;
using SloBot.Core.Catalog.Yaml;
using YamlDotNet.RepresentationModel;

namespace SloBot.Core.Catalog.OpenSlo;

/// <summary>One objective as read (OpenSLO v1 and v1alpha); v1alpha objectives carry their own ratio indicator.</summary>
internal sealed record OpenSloObjective(
    string? Name,
    double Target,
    string? Op,
    double? Value,
    double? TimeSliceTarget,
    TimeSpan? TimeSliceWindow,
    int Line,
    ParsedIndicator? Indicator = null,
    string? IndicatorRef = null);

/// <summary>Reads <c>spec.objectives</c>: targets (target or targetPercent, never both disagreeing), thresholds, time slices.</summary>
internal static class OpenSloObjectives
{
    public static readonly string[] V1Keys =
        ["displayName", "name", "op", "value", "target", "targetPercent", "timeSliceTarget", "timeSliceWindow", "indicator", "indicatorRef", "compositeWeight"];

    public static readonly string[] V1AlphaKeys =
        ["displayName", "name", "op", "value", "target", "timeSliceTarget", "timeSliceWindow", "ratioMetrics"];

    /// <summary>The objectives, or null when none is usable. A broken objective is a problem; the others still load.</summary>
    public static List<OpenSloObjective>? Read(YamlReader r, YamlNode spec, string budgeting, bool alpha, Func<YamlNode, string, ParsedIndicator?>? perObjectiveIndicator = null)
    {
        if (YamlReader.Child(spec, "objectives") is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            r.Problem(YamlReader.Child(spec, "objectives") ?? spec, "spec.objectives", "is missing", "expected at least one objective with target (0–1) or targetPercent");
            return null;
        }

        var result = new List<OpenSloObjective>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (Objective(r, list.Children[i], $"spec.objectives[{i}]", budgeting, alpha, perObjectiveIndicator) is { } objective)
                result.Add(objective);
        }

        return result.Count == 0 ? null : result;
    }

    private static OpenSloObjective? Objective(YamlReader r, YamlNode o, string field, string budgeting, bool alpha, Func<YamlNode, string, ParsedIndicator?>? perObjectiveIndicator)
    {
        r.Known(o, field, alpha ? V1AlphaKeys : V1Keys);
        var targetNode = YamlReader.Child(o, "target");
        var percentNode = YamlReader.Child(o, "targetPercent");
        var target = r.Number(targetNode, $"{field}.target");
        var percent = r.Number(percentNode, $"{field}.targetPercent");
        if (target is null && percent is null)
        {
            if (targetNode is null && percentNode is null)
                r.Problem(o, $"{field}.target", "is missing", "give target (e.g. 0.999) or targetPercent (e.g. 99.9)");
            return null;
        }

        if (target is not null && percent is not null)
        {
            // OpenSLO allows one of them; two that agree are harmless, two that disagree leave the intent unknown.
            if (Math.Abs(target.Value - (percent.Value / 100)) > 1e-9)
            {
                r.Problem(percentNode, $"{field}.targetPercent", $"{Show(percent.Value)} disagrees with target {Show(target.Value)} (= {Show(target.Value * 100)} %)",
                    "give only one of target and targetPercent");
                return null;
            }

            r.Warning(percentNode, $"{field}.targetPercent", "is given with target; OpenSLO allows only one of them", "remove one");
        }

        var value = target ?? (percent / 100);
        var valueField = target is not null ? "target" : "targetPercent";
        if (value is not (> 0 and < 1))
        {
            r.Problem(target is not null ? targetNode : percentNode, $"{field}.{valueField}",
                $"{Show(target ?? percent!.Value)} is out of range",
                target is not null ? "a target is above 0 and below 1 (0.999 is 99.9 %)" : "a targetPercent is above 0 and below 100");
            return null;
        }

        var name = YamlReader.String(o, "displayName") ?? YamlReader.String(o, "name");
        var op = YamlReader.String(o, "op");
        var thresholdValue = r.Number(YamlReader.Child(o, "value"), $"{field}.value");
        double? sliceTarget = null;
        TimeSpan? sliceWindow = null;
        if (budgeting is "Timeslices" or "RatioTimeslices")
        {
            (sliceWindow, var ok) = SliceWindow(r, o, field);
            if (!ok)
                return null;
            if (budgeting == "Timeslices")
            {
                var sliceNode = YamlReader.Child(o, "timeSliceTarget");
                sliceTarget = r.Number(sliceNode, $"{field}.timeSliceTarget");
                if (sliceTarget is not (> 0 and <= 1))
                {
                    r.Problem(sliceNode ?? o, $"{field}.timeSliceTarget", sliceNode is null ? "is missing" : $"{sliceTarget} is out of range",
                        "Timeslices needs timeSliceTarget above 0 and at most 1: a slice is good when its good ÷ total reaches it");
                    return null;
                }
            }
            else if (YamlReader.Child(o, "timeSliceTarget") is { } ignored)
            {
                r.Note(ignored, $"{field}.timeSliceTarget", "is not used by RatioTimeslices (the SLI is the mean of the slices' ratios)");
            }
        }
        else if ((YamlReader.Child(o, "timeSliceTarget") ?? YamlReader.Child(o, "timeSliceWindow")) is { } slices)
        {
            r.Warning(slices, field, "has time-slice fields but the budgeting method is Occurrences; they are ignored", "set budgetingMethod: Timeslices to budget by slices");
        }

        ParsedIndicator? indicator = null;
        if (perObjectiveIndicator is not null)
        {
            indicator = perObjectiveIndicator(o, field);
            if (indicator is null && alpha && YamlReader.Child(o, "ratioMetrics") is not null)
                return null;
        }
        else if ((YamlReader.Child(o, "indicator") ?? YamlReader.Child(o, "indicatorRef")) is { } composite)
        {
            r.Problem(composite, $"{field}.{(YamlReader.Child(o, "indicator") is null ? "indicatorRef" : "indicator")}",
                "composite SLOs (an indicator per objective) are not supported", "write each objective as its own SLO");
            return null;
        }

        if (YamlReader.Child(o, "compositeWeight") is { } weight)
            r.Note(weight, $"{field}.compositeWeight", "is ignored: composite SLOs are not supported");
        return new OpenSloObjective(name, value.Value, op, thresholdValue, sliceTarget, sliceWindow, r.LineOf(o), indicator);
    }

    /// <summary><c>timeSliceWindow</c>: a duration ("1m", "5m") or a number of minutes.</summary>
    private static (TimeSpan? Window, bool Ok) SliceWindow(YamlReader r, YamlNode o, string field)
    {
        var node = YamlReader.Child(o, "timeSliceWindow");
        var text = YamlReader.Scalar(node)?.Trim();
        if (text is null)
        {
            r.Problem(node ?? o, $"{field}.timeSliceWindow", "is missing", "time-slice budgeting needs the slice length, e.g. timeSliceWindow: 1m");
            return (null, false);
        }

        TimeSpan slice;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes) && minutes > 0 && minutes <= 1440 * 31)
            slice = TimeSpan.FromMinutes(minutes);
        else if (!Budgets.SloWindow.TryParse(text, out slice))
            slice = TimeSpan.Zero;
        if (slice < TimeSpan.FromSeconds(10) || slice > TimeSpan.FromDays(1) || slice.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            r.Problem(node, $"{field}.timeSliceWindow", $"'{text}' is not a slice SloBot can count", "a whole number of seconds from 10s to 1d, e.g. 1m or 5m (a bare number is minutes)");
            return (null, false);
        }

        return (slice, true);
    }

    private static string Show(double v) => v.ToString("0.#########", CultureInfo.InvariantCulture);
}
