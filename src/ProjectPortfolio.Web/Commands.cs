using ProjectPortfolio.Application.Import;
using ProjectPortfolio.Infrastructure.Persistence;
using ProjectPortfolio.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace ProjectPortfolio.Web;

/// <summary>Command-line operations run with the application's own configuration and services.</summary>
public static class Commands
{
    public static async Task<int> ImportAsync(string[] args)
    {
        if (args.Length < 2)
        {
            await Console.Error.WriteLineAsync("Usage: dotnet run --project src/ProjectPortfolio.Web -- import <file.json>");
            return 2;
        }
        var path = ResolveInputPath(args[1]);
        if (path is null)
        {
            await Console.Error.WriteLineAsync($"File not found: {args[1]} (looked in {Directory.GetCurrentDirectory()} and its parent folders)");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(args[2..]);
        WebApp.ConfigureServices(builder);
        // The import is the only writer here: no sample portfolio, no demo accounts.
        builder.Configuration["Demo:LoadSamplePortfolio"] = "false";
        builder.Configuration["Demo:CreateAccounts"] = "false";
        await using var app = builder.Build();
        using var scope = app.Services.CreateScope();
        // The host is not started (no web server), so the schema is brought up to date here.
        await scope.ServiceProvider.GetRequiredService<DatabaseInitialiser>().InitialiseAsync();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        Console.WriteLine($"Database: {db.Database.GetDbConnection().DataSource}");

        await using var file = File.OpenRead(path);
        var result = await scope.ServiceProvider.GetRequiredService<PortfolioImporter>().ImportAsync(file, CancellationToken.None);
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync($"Nothing was imported: {result.Errors.Count} error(s) in {path}");
            foreach (var error in result.Errors) await Console.Error.WriteLineAsync("  " + error);
            return 1;
        }
        Console.WriteLine($"Imported {path}: {result.Members} members, {result.Partners} partners, {result.Programmes} programmes, " +
                          $"{result.Projects} projects, {result.Measurements} measurements, {result.Sessions} Bureau sessions, {result.Applications} applications.");
        return 0;
    }

    /// <summary>"generate &lt;d1|d10&gt;": a synthetic portfolio in an empty database, for benchmarks.</summary>
    public static async Task<int> GenerateAsync(string[] args)
    {
        var scale = args.Length < 2 ? null : PortfolioGenerator.ScaleOf(args[1]);
        if (scale is null)
        {
            await Console.Error.WriteLineAsync("Usage: dotnet run --project src/ProjectPortfolio.Web -- generate <d1|d10> [--ConnectionStrings:Portfolio=\"Data Source=new.db\"]");
            return 2;
        }
        var builder = WebApplication.CreateBuilder(args[2..]);
        WebApp.ConfigureServices(builder);
        // The generator is the only writer: no sample portfolio, no demo accounts mixed into the figures.
        builder.Configuration["Demo:LoadSamplePortfolio"] = "false";
        builder.Configuration["Demo:CreateAccounts"] = "false";
        await using var app = builder.Build();
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitialiser>().InitialiseAsync();
            Console.WriteLine($"Database: {scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Database.GetDbConnection().DataSource}");
        }
        try
        {
            var generator = new PortfolioGenerator(app.Services.GetRequiredService<IServiceScopeFactory>());
            var result = await generator.GenerateAsync(scale.Value, Console.WriteLine);
            Console.WriteLine($"Generated {args[1]} in {result.Elapsed.TotalSeconds:F1} s: {result.Members:N0} members in {result.Countries} countries, " +
                              $"{result.Partners:N0} partners, {result.Projects:N0} projects, {result.Milestones:N0} milestones, {result.Tranches:N0} tranches, " +
                              $"{result.CoFinancing:N0} co-financing lines, {result.Measurements:N0} measurements, {result.Sessions:N0} Bureau sessions, " +
                              $"{result.Applications:N0} applications, {result.Decisions:N0} decisions.");
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync("Nothing was generated: " + ex.Message);
            return 1;
        }
    }

    /// <summary>"backup &lt;file&gt;": an online copy of the configured database, safe while the application runs.</summary>
    public static async Task<int> BackupAsync(string[] args)
    {
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("Usage: dotnet run --project src/ProjectPortfolio.Web -- backup <new-file.db>");
            return 2;
        }
        var builder = WebApplication.CreateBuilder(args[2..]);
        if (ProjectPortfolio.Infrastructure.DependencyInjection.ProviderOf(builder.Configuration) == ProjectPortfolio.Infrastructure.DatabaseProvider.PostgreSql)
        {
            // SQLite's backup API has no PostgreSQL counterpart here: the server's own tool makes a consistent dump online.
            await Console.Error.WriteLineAsync("No backup was made: Database:Provider is PostgreSql. Use pg_dump (pg_dump -Fc -f portfolio.dump <database>), see docs/operations.md \"PostgreSQL\".");
            return 1;
        }
        var connectionString = builder.Configuration.GetConnectionString(ProjectPortfolio.Infrastructure.DependencyInjection.ConnectionStringName)
                               ?? ProjectPortfolio.Infrastructure.DependencyInjection.DefaultConnectionString;
        connectionString = ProjectPortfolio.Infrastructure.DependencyInjection.ResolveSqlitePath(connectionString, builder.Environment.ContentRootPath);
        try
        {
            var result = await DatabaseBackup.BackupAsync(connectionString, args[1]);
            Console.WriteLine($"Backed up to {result.Destination} ({result.Bytes:N0} bytes, integrity check: {result.IntegrityCheck}).");
            Console.WriteLine("Attachments are files: copy the Attachments:Path folder as well (see docs/operations.md).");
            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            await Console.Error.WriteLineAsync("No backup was made: " + ex.Message);
            return 1;
        }
    }

    /// <summary>"dotnet run --project" runs the program from the project's folder, so a path typed relative to the
    /// repository root (samples/portfolio.json) is looked for in the working folder and then in its parents.</summary>
    private static string? ResolveInputPath(string argument)
    {
        if (Path.IsPathRooted(argument)) return File.Exists(argument) ? argument : null;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, argument);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
