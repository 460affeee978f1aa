using SloBot.Cli;

namespace SloBot.Tests.Cli;

/// <summary>
/// The executable's entry point in-process, with its own temp folder and state database (added to every run) and a
/// one-SLO catalog on request: the one CLI helper of AskTests and the hostile-input tests.
/// </summary>
internal sealed class CliRun : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("slobot-hostile-").FullName;

    public string Store => $"--SloBot:Storage:ConnectionString=Data Source={Path.Combine(Dir, "state.db")}";

    public string Catalog => $"--SloBot:Catalog:Path={WriteCatalog()}";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Dir, recursive: true);
    }

    public async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await SloBotCli.RunAsync([.. args, Store], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Writes the one-SLO catalog (service shop) into the temp folder; returns its folder.</summary>
    public string WriteCatalog()
    {
        var dir = Directory.CreateDirectory(Path.Combine(Dir, "catalog")).FullName;
        File.WriteAllText(Path.Combine(dir, "shop.yaml"), """
            version: prometheus/v1
            service: shop
            slos:
              - name: availability
                objective: 99.9
                sli:
                  events:
                    error_query: sum(rate(http_requests_total{job="shop",code=~"5.."}[{{.window}}]))
                    total_query: sum(rate(http_requests_total{job="shop"}[{{.window}}]))
            """);
        return dir;
    }
}
