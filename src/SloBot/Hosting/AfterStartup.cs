using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SloBot.Hosting;

/// <summary>
/// A hosted service (transport, scheduler, sweeper, console) started only once <see cref="StartupTasks"/> is done, so
/// that the web server — health endpoints first — listens at once while storage and catalog are still being prepared.
/// The service is built then too. A failure to start, or a background service that fails later, stops the host as
/// before (its exception is reported by <see cref="ServiceHost"/>).
/// </summary>
internal sealed partial class AfterStartup(Func<IHostedService> create, StartupTasks startup, IHostApplicationLifetime lifetime, ILogger<AfterStartup> logger)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _run = Task.CompletedTask;

    /// <summary>The service once started (null before start-up is done).</summary>
    public IHostedService? Inner { get; private set; }

    /// <summary>Why it could not start, if it could not.</summary>
    public Exception? Failure { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _run = RunAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _run.ConfigureAwait(false); // never throws
        if (Inner is { } inner)
            await inner.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A start failure stops the host and is reported by ServiceHost, as when the host started the service itself.")]
    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await startup.WhenReady.WaitAsync(stopping).ConfigureAwait(false);
            var inner = create();
            await inner.StartAsync(stopping).ConfigureAwait(false);
            Inner = inner;
            if (inner is BackgroundService { ExecuteTask: { } execute })
                _ = WatchAsync(execute);
        }
        catch (Exception) when (stopping.IsCancellationRequested || startup.WhenReady.IsFaulted || startup.WhenReady.IsCanceled)
        {
            // stopped before start-up was done, or start-up failed (StartupRunner reports that)
        }
        catch (Exception e)
        {
            Failure = e;
            lifetime.StopApplication();
        }
    }

    private async Task WatchAsync(Task execute)
    {
        try
        {
            await execute.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogBackgroundFailed(logger, e.GetType().Name);
            lifetime.StopApplication(); // as the host does for its own BackgroundServices (BackgroundServiceExceptionBehavior.StopHost)
        }
    }

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "A background service failed ({Error}); SloBot stops")]
    private static partial void LogBackgroundFailed(ILogger logger, string error);
}

/// <summary>Runs <see cref="StartupTasks"/> in the background as the first hosted service; a failure stops the host.</summary>
internal sealed class StartupRunner(StartupTasks startup, IHostApplicationLifetime lifetime, TimeProvider time) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _run = Task.CompletedTask;

    /// <summary>Why start-up failed, if it did (storage can't be opened …).</summary>
    public Exception? Failure { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _run = RunAsync();
        return Task.CompletedTask;
    }

    /// <summary>Cancels start-up and gives it a few seconds to end (a database driver may not heed cancellation while connecting).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.WaitAsync(StopWait, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // abandoned: migrations run in one transaction, which the database rolls back when the process ends
        }
    }

    public void Dispose() => _stopping.Dispose();

    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(3);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "The failure is reported by ServiceHost in one line (exit 1).")]
    private async Task RunAsync()
    {
        await Task.Yield(); // the web server starts meanwhile
        try
        {
            await startup.RunAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
            // SIGTERM while starting: a normal stop (a driver may report the cancelled connect as a timeout)
        }
        catch (Exception e)
        {
            Failure = e;
            lifetime.StopApplication();
        }
    }
}

internal static class ListenFirstExtensions
{
    /// <summary>
    /// Service mode: start-up runs in the background and every hosted service registered so far waits for it, so the
    /// web server (added by the host after these) listens at once: <c>/healthz</c> answers, <c>/readyz</c> says what it
    /// waits for.
    /// </summary>
    public static IServiceCollection ListenFirst(this IServiceCollection services)
    {
        var hosted = services.Where(d => d.ServiceType == typeof(IHostedService)).ToArray();
        foreach (var d in hosted)
            services.Remove(d);
        services.AddSingleton<StartupRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<StartupRunner>());
        foreach (var d in hosted)
        {
            services.AddSingleton<IHostedService>(sp => new AfterStartup(
                () => Create(sp, d),
                sp.GetRequiredService<StartupTasks>(),
                sp.GetRequiredService<IHostApplicationLifetime>(),
                sp.GetRequiredService<ILogger<AfterStartup>>()));
        }

        return services;
    }

    private static IHostedService Create(IServiceProvider sp, ServiceDescriptor d) => (IHostedService)(
        d.ImplementationInstance
        ?? d.ImplementationFactory?.Invoke(sp)
        ?? ActivatorUtilities.CreateInstance(sp, d.ImplementationType!));
}
