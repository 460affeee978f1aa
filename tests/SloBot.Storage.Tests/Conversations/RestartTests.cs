using System.Text;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Conversations;
using SloBot.Chat.Tests.Conversations;
using Xunit;

namespace SloBot.Storage.Tests.Conversations;

/// <summary>A process restart at every state: a fresh service provider on the same store continues exactly where the old one stopped.</summary>
public abstract class RestartTests(StorageProvider provider) : StoreTest(provider)
{
    private static readonly string[] Answers =
    [
        "INC-2041",
        "payment",
        "yesterday 2pm to 4:15pm",
        "ok",
        "14:00 Deploy payment-service v2.1.0",
        "14:18 PagerDuty alert fired",
        "next",
        "Connection pool exhaustion",
        "Load tests did not cover pool limits",
        "next",
        "Staging had a bigger pool",
        "~2,500 failed payments",
        "Alert fired within 3 minutes",
        "next",
        "No canary",
        "next",
        "@alice add pool alerting by friday",
        "next",
        "No SLO changes",
        "2026-11-30 follow-up",
        "publish",
    ];

    private static readonly Lazy<Task<Run>> Reference = new(() => RunAsync($"Data Source={Path.Combine(Directory.CreateTempSubdirectory("slobot-reference-").FullName, "reference.db")}", restartAt: null));

    public static TheoryData<int> RestartPoints()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i <= Answers.Length; i++)
            data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(RestartPoints))]
    public async Task Restart_AfterAnswer_ContinuesExactlyWhereItStopped(int restartAfter)
    {
        var reference = await Reference.Value;
        var restarted = await RunAsync(ConnectionString, restartAfter);

        Assert.Equal(reference.Confirmations, restarted.Confirmations);
        Assert.Equal(reference.Markdown, restarted.Markdown);
        Assert.Equal(reference.StatesBeforeEachAnswer, restarted.StatesBeforeEachAnswer);
        Assert.Equal(reference.Posts, restarted.Posts); // nothing posted twice
    }

    private static async Task<Run> RunAsync(string db, int? restartAt)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var transport = new FakeTransport();
        var host = new StoredHost(db, time, transport);
        var confirmations = new List<string>();
        var states = new List<string>();
        try
        {
            await host.CommandAsync(StoredHost.Channel, "/slo retro start");
            var thread = transport.Threads.Single().Thread;
            for (var i = 0; i < Answers.Length; i++)
            {
                if (i == restartAt)
                {
                    host.Dispose();
                    host = new StoredHost(db, time, transport);
                }

                states.Add((await host.Store.ListAsync("retro", false, 1, CancellationToken.None)).Single().State);
                time.Advance(TimeSpan.FromMinutes(1));
                var reply = await host.SayAsync(thread, Answers[i]);
                confirmations.Add(FirstLine(reply!.PlainText()));
            }

            if (restartAt == Answers.Length)
            {
                host.Dispose();
                host = new StoredHost(db, time, transport);
            }

            var export = await host.CommandAsync(StoredHost.Channel, "/slo retro export INC-2041 markdown");
            var record = (await host.Store.ListAsync("retro", false, 1, CancellationToken.None)).Single();
            Assert.Equal(FlowStates.Completed, record.State);
            return new Run(confirmations, states, Encoding.UTF8.GetString(export!.Attachments.Single().Content), transport.Posts.Count);
        }
        finally
        {
            host.Dispose();
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0];

    public sealed class OnSqlite() : RestartTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : RestartTests(StorageProvider.PostgreSql);

    private sealed record Run(List<string> Confirmations, List<string> StatesBeforeEachAnswer, string Markdown, int Posts);
}
