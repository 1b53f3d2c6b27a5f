using System.Text.RegularExpressions;
using Npgsql;

namespace ProjectPortfolio.Testing;

/// <summary>Which database the functional and web suites run on, and throwaway PostgreSQL databases for them.
/// <list type="bullet">
/// <item><c>PORTFOLIO_TEST_POSTGRES</c>: a PostgreSQL server the tests may create and drop databases on, e.g.
/// <c>Host=/tmp;Port=55432;Username=postgres</c> (no Database: each test makes its own).</item>
/// <item><c>PORTFOLIO_TEST_PROVIDER</c>: <c>Sqlite</c> (default) or <c>PostgreSql</c>, the provider the suites run on.</item>
/// </list>
/// Tests that only make sense on PostgreSQL are ignored, with the reason, when no server is given; in CI (CI=true)
/// they fail instead, because .ci/run starts one and a silent skip would hide that it did not.</summary>
public static partial class TestDatabases
{
    public const string ServerVariable = "PORTFOLIO_TEST_POSTGRES";
    public const string ProviderVariable = "PORTFOLIO_TEST_PROVIDER";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value ? value.Trim() : null;

    /// <summary>True when the suites run on PostgreSQL; then the server must be given, or every test fails saying so.</summary>
    public static bool UsePostgreSql { get; } = ReadProvider();

    private static bool ReadProvider()
    {
        var value = Environment.GetEnvironmentVariable(ProviderVariable);
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Equals("Sqlite", StringComparison.OrdinalIgnoreCase)) return false;
        if (!value.Trim().Equals("PostgreSql", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"{ProviderVariable}=\"{value}\": use Sqlite or PostgreSql.");
        if (Server is null)
            throw new InvalidOperationException($"{ProviderVariable}=PostgreSql but {ServerVariable} is not set: give the server to test on.");
        return true;
    }

    /// <summary>The server, for a test that needs PostgreSQL whatever provider the suite runs on.</summary>
    public static string RequireServer()
    {
        if (Server is { } server) return server;
        var reason = $"{ServerVariable} is not set: this PostgreSQL test is not run (see docs/operations.md, \"PostgreSQL\").";
        if (IsCi) Assert.Fail("CI=true but " + reason);
        Assert.Ignore(reason);
        return null!;
    }

    /// <summary>Skips a test that is about SQLite itself (its file, PRAGMAs, backup API) when the suite runs on PostgreSQL.</summary>
    public static void RequireSqlite(string why)
    {
        if (UsePostgreSql) Assert.Ignore("SQLite only: " + why);
    }

    /// <summary>A connection string to one database of the server. Pooling is off: hundreds of throwaway databases
    /// would otherwise each keep idle connections open until the server refuses new ones, and a database with an
    /// open connection can be neither a template nor dropped.</summary>
    public static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(RequireServer()) { Database = database, Pooling = false }.ToString();

    /// <summary>A valid, unique-enough database name from any key (a GUID, a temporary file path).</summary>
    public static string NameFor(string key)
    {
        var name = "portfolio_t_" + NotAllowed().Replace(Path.GetFileNameWithoutExtension(key).ToLowerInvariant(), "_");
        return name.Length <= 63 ? name : name[..63];
    }

    public static async Task CreateAsync(string database, string? template = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = template is null
            ? $"CREATE DATABASE \"{database}\""
            : $"CREATE DATABASE \"{database}\" TEMPLATE \"{template}\"";
        await command.ExecuteNonQueryAsync();
    }

    public static void Drop(string database)
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = connection.CreateCommand();
        // FORCE (PostgreSQL 13+) ends connections a test left open rather than failing the clean-up.
        command.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex NotAllowed();
}
