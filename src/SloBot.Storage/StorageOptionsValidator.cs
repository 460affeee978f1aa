using Microsoft.Extensions.Options;

namespace SloBot.Storage;

/// <summary>Names <c>SloBot:Storage:ConnectionString</c> when it is empty or can't be read (password blanked).</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            return ValidateOptionsResult.Fail($"{StorageOptions.ConnectionStringKey} must not be empty (default: \"Data Source=slobot.db\").");
        return StorageLocation.Read(options) is { Problem: { } problem }
            ? ValidateOptionsResult.Fail(
                $"{StorageOptions.ConnectionStringKey} \"{StorageLocation.Redact(options.ConnectionString)}\" can't be read: {problem}; expected e.g. " +
                "\"Data Source=slobot.db\" (SQLite) or \"Host=db;Database=slobot;Username=slobot;Password=…\" (PostgreSQL).")
            : ValidateOptionsResult.Success;
    }
}
