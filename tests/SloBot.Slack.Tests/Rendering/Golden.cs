using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SloBot.Slack.Tests.Rendering;

/// <summary>
/// Golden files of what Slack receives, in <c>Rendering/testdata/*.golden.json</c>. Set SLOBOT_UPDATE_GOLDEN=1 to
/// rewrite them after an intended change, then review the diff like code.
/// </summary>
internal static class Golden
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Verify(string name, JsonNode actual, [CallerFilePath] string caller = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(caller)!, "testdata", name + ".golden.json");
        var text = actual.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
        if (Environment.GetEnvironmentVariable("SLOBOT_UPDATE_GOLDEN") == "1")
            File.WriteAllText(path, text);
        Assert.True(File.Exists(path), $"Golden file {path} is missing; run with SLOBOT_UPDATE_GOLDEN=1 and review it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), text);
    }
}
