namespace SloBot.Hosting;

internal static class HealthEndpoints
{
    /// <summary>
    /// <c>/healthz</c>: the process is up. <c>/readyz</c>: storage migrated, catalog loaded, demo seeded (503 until then);
    /// once ready it also says how many catalog files or SLOs were refused (still 200: the rest of the catalog works).
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        endpoints.MapGet("/readyz", (StartupTasks startup, Core.Catalog.ISloCatalog catalog) => startup.Ready
            ? Results.Text($"ready\ncatalog problems: {catalog.Problems.Count(p => p.Severity == Core.Catalog.CatalogSeverity.Error)}\n")
            : Results.Text("starting", statusCode: StatusCodes.Status503ServiceUnavailable));
        return endpoints;
    }
}
