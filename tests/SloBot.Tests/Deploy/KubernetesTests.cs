using System.Diagnostics;
using System.Net;
using SloBot.Tests.Hosting;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace SloBot.Tests.Deploy;

/// <summary>
/// Issue 16 item 5: <c>deploy/kubernetes</c> is valid against the Kubernetes (and Prometheus Operator) schemas, and the
/// published app started as the Deployment starts it — the image's entrypoint, the Deployment's environment, its
/// ConfigMap as the catalog folder — passes the Deployment's own readiness probe. No Docker engine or cluster here:
/// the mounts become temporary folders and the Secret's storage a SQLite file; everything else is the manifest's.
/// </summary>
public sealed class KubernetesTests : IDisposable
{
    private static readonly string Root = RepositoryRoot();
    private readonly string _dir = Directory.CreateTempSubdirectory("slobot-k8s-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Manifests_AreValidAgainstTheKubernetesSchemas()
    {
        var tool = Path.Combine(Root, "scripts", "kubernetes");
        var (install, installOutput) = await RunAsync("npm", tool, "ci", "--no-audit", "--no-fund");
        Assert.True(install == 0, "npm ci (needs Node.js and the npm registry): " + installOutput);
        var manifests = Directory.GetFiles(Path.Combine(Root, "deploy", "kubernetes"), "*.yaml").Order(StringComparer.Ordinal).ToArray();

        var (code, output) = await RunAsync("node", tool, ["validate.mjs", .. manifests]);

        Assert.True(code == 0, output);
        Assert.Contains("apps/v1/Deployment slobot: valid", output, StringComparison.Ordinal);
        Assert.Contains("policy/v1/PodDisruptionBudget slobot: valid", output, StringComparison.Ordinal);
        Assert.Contains("monitoring.coreos.com/v1/ServiceMonitor slobot: valid", output, StringComparison.Ordinal);
        Assert.Contains("5 valid, 0 invalid", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Deployment_HasTheSafetyAProductionPodNeeds()
    {
        var (deployment, container) = Deployment();
        Assert.Equal("2", Scalar(deployment, "spec", "replicas"));
        var security = (YamlMappingNode)container["securityContext"];
        Assert.Equal("true", Scalar(security, "readOnlyRootFilesystem"));
        Assert.Equal("false", Scalar(security, "allowPrivilegeEscalation"));
        Assert.Equal("true", Scalar(deployment, "spec", "template", "spec", "securityContext", "runAsNonRoot"));
        Assert.Equal("/healthz", Scalar(container, "livenessProbe", "httpGet", "path"));
        Assert.Equal("/readyz", Scalar(container, "readinessProbe", "httpGet", "path"));
        Assert.NotNull(Scalar(container, "resources", "requests", "memory"));
        // Every token and the database come from the Secret, never from a literal in the manifest.
        foreach (var env in ((YamlSequenceNode)container["env"]).Cast<YamlMappingNode>())
        {
            var name = Scalar(env, "name")!;
            if (name.Contains("Token", StringComparison.Ordinal) || name.Contains("Secret", StringComparison.Ordinal) || name.Contains("Storage", StringComparison.Ordinal) || name.Contains("PublicKey", StringComparison.Ordinal))
                Assert.Equal("slobot", Scalar(env, "valueFrom", "secretKeyRef", "name"));
        }

        // The grace period covers SloBot's own drain (20 s) and its restart notices (6 s).
        Assert.True(int.Parse(Scalar(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds")!, System.Globalization.CultureInfo.InvariantCulture) >= 26);
    }

    [Fact]
    public async Task PublishedApp_StartedAsTheDeploymentStartsIt_PassesItsReadinessProbe()
    {
        var (deployment, container) = Deployment();
        var entrypoint = EntrypointOfDockerfile();
        Assert.Equal(["dotnet", "slobot.dll"], entrypoint);

        // The pod's volumes as folders: the ConfigMap's files as the catalog, /tmp as scratch.
        var catalog = Directory.CreateDirectory(Path.Combine(_dir, "catalog")).FullName;
        foreach (var (file, text) in ConfigMapData("slobot-catalog"))
            await File.WriteAllTextAsync(Path.Combine(catalog, file), text);
        var tmp = Directory.CreateDirectory(Path.Combine(_dir, "tmp")).FullName;
        var port = SlobotProcess.FreePort();

        var start = new ProcessStartInfo(entrypoint[0]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = _dir };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, entrypoint[1]));
        foreach (var arg in ((container.Children.TryGetValue("args", out var args) ? (YamlSequenceNode)args : new YamlSequenceNode())).Select(a => ((YamlScalarNode)a).Value!))
            start.ArgumentList.Add(arg);
        foreach (var env in ((YamlSequenceNode)container["env"]).Cast<YamlMappingNode>())
        {
            var name = Scalar(env, "name")!;
            if (Scalar(env, "value") is { } value)
                start.Environment[name] = value.Replace("/tmp/", tmp + "/", StringComparison.Ordinal).Replace("/etc/slobot/catalog", catalog, StringComparison.Ordinal); // the pod's mounts
            else if (Scalar(env, "valueFrom", "secretKeyRef", "key") == "storage")
                start.Environment[name] = $"Data Source={Path.Combine(_dir, "state.db")}"; // the Secret's database (PostgreSQL in the cluster)
            else
                Assert.Equal("true", Scalar(env, "valueFrom", "secretKeyRef", "optional")); // tokens a platform does not use are left out
        }

        start.Environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture); // the pod's 8080
        var probe = (YamlMappingNode)container["readinessProbe"];
        var path = Scalar(probe, "httpGet", "path")!;
        var budget = TimeSpan.FromSeconds(int.Parse(Scalar(probe, "initialDelaySeconds") ?? "0", System.Globalization.CultureInfo.InvariantCulture)
            + (int.Parse(Scalar(probe, "periodSeconds")!, System.Globalization.CultureInfo.InvariantCulture) * int.Parse(Scalar(probe, "failureThreshold")!, System.Globalization.CultureInfo.InvariantCulture)));

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        HttpStatusCode? status = null;
        var body = "";
        while (clock.Elapsed < budget && status != HttpStatusCode.OK && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"));
                (status, body) = (response.StatusCode, await response.Content.ReadAsStringAsync());
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            if (status != HttpStatusCode.OK)
                await Task.Delay(200);
        }

        if (process.HasExited)
            Assert.Fail($"slobot exited with {process.ExitCode} before {path} answered 200: {await errors}");
        var metrics = status == HttpStatusCode.OK ? await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics")) : "";
        Assert.Equal(0, SlobotProcess.Signal(process.Id, 15));
        await SlobotProcess.WaitForExitAsync(process, TimeSpan.FromSeconds(40));
        Assert.True(status == HttpStatusCode.OK, $"{path} answered {status} '{body}' within {budget}: {await errors}");
        Assert.Contains("1 service", body + await errors, StringComparison.Ordinal); // the ConfigMap's catalog was read
        Assert.Contains("target_info", metrics, StringComparison.Ordinal); // what the scrape annotations point at
        Assert.Equal(0, process.ExitCode);
    }

    private static (YamlMappingNode Deployment, YamlMappingNode Container) Deployment()
    {
        var deployment = Documents().Single(d => Scalar(d, "kind") == "Deployment");
        var containers = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)deployment["spec"])["template"])["spec"])["containers"];
        return (deployment, (YamlMappingNode)containers.Single());
    }

    private static IEnumerable<(string File, string Text)> ConfigMapData(string name)
    {
        var map = Documents().Single(d => Scalar(d, "kind") == "ConfigMap" && Scalar(d, "metadata", "name") == name);
        return ((YamlMappingNode)map["data"]).Select(kv => (((YamlScalarNode)kv.Key).Value!, ((YamlScalarNode)kv.Value).Value!));
    }

    private static List<YamlMappingNode> Documents()
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(Path.Combine(Root, "deploy", "kubernetes", "slobot.yaml")));
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static string[] EntrypointOfDockerfile()
    {
        var line = File.ReadAllLines(Path.Combine(Root, "Dockerfile")).Single(l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal));
        return System.Text.Json.JsonSerializer.Deserialize<string[]>(line["ENTRYPOINT ".Length..])!;
    }

    private static string? Scalar(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
                return null;
            current = next;
        }

        return (current as YamlScalarNode)?.Value;
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string dir, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SloBot.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("SloBot.sln not found above " + AppContext.BaseDirectory);
    }
}
