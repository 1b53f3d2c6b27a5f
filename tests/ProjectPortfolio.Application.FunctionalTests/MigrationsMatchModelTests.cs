using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using ProjectPortfolio.Infrastructure.Persistence;
using ProjectPortfolio.Testing;

namespace ProjectPortfolio.Application.FunctionalTests;

/// <summary>The migrations are written by hand (no EF Design package), so this test is what keeps them honest:
/// a database built by the migrations must have exactly the schema EF Core would create from the model. Both sets are
/// checked: SQLite's (Persistence/Migrations) and PostgreSQL's (Persistence/Migrations/PostgreSql, which needs
/// PORTFOLIO_TEST_POSTGRES; see tests/Shared/TestDatabases.cs).</summary>
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

    [Test]
    public async Task PostgreSql_migrated_schema_equals_the_schema_of_the_model()
    {
        TestDatabases.RequireServer();
        var migrated = TestDatabases.NameFor("schema_migrated_" + Guid.NewGuid().ToString("N"));
        var created = TestDatabases.NameFor("schema_created_" + Guid.NewGuid().ToString("N"));
        try
        {
            // Both create their database: Migrate through the migrations, EnsureCreated straight from the model.
            await using (var db = PostgreSqlContext(migrated))
            {
                Assert.That(db.Database.GetMigrations(), Is.Not.Empty, "the PostgreSQL context has migrations of its own");
                await db.Database.MigrateAsync();
            }
            await using (var db = PostgreSqlContext(created)) await db.Database.EnsureCreatedAsync();

            var fromMigrations = await DescribePostgreSqlAsync(migrated);
            var fromModel = await DescribePostgreSqlAsync(created);
            Assert.That(fromMigrations, Is.Not.Empty);
            Assert.That(fromMigrations.Except(fromModel), Is.Empty, "in the migrated database only");
            Assert.That(fromModel.Except(fromMigrations), Is.Empty,
                "in the model only: regenerate the PostgreSQL initial migration (docs/operations.md, \"PostgreSQL\")");
        }
        finally
        {
            TestDatabases.Drop(migrated);
            TestDatabases.Drop(created);
        }
    }

    [Test]
    public void The_two_providers_have_separate_migrations()
    {
        using var sqlite = Context(":memory:");
        using var postgres = PostgreSqlContext("unused");
        var sqliteMigrations = sqlite.Database.GetMigrations().ToList();
        var postgresMigrations = postgres.Database.GetMigrations().ToList();
        Assert.That(sqliteMigrations, Has.Count.GreaterThan(1));
        // The PostgreSQL set starts from its own scaffolded initial migration (no SQLite history replayed on it);
        // what follows it is hand-written SQL that the model cannot express, such as the audit trail's triggers.
        Assert.That(postgresMigrations, Is.Not.Empty);
        Assert.That(postgresMigrations[0], Does.EndWith("_InitialCreate"));
        Assert.That(postgresMigrations.Intersect(sqliteMigrations), Is.Empty);
    }

    private static PostgreSqlApplicationDbContext PostgreSqlContext(string database) => new(new DbContextOptionsBuilder<ApplicationDbContext>()
        .UseNpgsql(TestDatabases.Server is null ? "Host=unused" : TestDatabases.ConnectionString(database))
        .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
        .Options);

    /// <summary>One line per column (type, length, nullability, default, identity), index (its whole definition) and
    /// constraint (primary key, foreign key with its delete rule, unique, check), from PostgreSQL's catalogue.</summary>
    private static async Task<SortedSet<string>> DescribePostgreSqlAsync(string database)
    {
        var facts = new SortedSet<string>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(TestDatabases.ConnectionString(database));
        await connection.OpenAsync();
        const string Ours = "NOT LIKE '%\\_\\_EFMigrations%'";
        string[] queries =
        [
            $"SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || ' nullable=' || is_nullable || ' default=' || coalesce(column_default, '-') || ' identity=' || is_identity FROM information_schema.columns WHERE table_schema = 'public' AND table_name {Ours}",
            $"SELECT 'index ' || tablename || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename {Ours}",
            $"SELECT 'constraint ' || c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) FROM pg_constraint c WHERE c.connamespace = 'public'::regnamespace AND c.conrelid::regclass::text {Ours}",
        ];
        foreach (var sql in queries)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) facts.Add(reader.GetString(0));
        }
        return facts;
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
