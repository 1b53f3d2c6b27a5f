using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ProjectPortfolio.Application.Attachments;

namespace ProjectPortfolio.Infrastructure.Documents;

/// <summary>Keeps attachment bytes in a folder, one file per attachment, named by a key we generate (so no
/// user-supplied name ever reaches the file system). Written to a temporary name, flushed, then renamed, so a
/// crash never leaves a half-written file under a real key.</summary>
public sealed class FileSystemAttachmentStore : IAttachmentStore
{
    private readonly string _root;

    public FileSystemAttachmentStore(IOptions<AttachmentOptions> options, IHostEnvironment environment)
    {
        _root = StorageFolder.Resolve(options.Value.Path, environment);
    }

    public async Task<StoredFile> SaveAsync(Stream content, CancellationToken cancellationToken)
    {
        var key = Guid.CreateVersion7().ToString("N");
        var temporary = Path.Combine(_root, key + ".part");
        content.Position = 0;
        long size;
        byte[] hash;
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            await file.FlushAsync(cancellationToken);
            file.Flush(flushToDisk: true);
            size = file.Length;
            hash = sha.GetHashAndReset();
        }
        File.Move(temporary, PathOf(key));
        return new StoredFile(key, Convert.ToHexStringLower(hash), size);
    }

    public Stream OpenRead(string key)
    {
        try
        {
            return new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new StoredFileMissingException(key);
        }
    }

    public void Delete(string key)
    {
        var path = PathOf(key);
        if (File.Exists(path)) File.Delete(path);
    }

    private string PathOf(string key)
    {
        // Keys are ours (32 hex digits); anything else is refused rather than turned into a path.
        if (key.Length != 32 || !key.All(Uri.IsHexDigit)) throw new ArgumentException("Invalid storage key.", nameof(key));
        return Path.Combine(_root, key);
    }
}
