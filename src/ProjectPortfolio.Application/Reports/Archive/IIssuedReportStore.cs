namespace ProjectPortfolio.Application.Reports.Archive;

/// <summary>The stored bytes of one issued report: <paramref name="Sha256"/> is both the hash and the storage name.
/// <paramref name="Created"/> is false when the very same bytes were already stored (by an earlier issue).</summary>
public sealed record StoredReport(string Sha256, long SizeBytes, bool Created);

/// <summary>Where the bytes of issued reports are kept, write-once and content-addressed (ADR 0010).</summary>
public interface IIssuedReportStore
{
    Task<StoredReport> SaveAsync(byte[] content, CancellationToken cancellationToken);

    /// <summary>The bytes stored under <paramref name="sha256"/>, as they are on disk (not checked here), or null if
    /// there is no such file.</summary>
    Task<byte[]?> ReadAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>Only to undo a <see cref="SaveAsync"/> whose record could not be saved.</summary>
    void Delete(string sha256);
}

public sealed class IssuedReportOptions
{
    public const string Section = "IssuedReports";

    /// <summary>Folder of the issued reports' files; relative paths are under the application's content root.</summary>
    public string Path { get; set; } = "data/issued-reports";
}
