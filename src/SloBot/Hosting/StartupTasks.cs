using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SloBot.Core.Catalog;
using SloBot.Demo;
using SloBot.Storage;

namespace SloBot.Hosting;

/// <summary>
/// What must be true before SloBot answers anything: storage migrated, catalog loaded (problems logged), demo
/// history seeded. Runs before every transport starts; <see cref="Ready"/> drives the readiness probe.
/// </summary>
internal sealed partial class StartupTasks(IServiceProvider services, ISloCatalog catalog, Database database, ILogger<StartupTasks> logger) : IHostedService
{
    public bool Ready { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        foreach (var problem in catalog.Problems)
            LogCatalogProblem(logger, problem.ToString());
        if (services.GetService<DemoSeeder>() is { } seeder)
            await seeder.SeedAsync(cancellationToken).ConfigureAwait(false);
        if (catalog.Services.Count == 0)
            LogEmptyCatalog(logger);
        LogCatalog(logger, catalog.Services.Count, catalog.Services.Sum(s => s.Slos.Count), catalog.Problems.Count);
        Ready = true;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Catalog problem: {Problem}")]
    private static partial void LogCatalogProblem(ILogger logger, string problem);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "The SLO catalog is empty: set SloBot:Catalog:Path to a folder of OpenSLO or Sloth YAML files (examples in deploy/catalog), or start with --demo")]
    private static partial void LogEmptyCatalog(ILogger logger);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Catalog: {Services} services, {Slos} SLOs, {Problems} problems")]
    private static partial void LogCatalog(ILogger logger, int services, int slos, int problems);
}
