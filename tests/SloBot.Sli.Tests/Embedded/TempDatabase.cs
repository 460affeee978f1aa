using Microsoft.Extensions.Options;
using SloBot.Sli.Embedded;

namespace SloBot.Sli.Tests.Embedded;

/// <summary>An embedded store in its own temporary folder, removed afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("slobot-sli-").FullName;

    public TempDatabase()
    {
        ConnectionString = $"Data Source={Path.Combine(_dir, "state.db")};Pooling=False";
        Store = new EmbeddedSliStore(Options.Create(new EmbeddedStoreOptions { ConnectionString = ConnectionString }));
    }

    public string ConnectionString { get; }

    public EmbeddedSliStore Store { get; }

    public void Dispose()
    {
        Store.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
