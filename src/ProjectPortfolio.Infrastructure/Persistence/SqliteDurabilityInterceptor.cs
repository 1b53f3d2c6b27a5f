namespace ProjectPortfolio.Infrastructure.Persistence;

/// <summary>Sets <c>PRAGMA synchronous=FULL</c> on every connection (the setting is per connection, not stored in the
/// file). In WAL mode, NORMAL already survives a crash of the process, but a power cut or a kernel panic may lose the
/// last commits, which would then have been confirmed to the user. Grant decisions and payments are written a few
/// hundred times a day, so one more fsync per commit costs nothing anyone notices, and a confirmed write stays written.
/// See docs/operations.md ("Durability").</summary>
public sealed class SqliteDurabilityInterceptor : SqliteConnectionPragmaInterceptor
{
    protected override string Pragmas => "PRAGMA synchronous=FULL;";
}
