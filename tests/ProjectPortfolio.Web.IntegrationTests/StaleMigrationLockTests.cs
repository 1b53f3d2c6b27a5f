using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using ProjectPortfolio.Infrastructure.Seeding;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>A start killed while EF held its SQLite migration lock leaves the lock's row in the file, and EF waits for it
/// forever at every later start: the application must start again all the same (StaleMigrationLock).</summary>
public class StaleMigrationLockTests
{
    [SetUp]
    public void SqliteOnly() =>
        ProjectPortfolio.Testing.TestDatabases.RequireSqlite("EF's lock row on SQLite; PostgreSQL's migration lock is a session advisory lock, released with the session.");

    /// <summary>A database that has been migrated once, its lock row then set as a killed process leaves it.</summary>
    private static async Task<string> DatabaseWithLockTakenAtAsync(Func<string> takenAt)
    {
        var path = Path.Combine(Path.GetTempPath(), "portfolio-lock-" + Guid.NewGuid().ToString("N") + ".db");
        await using (var first = new PortfolioFactory(path)) _ = first.Services;
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, $at);";
        command.Parameters.AddWithValue("$at", takenAt());
        Assert.That(await command.ExecuteNonQueryAsync(), Is.EqualTo(1));
        return path;
    }

    private static long LockRows(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM \"__EFMigrationsLock\";";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Starts a node on the file, on a worker thread with a deadline: a regression fails the test instead of hanging it.</summary>
    private static async Task<(PortfolioFactory Factory, TimeSpan Took)> StartAsync(string path, string? staleAfter = null)
    {
        var factory = new PortfolioFactory(path);
        var configured = staleAfter is null ? factory : factory.WithWebHostBuilder(b => b.UseSetting(StaleMigrationLock.StaleAfterKey, staleAfter));
        var clock = Stopwatch.StartNew();
        var start = Task.Run(() => configured.Services);
        var finished = await Task.WhenAny(start, Task.Delay(TimeSpan.FromSeconds(90)));
        Assert.That(finished, Is.SameAs(start), "the application did not start within 90 s: it is waiting for the migration lock");
        await start;
        using var client = configured.CreateClient();
        Assert.That((await client.GetAsync("/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return (factory, clock.Elapsed);
    }

    [Test]
    public async Task A_lock_left_by_a_killed_start_long_ago_is_removed_and_the_application_starts()
    {
        var path = await DatabaseWithLockTakenAtAsync(() => "2026-01-01 08:00:00.000000+00:00");
        try
        {
            var (factory, _) = await StartAsync(path);
            await factory.DisposeAsync();
            Assert.That(LockRows(path), Is.Zero, "the stale lock row is gone, and the migration's own lock was released");
        }
        finally
        {
            PortfolioFactory.DeleteDatabase(path);
        }
    }

    [Test]
    public async Task A_recent_lock_is_waited_for_until_it_is_stale()
    {
        // Taken "now" by another process that may still be migrating: not removed at once, but after the stale delay.
        var path = await DatabaseWithLockTakenAtAsync(() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.ffffffzzz", System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            var (factory, took) = await StartAsync(path, staleAfter: "00:00:06");
            await factory.DisposeAsync();
            Assert.That(took, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(3)), "the start waited for the lock instead of removing it at once");
            Assert.That(LockRows(path), Is.Zero);
        }
        finally
        {
            PortfolioFactory.DeleteDatabase(path);
        }
    }

    [Test]
    public async Task A_lock_with_an_unreadable_time_does_not_make_the_wait_endless()
    {
        var path = await DatabaseWithLockTakenAtAsync(() => "not a time");
        try
        {
            var (factory, took) = await StartAsync(path, staleAfter: "00:00:02");
            await factory.DisposeAsync();
            Assert.That(took, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1.5)));
            Assert.That(LockRows(path), Is.Zero);
        }
        finally
        {
            PortfolioFactory.DeleteDatabase(path);
        }
    }
}
