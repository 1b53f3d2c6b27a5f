using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ProjectPortfolio.Infrastructure.Persistence;

/// <summary>Sets <c>PRAGMA synchronous=FULL</c> on every connection (the setting is per connection, not stored in the
/// file). In WAL mode, NORMAL already survives a crash of the process, but a power cut or a kernel panic may lose the
/// last commits, which would then have been confirmed to the user. Grant decisions and payments are written a few
/// hundred times a day, so one more fsync per commit costs nothing anyone notices, and a confirmed write stays written.
/// See docs/operations.md ("Durability").</summary>
public sealed class SqliteDurabilityInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=FULL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
