namespace ProjectPortfolio.Infrastructure.Persistence;

/// <summary>Sets <c>PRAGMA synchronous</c> on every connection (the setting is per connection, not stored in the file):
/// FULL by default. In WAL mode, NORMAL already survives a crash of the process, but a power cut or a kernel panic may
/// lose the last commits, which would then have been confirmed to the user. Grant decisions and payments are written a
/// few hundred times a day, so one more fsync per commit costs nothing anyone notices, and a confirmed write stays
/// written. NORMAL is accepted (<c>Database:SqliteSynchronous</c>) for measurements and for an operator who accepts that
/// loss; see docs/operations.md ("Durability") and docs/adr/0018.
/// Also sets <c>PRAGMA busy_timeout</c>: a writer that finds the write lock taken waits inside SQLite, which retries
/// within milliseconds of the lock's release. Without it Microsoft.Data.Sqlite sees SQLITE_BUSY and sleeps a fixed
/// 150 ms before each retry, which made concurrent saves wait up to several times 150 ms (docs/performance.md, writes).
/// The 30 s match Microsoft.Data.Sqlite's default command timeout, after which it gave up anyway.</summary>
public sealed class SqliteDurabilityInterceptor(SqliteSynchronous synchronous = SqliteSynchronous.Full) : SqliteConnectionPragmaInterceptor
{
    public const int BusyTimeoutMilliseconds = 30_000;

    public SqliteSynchronous Synchronous { get; } = synchronous;

    protected override string Pragmas { get; } =
        $"PRAGMA synchronous={(synchronous == SqliteSynchronous.Normal ? "NORMAL" : "FULL")}; PRAGMA busy_timeout={BusyTimeoutMilliseconds};";
}

/// <summary>The SQLite <c>synchronous</c> settings the application accepts in WAL mode (docs/adr/0018).</summary>
public enum SqliteSynchronous
{
    Full,
    Normal,
}
