namespace ProjectPortfolio.Application.Attachments;

public sealed record StoredFile(string Key, string Sha256, long SizeBytes);

/// <summary>Where attachment bytes are kept, outside the database.</summary>
public interface IAttachmentStore
{
    Task<StoredFile> SaveAsync(Stream content, CancellationToken cancellationToken);

    /// <exception cref="StoredFileMissingException">The record exists but its file does not (restored database
    /// without its files, deleted by hand): the caller answers "not found" and the operator is told.</exception>
    Stream OpenRead(string key);

    void Delete(string key);
}

public sealed class StoredFileMissingException(string key) : Exception($"The stored file '{key}' is missing from the attachments folder.");
