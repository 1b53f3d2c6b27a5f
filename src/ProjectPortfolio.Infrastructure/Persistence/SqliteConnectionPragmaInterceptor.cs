using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ProjectPortfolio.Infrastructure.Persistence;

/// <summary>Runs <see cref="Pragmas"/> on every SQLite connection EF opens: SQLite keeps such settings per connection,
/// not in the file, so each connection of the pool must be given them.</summary>
public abstract class SqliteConnectionPragmaInterceptor : DbConnectionInterceptor
{
    protected abstract string Pragmas { get; }

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
