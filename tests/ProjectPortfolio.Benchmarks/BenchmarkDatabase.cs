using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using ProjectPortfolio.Application;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Infrastructure;
using ProjectPortfolio.Infrastructure.Persistence;
using ProjectPortfolio.Infrastructure.Seeding;

namespace ProjectPortfolio.Benchmarks;

/// <summary>The generated databases the benchmarks read (d1, d10), made on first use into a cache path
/// (/tmp/portfolio-bench-&lt;size&gt;.db, or BENCH_DB_FOLDER) and reused afterwards: d10 takes minutes to make.</summary>
internal static class BenchmarkDatabase
{
    public static string PathOf(string size) =>
        Path.Combine(Environment.GetEnvironmentVariable("BENCH_DB_FOLDER") ?? "/tmp", $"portfolio-bench-{size}.db");

    public static async Task<string> EnsureAsync(string size)
    {
        var path = PathOf(size);
        if (File.Exists(path))
        {
            // A database cached by an older build gets the migrations added since (an index, say), as the
            // application's start would give it: the benchmark then measures the current schema.
            await using var provider = BuildProvider(path);
            using var scope = provider.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            if (pending.Count > 0)
            {
                Console.WriteLine($"Applying {string.Join(", ", pending)} to {path}...");
                await db.Database.MigrateAsync();
            }
            return path;
        }
        var scale = PortfolioGenerator.ScaleOf(size) ?? throw new ArgumentException($"Unknown size '{size}' (d1, d10).");
        Console.WriteLine($"Generating {size} into {path} (first use)...");
        var building = path + ".building";
        File.Delete(building);
        await using (var provider = BuildProvider(building))
        {
            using (var scope = provider.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
                await db.Database.MigrateAsync();
                await ReferenceData.EnsureAsync(db, CancellationToken.None);
            }
            await new PortfolioGenerator(provider.GetRequiredService<IServiceScopeFactory>()).GenerateAsync(scale, Console.WriteLine);
        }
        SqliteConnection.ClearAllPools();
        // Only a complete database takes the cache name: an interrupted generation starts again next time.
        File.Move(building, path);
        return path;
    }

    /// <summary>Moves every commit of the -wal file into the main database file and empties the -wal, so that the file
    /// can be copied alone.</summary>
    public static void Checkpoint(string path)
    {
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
    }

    /// <summary>The application's services (MediatR pipeline, EF, validators) over <paramref name="databasePath"/>,
    /// as <paramref name="user"/>, by default an administrator, who sees the whole portfolio; <paramref name="configure"/> may
    /// change the services (excel-profile times the workbook writer).</summary>
    public static ServiceProvider BuildProvider(string databasePath, ICurrentUser? user = null, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portfolio"] = $"Data Source={databasePath}",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new BenchEnvironment(Path.GetDirectoryName(databasePath)!));
        services.AddApplication();
        services.AddInfrastructure(configuration);
        services.AddSingleton<ICurrentUser>(user ?? new Administrator());
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    private sealed class Administrator : ICurrentUser
    {
        public string? Id => "benchmark";
        public string? Email => "benchmark@portfolio.local";
        public bool IsInRole(string role) => role == ProjectPortfolio.Application.Common.Security.Roles.Administrator;
        public Guid? PartnerId => null;
        public Guid? MemberId => null;
    }

    private sealed class BenchEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";
        public string ApplicationName { get; set; } = "ProjectPortfolio.Benchmarks";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
