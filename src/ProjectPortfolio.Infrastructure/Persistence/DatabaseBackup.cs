using Microsoft.Data.Sqlite;

namespace ProjectPortfolio.Infrastructure.Persistence;

/// <summary>An online copy of the SQLite database through SQLite's backup API: it reads a consistent snapshot while
/// the application keeps serving and writing (WAL mode), which copying the file would not (a copy can catch a
/// half-written page, and misses what still sits in the -wal file).</summary>
public static class DatabaseBackup
{
    public sealed record Result(string Destination, long Bytes, string IntegrityCheck);

    public static async Task<Result> BackupAsync(string connectionString, string destinationPath, CancellationToken cancellationToken = default)
    {
        var source = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(source.DataSource) || source.DataSource == ":memory:")
            throw new InvalidOperationException("Only a database file can be backed up.");
        var sourcePath = Path.GetFullPath(source.DataSource);
        if (!File.Exists(sourcePath))
            throw new InvalidOperationException($"There is no database at {sourcePath}.");
        var destination = Path.GetFullPath(destinationPath);
        if (string.Equals(destination, sourcePath, StringComparison.Ordinal))
            throw new InvalidOperationException("The backup cannot be the database itself.");
        // Never overwrite: an existing file may be the only good backup someone has.
        if (File.Exists(destination))
            throw new InvalidOperationException($"{destination} already exists; choose a new file name.");
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);

        // Written under a temporary name and renamed when complete and checked, so a crash never leaves a file that
        // looks like a backup and is not one.
        var partial = destination + ".partial";
        File.Delete(partial);
        try
        {
            await using (var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sourcePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
            await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                await from.OpenAsync(cancellationToken);
                await to.OpenAsync(cancellationToken);
                from.BackupDatabase(to);
                // The copy is a standalone file: back to a rollback journal so that it is complete without a -wal beside it.
                await using var command = to.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=DELETE;";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            var check = await IntegrityCheckAsync(partial, cancellationToken);
            if (check != "ok") throw new InvalidOperationException($"The backup failed its integrity check: {check}");
            File.Move(partial, destination);
            return new Result(destination, new FileInfo(destination).Length, check);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public static async Task<string> IntegrityCheckAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
