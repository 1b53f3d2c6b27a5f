using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ProjectPortfolio.Infrastructure.Persistence;

/// <summary>The same model on PostgreSQL. It exists as a type of its own because EF Core picks a context's migrations
/// by <c>[DbContext(typeof(...))]</c>: the PostgreSQL migrations (Persistence/Migrations/PostgreSql, PostgreSQL column
/// types) name this class, the SQLite ones name <see cref="ApplicationDbContext"/>, and neither set sees the other
/// (docs/adr/0015). Everything else — handlers, Identity, the importer — keeps asking for ApplicationDbContext.</summary>
public sealed class PostgreSqlApplicationDbContext(DbContextOptions<ApplicationDbContext> options) : ApplicationDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // Every DateTime in the application is UTC (TimeProvider.GetUtcNow), stored as timestamptz. Npgsql refuses a
        // DateTime whose Kind is not Utc; values parsed from imports or forms may come Unspecified, and they are UTC
        // by the application's convention, so they are marked so rather than refused. Read back, they are Utc.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
