using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Planning;
using SloBot.Core.Catalog;
using SloBot.Core.Planning;
using SloBot.Storage;

namespace SloBot.Cli;

/// <summary>
/// The approved targets of quarterly plans for <c>slobot rules</c>, from the state database the bot uses
/// (<c>SloBot:Storage:ConnectionString</c>) when it exists (a SQLite file that is there, or PostgreSQL); none otherwise,
/// so rules for a catalog alone never create a database.
/// </summary>
internal static class PlannedTargetsForRules
{
    public static async Task<IReadOnlyList<ApprovedTarget>> ReadAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var options = new StorageOptions();
        configuration.GetSection(StorageOptions.Section).Bind(options);
        if (options.Provider == StorageProvider.Sqlite)
        {
            var source = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
            if (string.IsNullOrEmpty(source) || source == ":memory:" || !File.Exists(source))
                return [];
        }

        await using var services = new ServiceCollection().AddLogging().AddSloBotStorage(configuration).BuildServiceProvider();
        await services.GetRequiredService<Database>().MigrateAsync(cancellationToken).ConfigureAwait(false);
        return await services.GetRequiredService<IPlanStore>().ApprovedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The catalog's services with the targets in force at <paramref name="now"/>, and what changed, for stderr.</summary>
    public static (IReadOnlyList<ServiceDefinition> Services, IReadOnlyList<string> Changes) Apply(IReadOnlyList<ServiceDefinition> services, IReadOnlyList<ApprovedTarget> approved, DateTimeOffset now)
    {
        var overrides = approved.Select(a => new TargetOverride(new SloId(a.Service, a.Slo), a.Target, a.EffectiveFrom, a.Quarter)).ToArray();
        var inForce = TargetOverlay.InForce(overrides, now);
        var changes = services.SelectMany(s => s.Slos).Where(o => inForce.TryGetValue(o.Id, out var t) && t.Target != o.Target)
            .Select(o => $"{o.Id}: {o.Target.ToString("0.#####", System.Globalization.CultureInfo.InvariantCulture)} → {inForce[o.Id].Target.ToString("0.#####", System.Globalization.CultureInfo.InvariantCulture)} ({inForce[o.Id].Quarter} plan)")
            .ToArray();
        return (TargetOverlay.Apply(services, overrides, now), changes);
    }
}
