using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SloBot.Core.Text;

namespace SloBot.Chat.StatusPage;

/// <summary>
/// <c>SloBot:StatusPage</c>: what customers see (seed 004's fourth audience). Only the services listed under
/// <c>Services</c> appear, under their public names: the catalog's names are internal. A service is either
/// <c>SloBot:StatusPage:Services:payment=Payments</c> or a section with <c>Name</c> and <c>Slo</c> (the SLO whose SLI is
/// shown as its availability; default: the one named <c>availability</c>, else the service's first).
/// </summary>
public sealed class StatusPageOptions
{
    /// <summary>The options' section; <see cref="Services"/> is read by <see cref="ReadFrom"/> (either form).</summary>
    public const string Section = "SloBot:StatusPage";

    public const int MaxDays = 366;

    /// <summary>The page's heading.</summary>
    public string Title { get; set; } = "Service status";

    /// <summary>Days of history on <c>slobot status-page</c> (one square per day). Default 90.</summary>
    public int Days { get; set; } = 90;

    /// <summary>Catalog service → how customers see it.</summary>
    public Dictionary<string, StatusPageService> Services { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads <c>Services</c> in either form; values that do not fit are named by <see cref="StatusPageOptionsValidator"/>.</summary>
    public void ReadFrom(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (section["Title"] is { } title)
            Title = title;
        if (section["Days"] is { } days && int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var d))
            Days = d;
        foreach (var service in section.GetSection(nameof(Services)).GetChildren())
        {
            Services[service.Key] = service.Value is { } name
                ? new StatusPageService { Name = name }
                : new StatusPageService { Name = service["Name"] ?? "", Slo = service["Slo"] };
        }
    }
}

/// <summary>One service on the status page.</summary>
public sealed class StatusPageService
{
    /// <summary>What customers call it ("Payments").</summary>
    public string Name { get; set; } = "";

    /// <summary>The SLO shown as its availability; null: the one named <c>availability</c>, else the first.</summary>
    public string? Slo { get; set; }
}

/// <summary>Names every wrong key of <c>SloBot:StatusPage</c>, from the raw configuration.</summary>
internal sealed class StatusPageOptionsValidator(IConfiguration? configuration) : IValidateOptions<StatusPageOptions>
{
    private static readonly string[] ServiceKeys = ["Name", "Slo"];

    public ValidateOptionsResult Validate(string? name, StatusPageOptions options)
    {
        var errors = new List<string>();
        var section = configuration?.GetSection(StatusPageOptions.Section);
        if (section?["Days"] is { } days && !(int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= StatusPageOptions.MaxDays))
            errors.Add($"{StatusPageOptions.Section}:Days '{days}' must be a whole number of days from 1 to {StatusPageOptions.MaxDays}, e.g. 90.");
        if (string.IsNullOrWhiteSpace(options.Title) || options.Title.Length > 100)
            errors.Add($"{StatusPageOptions.Section}:Title must be 1 to 100 characters, e.g. \"Acme status\".");
        foreach (var service in section?.GetSection(nameof(StatusPageOptions.Services)).GetChildren() ?? [])
        {
            var key = $"{StatusPageOptions.Section}:Services:{service.Key}";
            foreach (var child in service.GetChildren().Where(c => !ServiceKeys.Contains(c.Key, StringComparer.OrdinalIgnoreCase)))
                errors.Add($"{key}:{child.Key} is not a status page setting{DidYouMean.Hint(child.Key, ServiceKeys)}. Settings: Name (what customers call it), Slo (the SLO shown as its availability).");
        }

        foreach (var (service, settings) in options.Services)
        {
            if (string.IsNullOrWhiteSpace(settings.Name) || settings.Name.Length > 80)
                errors.Add($"{StatusPageOptions.Section}:Services:{service} needs the name customers know it by (1 to 80 characters), e.g. {StatusPageOptions.Section}:Services:{service}=Payments or …:{service}:Name=Payments.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
