using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using ProjectPortfolio.Infrastructure.Persistence;

namespace ProjectPortfolio.Infrastructure.Seeding;

/// <summary>EF Core's migration lock on SQLite is a row in <c>__EFMigrationsLock</c>, deleted when the migration ends. A
/// process killed while holding it (a deployment stopped during a start, an out-of-memory kill, a power cut) leaves the row
/// behind, and every later <c>Migrate()</c> waits for it forever: the application would never start again. Before migrating,
/// a row is waited for (a second local process may really be migrating: an import or a backup command) and removed once it
/// is older than <see cref="StaleAfterKey"/> (default 10 minutes), with a warning. PostgreSQL's lock is a session advisory
/// lock that the server releases with the session, so nothing is needed there.</summary>
public sealed class StaleMigrationLock(ApplicationDbContext db, IConfiguration configuration, ILogger<StaleMigrationLock> logger)
{
    public const string StaleAfterKey = "Database:SqliteMigrationLockStaleAfter";

    private static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromMinutes(10);

    public async Task ClearIfStaleAsync(CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return;
        var staleAfter = StaleAfter();
        var waiting = Stopwatch.StartNew();
        var warned = false;
        while (await ReadLockAsync(ct) is { Taken: true, TakenAt: var takenAt })
        {
            // Stale by the row's own timestamp, or by how long this process has waited (a timestamp that does not parse, or
            // a clock set back, never makes the wait endless).
            var age = DateTimeOffset.UtcNow - (takenAt ?? DateTimeOffset.MaxValue);
            if (age > staleAfter || waiting.Elapsed > staleAfter)
            {
                var removed = await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\";", ct);
                logger.LogWarning("Removed a migration lock taken at {TakenAt} and older than {StaleAfter} ({Rows} row): the process that " +
                    "took it stopped before releasing it.", takenAt?.ToString("O", CultureInfo.InvariantCulture) ?? "(unreadable time)", staleAfter, removed);
                return;
            }
            if (!warned)
            {
                logger.LogWarning("The database's migration lock is taken (since {TakenAt}): waiting for it to be released, or for it to be " +
                    "older than {StaleAfter} ({Key}).", takenAt?.ToString("O", CultureInfo.InvariantCulture) ?? "(unreadable time)", staleAfter, StaleAfterKey);
                warned = true;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
    }

    private TimeSpan StaleAfter()
    {
        var value = configuration[StaleAfterKey];
        if (string.IsNullOrWhiteSpace(value)) return DefaultStaleAfter;
        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero
            ? parsed
            : throw new InvalidOperationException($"{StaleAfterKey} is \"{value}\": use a positive duration such as 00:10:00.");
    }

    /// <summary>Whether the lock row exists (no lock table yet: not taken), and the time it says it was taken, null when
    /// that time does not parse.</summary>
    private async Task<(bool Taken, DateTimeOffset? TakenAt)> ReadLockAsync(CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock';";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) == 0) return (false, null);
            command.CommandText = "SELECT \"Timestamp\" FROM \"__EFMigrationsLock\" LIMIT 1;";
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return (false, null);
            var text = reader.IsDBNull(0) ? null : reader.GetValue(0).ToString();
            return (true, DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null);
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }
}
