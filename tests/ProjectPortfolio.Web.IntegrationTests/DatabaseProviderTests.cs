using Microsoft.Extensions.Configuration;
using ProjectPortfolio.Infrastructure;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>Database:Provider: what is accepted, and what the SQLite-only backup command says under PostgreSQL.</summary>
public class DatabaseProviderTests
{
    private static IConfiguration Settings(string? provider) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = provider }).Build();

    [TestCase(null, DatabaseProvider.Sqlite)]
    [TestCase("", DatabaseProvider.Sqlite)]
    [TestCase("Sqlite", DatabaseProvider.Sqlite)]
    [TestCase("PostgreSql", DatabaseProvider.PostgreSql)]
    [TestCase(" postgresql ", DatabaseProvider.PostgreSql)]
    public void The_provider_is_read_from_configuration(string? value, DatabaseProvider expected) =>
        Assert.That(DependencyInjection.ProviderOf(Settings(value)), Is.EqualTo(expected));

    [TestCase("Postgres")]
    [TestCase("SqlServer")]
    [TestCase("1")]
    [TestCase("../etc")]
    public void An_unknown_provider_stops_with_the_accepted_values(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DependencyInjection.ProviderOf(Settings(value)));
        Assert.That(error!.Message, Does.Contain("Sqlite or PostgreSql"));
    }

    [Test]
    public async Task The_backup_command_under_PostgreSql_points_to_pg_dump_and_writes_nothing()
    {
        var target = Path.Combine(Path.GetTempPath(), "portfolio-pg-backup-" + Guid.NewGuid().ToString("N") + ".db");
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        int exit;
        try
        {
            exit = await Commands.BackupAsync(["backup", target, "--Database:Provider=PostgreSql", "--ConnectionStrings:Portfolio=Host=unused;Database=portfolio"]);
        }
        finally
        {
            Console.SetError(previous);
        }
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error.ToString(), Does.Contain("pg_dump"));
        Assert.That(File.Exists(target), Is.False);
    }
}
