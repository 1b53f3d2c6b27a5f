using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectPortfolio.Infrastructure.Persistence;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>The crash script: the real application in its own process takes a burst of API writes, is killed with
/// SIGKILL in the middle of it, and restarts; the database must pass its integrity check and hold every write that
/// was answered 2xx.</summary>
[NonParallelizable]
public class CrashSafetyTests
{
    private const string Password = "crash-tests-password";
    private string _folder = null!;
    private string _database = null!;

    [SetUp]
    public void Prepare()
    {
        _folder = Path.Combine(Path.GetTempPath(), "portfolio-crash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _database = Path.Combine(_folder, "portfolio.db");
        ProjectPortfolio.Testing.TestDatabases.RequireSqlite("SQLite's file, its WAL and PRAGMA integrity_check after a SIGKILL; PostgreSQL's own crash safety is the server's (WAL, fsync).");
    }

    [TearDown]
    public void Clean()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The application in its own process on this test's SQLite file (WebProcess: start, wait, kill).</summary>
    private Task<WebProcess> StartAsync(string name) => WebProcess.StartAsync(name, new Dictionary<string, string>
    {
        ["ConnectionStrings__Portfolio"] = $"Data Source={_database}",
        ["Demo__Password"] = Password,
        ["Attachments__Path"] = Path.Combine(_folder, "attachments"),
        ["Security__SignIn__PerAddress"] = "10000",
    });

    private static async Task<HttpClient> SignInAsync(Uri address)
    {
        // Generous: a PBKDF2 sign-in on a restarted process of a loaded 2-core CI machine took over 10 s once.
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = "officer@portfolio.local", password = Password });
        login.EnsureSuccessStatusCode();
        var token = (string)JsonNode.Parse(await login.Content.ReadAsStringAsync())!["accessToken"]!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Test]
    public async Task Every_answered_write_survives_a_SIGKILL_in_the_middle_of_a_burst()
    {
        await using var process = await StartAsync("first");
        var acknowledged = new ConcurrentBag<string>();
        using (var client = await SignInAsync(process.Address))
        {
            using var stop = new CancellationTokenSource();
            var next = 0;
            async Task WriteUntilKilledAsync()
            {
                while (!stop.IsCancellationRequested)
                {
                    var code = $"CRASH-{Interlocked.Increment(ref next):D5}";
                    try
                    {
                        var response = await client.PostAsJsonAsync("/api/members", new { code, name = "Ville " + code, kind = "City", country = "SN" }, stop.Token);
                        if (response.IsSuccessStatusCode) acknowledged.Add(code);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                    {
                        return; // the server is gone: this request was never answered, so it promised nothing
                    }
                }
            }

            var writers = Enumerable.Range(0, 8).Select(_ => Task.Run(WriteUntilKilledAsync)).ToList();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged.Count < 60 && DateTime.UtcNow < deadline) await Task.Delay(20);
            Assert.That(acknowledged.Count, Is.GreaterThanOrEqualTo(60), "the burst did not get going" + process.Describe());
            // SIGKILL (Process.Kill on Linux): no shutdown, no checkpoint, writes in flight.
            await process.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        SqliteConnection.ClearAllPools();
        Assert.That(await DatabaseBackup.IntegrityCheckAsync(_database), Is.EqualTo("ok"));

        await using var restarted = await StartAsync("restarted");
        using (var client = await SignInAsync(restarted.Address))
        {
            var stored = new HashSet<string>();
            for (var page = 1; ; page++)
            {
                var json = JsonNode.Parse(await client.GetStringAsync($"/api/members?q=CRASH-&pageSize=100&page={page}"))!;
                var items = json["items"]!.AsArray();
                foreach (var item in items) stored.Add((string)item!["code"]!);
                if (items.Count < 100) break;
            }
            var missing = acknowledged.Where(code => !stored.Contains(code)).ToList();
            Assert.That(missing, Is.Empty, $"{missing.Count} of {acknowledged.Count} acknowledged writes were lost");
            TestContext.Out.WriteLine($"{acknowledged.Count} writes acknowledged before SIGKILL, {stored.Count} stored after restart.");
        }
    }

    [Test]
    public async Task Every_connection_commits_with_synchronous_FULL()
    {
        await using var factory = new PortfolioFactory(_database);
        Assert.That(await PragmasAsync(factory), Is.EqualTo((2L, "wal", (long)SqliteDurabilityInterceptor.BusyTimeoutMilliseconds)),
            "synchronous 2 is FULL; a writer waits for the lock inside SQLite (busy_timeout), not in 150 ms sleeps");
        Assert.That(SqliteDurabilityInterceptor.BusyTimeoutMilliseconds, Is.EqualTo(30_000));
    }

    [Test]
    public async Task Database_SqliteSynchronous_Normal_gives_synchronous_NORMAL_and_keeps_the_busy_timeout()
    {
        await using var factory = new PortfolioFactory(_database) { ConfigureHost = b => b.UseSetting("Database:SqliteSynchronous", "normal") };
        Assert.That(await PragmasAsync(factory), Is.EqualTo((1L, "wal", 30_000L)), "synchronous 1 is NORMAL");
    }

    [Test]
    public void An_unknown_Database_SqliteSynchronous_stops_the_start_with_the_accepted_values()
    {
        using var factory = new PortfolioFactory(_database) { ConfigureHost = b => b.UseSetting("Database:SqliteSynchronous", "OFF") };
        var error = Assert.Catch(() => factory.CreateClient());
        Assert.That(error!.ToString(), Does.Contain("Database:SqliteSynchronous is \"OFF\": use Full or Normal."));
    }

    private static async Task<(long Synchronous, string? JournalMode, long BusyTimeout)> PragmasAsync(PortfolioFactory factory)
    {
        await factory.ApiClientAsync("officer@portfolio.local");
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        async Task<object?> Read(string pragma)
        {
            command.CommandText = $"PRAGMA {pragma};";
            return await command.ExecuteScalarAsync();
        }
        var synchronous = Convert.ToInt64(await Read("synchronous"), System.Globalization.CultureInfo.InvariantCulture);
        var journal = (string?)await Read("journal_mode");
        var busy = Convert.ToInt64(await Read("busy_timeout"), System.Globalization.CultureInfo.InvariantCulture);
        return (synchronous, journal, busy);
    }
}
