using Microsoft.Extensions.Options;

namespace SloBot.Storage;

/// <summary>
/// Names <c>SloBot:Storage:ConnectionString</c> when it is empty or can't be read (password blanked), and
/// <c>SloBot:Storage:CheckpointInterval</c> outside 10 ms – 1 hour; every bad key at once.
/// </summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private static readonly TimeSpan MinCheckpoint = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxCheckpoint = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            errors.Add($"{StorageOptions.ConnectionStringKey} must not be empty (default: \"Data Source=slobot.db\").");
        else if (StorageLocation.Read(options) is { Problem: { } problem })
        {
            errors.Add(
                $"{StorageOptions.ConnectionStringKey} \"{StorageLocation.Redact(options.ConnectionString)}\" can't be read: {problem}; expected e.g. " +
                "\"Data Source=slobot.db\" (SQLite) or \"Host=db;Database=slobot;Username=slobot;Password=…\" (PostgreSQL).");
        }

        if (options.CheckpointInterval < MinCheckpoint || options.CheckpointInterval > MaxCheckpoint)
            errors.Add($"{StorageOptions.CheckpointIntervalKey} is {options.CheckpointInterval:c}; expected between 00:00:00.010 and 01:00:00 (default 00:00:01).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
