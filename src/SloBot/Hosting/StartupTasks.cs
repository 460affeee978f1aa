using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SloBot.Core.Catalog;
using SloBot.Demo;
using SloBot.Storage;

namespace SloBot.Hosting;

/// <summary>
/// What must be true before SloBot answers anything: storage migrated, catalog loaded (problems logged), demo
/// history seeded. In service mode it runs after the health endpoints listen and before every transport starts
/// (<see cref="AfterStartup"/>); <see cref="WaitingFor"/> and <see cref="Ready"/> drive the readiness probe.
/// </summary>
internal sealed partial class StartupTasks(IServiceProvider services, Database database, ILogger<StartupTasks> logger)
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Ready => _ready.Task.IsCompletedSuccessfully;

    /// <summary>Completes when ready; faults with the start-up failure; cancelled when start-up was stopped.</summary>
    public Task WhenReady => _ready.Task;

    /// <summary>What start-up is doing now, for <c>/readyz</c>.</summary>
    public string WaitingFor { get; private set; } = "start-up to begin";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            WaitingFor = $"storage migrations ({StorageOptions.ConnectionStringKey}: {database.Location})";
            await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            if (services.GetService<Chat.Planning.ApprovedTargets>() is { } approved)
                await approved.RefreshAsync(cancellationToken).ConfigureAwait(false); // the plans' targets overlay the catalog from the start
            WaitingFor = "the SLO catalog (SloBot:Catalog:Path)";
            var catalog = services.GetRequiredService<ISloCatalog>();
            foreach (var problem in catalog.Problems)
                LogCatalogProblem(logger, problem.ToString());
            if (services.GetService<DemoSeeder>() is { } seeder)
            {
                WaitingFor = "the demo history";
                await seeder.SeedAsync(cancellationToken).ConfigureAwait(false);
            }

            if (catalog.Services.Count == 0)
                LogEmptyCatalog(logger);
            LogCatalog(logger, catalog.Services.Count, catalog.Services.Sum(s => s.Slos.Count), catalog.Problems.Count);
            WaitingFor = "nothing";
            _ready.TrySetResult();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _ready.TrySetCanceled(cancellationToken);
            throw;
        }
        catch (Exception e)
        {
            _ready.TrySetException(e);
            throw;
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "Catalog problem: {Problem}")]
    private static partial void LogCatalogProblem(ILogger logger, string problem);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "The SLO catalog is empty: set SloBot:Catalog:Path to a folder of OpenSLO or Sloth YAML files (examples in deploy/catalog), or start with --demo")]
    private static partial void LogEmptyCatalog(ILogger logger);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Catalog: {Services} services, {Slos} SLOs, {Problems} problems")]
    private static partial void LogCatalog(ILogger logger, int services, int slos, int problems);
}
