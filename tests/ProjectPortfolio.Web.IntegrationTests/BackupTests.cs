using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>The "backup" command copies the database while the application runs, and the copy restores.</summary>
public class BackupTests
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "portfolio-backup-" + Guid.NewGuid().ToString("N"));

    [SetUp]
    public void OnSqliteOnly() =>
        ProjectPortfolio.Testing.TestDatabases.RequireSqlite("the backup command uses SQLite's backup API; on PostgreSQL it refers to pg_dump (tested in PostgreSqlProviderTests).");

    [OneTimeTearDown]
    public void Clean()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }

    private static async Task<Dictionary<string, long>> RowCountsAsync(string path)
    {
        var counts = new Dictionary<string, long>();
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }

    [Test]
    public async Task A_backup_taken_while_the_application_runs_holds_every_answered_write_and_restores()
    {
        var factory = new PortfolioFactory();
        var backup = Path.Combine(Folder, "sauvegarde.db");
        try
        {
            var officer = await factory.ApiClientAsync("officer@portfolio.local");
            // A write just before the backup: in WAL mode it may still sit in the -wal file, which a file copy would miss.
            var created = await officer.PostAsJsonAsync("/api/members", new { code = "SAUVEGARDE", name = "Ville sauvegardée", kind = "City", country = "SN" });
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());

            var exit = await Commands.BackupAsync(["backup", backup, $"--ConnectionStrings:Portfolio=Data Source={factory.DatabasePath}"]);
            Assert.That(exit, Is.Zero);
            Assert.That(File.Exists(backup + ".partial"), Is.False);

            var live = await RowCountsAsync(factory.DatabasePath);
            var copy = await RowCountsAsync(backup);
            Assert.That(copy, Is.EquivalentTo(live));
            Assert.That(copy["Members"], Is.GreaterThan(20));

            // Restoring is starting the application on the copy.
            await using var restored = new PortfolioFactory(backup);
            var client = await restored.ApiClientAsync("officer@portfolio.local");
            var members = JsonNode.Parse(await client.GetStringAsync("/api/members?q=SAUVEGARDE"))!;
            Assert.That((string)members["items"]![0]!["name"]!, Is.EqualTo("Ville sauvegardée"));
        }
        finally
        {
            await factory.DisposeAsync();
            PortfolioFactory.DeleteDatabase(factory.DatabasePath);
        }
    }

    [Test]
    public async Task A_backup_never_overwrites_a_file_and_says_why()
    {
        var factory = new PortfolioFactory();
        try
        {
            await factory.ApiClientAsync("officer@portfolio.local");
            Directory.CreateDirectory(Folder);
            var existing = Path.Combine(Folder, "existante.db");
            await File.WriteAllTextAsync(existing, "une sauvegarde précieuse");
            var error = new StringWriter();
            var previous = Console.Error;
            Console.SetError(error);
            int exit;
            try
            {
                exit = await Commands.BackupAsync(["backup", existing, $"--ConnectionStrings:Portfolio=Data Source={factory.DatabasePath}"]);
            }
            finally
            {
                Console.SetError(previous);
            }
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(error.ToString(), Does.Contain("already exists"));
            Assert.That(await File.ReadAllTextAsync(existing), Is.EqualTo("une sauvegarde précieuse"));
            Assert.That(await Commands.BackupAsync(["backup"]), Is.EqualTo(2));
            Assert.That(await Commands.BackupAsync(["backup", Path.Combine(Folder, "b.db"), "--ConnectionStrings:Portfolio=Data Source=" + Path.Combine(Folder, "absente.db")]), Is.EqualTo(1));
        }
        finally
        {
            await factory.DisposeAsync();
            PortfolioFactory.DeleteDatabase(factory.DatabasePath);
        }
    }
}
