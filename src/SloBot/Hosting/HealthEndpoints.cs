namespace SloBot.Hosting;

internal static class HealthEndpoints
{
    /// <summary><c>/healthz</c>: the process is up. <c>/readyz</c>: storage migrated, catalog loaded, demo seeded (503 until then).</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        endpoints.MapGet("/readyz", (StartupTasks startup) => startup.Ready
            ? Results.Text("ready")
            : Results.Text("starting", statusCode: StatusCodes.Status503ServiceUnavailable));
        return endpoints;
    }
}
