namespace SloBot.Hosting;

internal static class HealthEndpoints
{
    /// <summary>
    /// <c>/healthz</c>: the process is up (200 as soon as it listens, which is before storage and catalog are ready).
    /// <c>/readyz</c>: storage migrated, catalog loaded, demo seeded; until then 503 saying what it waits for. Once ready
    /// it also says how many catalog files or SLOs were refused (still 200: the rest of the catalog works).
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        endpoints.MapGet("/readyz", (StartupTasks startup, IServiceProvider services) => startup.Ready
            ? Results.Text($"ready\ncatalog problems: {services.GetRequiredService<Core.Catalog.ISloCatalog>().Problems.Count(p => p.Severity == Core.Catalog.CatalogSeverity.Error)}\n")
            : Results.Text($"starting: waiting for {startup.WaitingFor}\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        return endpoints;
    }

    /// <summary>Until start-up is done, every request but the probes and <c>/metrics</c> is answered 503 with what SloBot waits for (Retry-After: 5).</summary>
    public static IApplicationBuilder UseStartingGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var startup = context.RequestServices.GetRequiredService<StartupTasks>();
        if (startup.Ready || context.Request.Path.Equals("/healthz", StringComparison.Ordinal) || context.Request.Path.Equals("/readyz", StringComparison.Ordinal)
            || context.Request.Path.Equals("/metrics", StringComparison.Ordinal))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        await context.Response.WriteAsync($"SloBot is starting: waiting for {startup.WaitingFor}\n", context.RequestAborted).ConfigureAwait(false);
    });
}
