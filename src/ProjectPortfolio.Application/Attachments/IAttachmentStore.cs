namespace ProjectPortfolio.Application.Attachments;

public sealed record StoredFile(string Key, string Sha256, long SizeBytes);

/// <summary>Where attachment bytes are kept, outside the database.</summary>
public interface IAttachmentStore
{
    Task<StoredFile> SaveAsync(Stream content, CancellationToken cancellationToken);

    Stream OpenRead(string key);

    void Delete(string key);
}
