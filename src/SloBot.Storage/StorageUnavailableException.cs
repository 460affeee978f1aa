namespace SloBot.Storage;

/// <summary>
/// The state database can't be opened: the message names <c>SloBot:Storage:ConnectionString</c>, the file or host (no
/// password) and the cause, so start-up stops with one line a person can act on (exit 1).
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static StorageUnavailableException For(StorageOptions options, Exception cause)
    {
        var location = StorageLocation.Read(options);
        var reason = cause.Message;
        if (location.Folder is { } folder && !Directory.Exists(folder))
            reason = $"its folder {folder} does not exist ({cause.Message.TrimEnd('.')})";
        else if (cause.InnerException is { } inner && !reason.Contains(inner.Message, StringComparison.Ordinal))
            reason = $"{reason} ({inner.Message})";
        return new($"the state database can't be opened ({StorageOptions.ConnectionStringKey}: {location.Description}): {reason}", cause);
    }
}
