using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ProjectPortfolio.Infrastructure.Persistence;

namespace ProjectPortfolio.Application.FunctionalTests;

/// <summary>The migrations are written by hand (no EF Design package), so this test is what keeps them honest:
/// a database built by the migrations must have exactly the schema EF Core would create from the model.</summary>
public class MigrationsMatchModelTests
{
    [Test]
    public async Task Migrated_schema_equals_the_schema_of_the_model()
    {
        var folder = Path.Combine(Path.GetTempPath(), "portfolio-schema-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var migrated = Path.Combine(folder, "migrated.db");
            var created = Path.Combine(folder, "created.db");
            await using (var db = Context(migrated)) await db.Database.MigrateAsync();
            await using (var db = Context(created)) await db.Database.EnsureCreatedAsync();

            var fromMigrations = Describe(migrated);
            var fromModel = Describe(created);
            Assert.That(fromMigrations, Is.Not.Empty);
            Assert.That(fromMigrations.Except(fromModel), Is.Empty, "in the migrated database only");
            Assert.That(fromModel.Except(fromMigrations), Is.Empty, "in the model only: write a migration for it");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ApplicationDbContext Context(string path) => new(new DbContextOptionsBuilder<ApplicationDbContext>()
        .UseSqlite($"Data Source={path};Pooling=False")
        .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
        .Options);

    /// <summary>One line per table, column (type, nullability, key position), index (columns, uniqueness) and
    /// foreign key (columns, target, delete rule), from SQLite's own catalogue.</summary>
    private static SortedSet<string> Describe(string path)
    {
        var facts = new SortedSet<string>(StringComparer.Ordinal);
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        var tables = Read(connection, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')", r => r.GetString(0));
        foreach (var table in tables)
        {
            facts.Add($"table {table}");
            foreach (var column in Read(connection, $"PRAGMA table_info(\"{table}\")", r => $"column {table}.{r.GetString(1)} {r.GetString(2)} notnull={r.GetInt32(3)} pk={r.GetInt32(5)}"))
                facts.Add(column);
            foreach (var (name, unique) in Read(connection, $"PRAGMA index_list(\"{table}\")", r => (r.GetString(1), r.GetInt32(2))))
            {
                var columns = string.Join(",", Read(connection, $"PRAGMA index_info(\"{name}\")", r => r.GetString(2)));
                facts.Add($"index {table} {name} ({columns}) unique={unique}");
            }
            foreach (var fk in Read(connection, $"PRAGMA foreign_key_list(\"{table}\")", r => $"fk {table}.{r.GetString(3)} -> {r.GetString(2)}.{r.GetString(4)} on delete {r.GetString(6)}"))
                facts.Add(fk);
        }
        return facts;
    }

    private static List<T> Read<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> map)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }
}
