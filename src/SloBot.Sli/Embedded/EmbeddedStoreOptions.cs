namespace SloBot.Sli.Embedded;

/// <summary>The embedded SLI store lives in the same SQLite file as SloBot's state (<c>SloBot:Storage:ConnectionString</c>).</summary>
public sealed class EmbeddedStoreOptions
{
    public string ConnectionString { get; set; } = "Data Source=slobot.db";
}
