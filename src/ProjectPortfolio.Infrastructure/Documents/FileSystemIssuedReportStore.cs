using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ProjectPortfolio.Application.Reports.Archive;

namespace ProjectPortfolio.Infrastructure.Documents;

/// <summary>Keeps the bytes of issued reports in a folder, one file per distinct content, named by its SHA-256 (ADR 0010).
/// A file is written once: to a temporary name, flushed to disk, renamed without overwriting, then made read-only.
/// The same bytes issued twice share one file.</summary>
public sealed class FileSystemIssuedReportStore : IIssuedReportStore
{
    private readonly string _root;

    public FileSystemIssuedReportStore(IOptions<IssuedReportOptions> options, IHostEnvironment environment)
    {
        _root = StorageFolder.Resolve(options.Value.Path, environment);
    }

    public async Task<StoredReport> SaveAsync(byte[] content, CancellationToken cancellationToken)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var path = PathOf(sha);
        if (File.Exists(path)) return new StoredReport(sha, content.LongLength, Created: false);

        var temporary = Path.Combine(_root, sha + "." + Guid.CreateVersion7().ToString("N") + ".part");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await file.WriteAsync(content, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.GroupRead);
            File.Move(temporary, path, overwrite: false);
            return new StoredReport(sha, content.LongLength, Created: true);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Someone stored the same bytes at the same moment: theirs is the file, and it is ours too.
            File.Delete(temporary);
            return new StoredReport(sha, content.LongLength, Created: false);
        }
        catch
        {
            if (File.Exists(temporary)) File.Delete(temporary);
            throw;
        }
    }

    public async Task<byte[]?> ReadAsync(string sha256, CancellationToken cancellationToken)
    {
        var path = PathOf(sha256);
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public void Delete(string sha256)
    {
        var path = PathOf(sha256);
        if (File.Exists(path)) File.Delete(path);
    }

    private string PathOf(string sha256)
    {
        // Names are hashes we computed (64 lower-case hex digits); anything else is refused rather than turned into a path.
        if (sha256.Length != 64 || !sha256.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
            throw new ArgumentException("Invalid SHA-256.", nameof(sha256));
        return Path.Combine(_root, sha256);
    }
}
