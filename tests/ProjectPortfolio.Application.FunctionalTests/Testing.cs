using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using ProjectPortfolio.Application;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Import;
using ProjectPortfolio.Infrastructure;
using ProjectPortfolio.Infrastructure.Persistence;
using ProjectPortfolio.Infrastructure.Seeding;
using ProjectPortfolio.Testing;

namespace ProjectPortfolio.Application.FunctionalTests;

/// <summary>Builds the application's real services on a real SQLite file. Each test starts from a copy of a
/// template database that was migrated and seeded once, which resets state in milliseconds.
/// With PORTFOLIO_TEST_PROVIDER=PostgreSql (tests/Shared/TestDatabases.cs) the same on a PostgreSQL server: the
/// template is a migrated database, and each test gets "CREATE DATABASE ... TEMPLATE" of it, dropped afterwards.</summary>
[SetUpFixture]
public class Testing
{
    private static string _folder = null!;
    private static string _template = null!;

    public static string RepositoryRoot { get; } = FindRoot();

    [OneTimeSetUp]
    public async Task CreateTemplateDatabase()
    {
        _folder = Path.Combine(Path.GetTempPath(), "portfolio-functional-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _template = TestDatabases.UsePostgreSql ? TestDatabases.NameFor(Guid.NewGuid().ToString("N")) : Path.Combine(_folder, "template.db");
        await using var provider = BuildProvider(_template, new TestUser());
        using var scope = provider.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        await db.Database.MigrateAsync();
        await ReferenceData.EnsureAsync(db, CancellationToken.None);
        SqliteConnection.ClearAllPools();
    }

    [OneTimeTearDown]
    public void RemoveFiles()
    {
        SqliteConnection.ClearAllPools();
        if (TestDatabases.UsePostgreSql) TestDatabases.Drop(_template);
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>A fresh database (migrated, with the reference catalogue) and the services over it. On PostgreSQL,
    /// <paramref name="path"/> is the database's name.</summary>
    public static ServiceProvider NewDatabase(TestUser user, out string path)
    {
        if (TestDatabases.UsePostgreSql)
        {
            path = TestDatabases.NameFor(Guid.NewGuid().ToString("N"));
            TestDatabases.CreateAsync(path, _template).GetAwaiter().GetResult();
            return BuildProvider(path, user);
        }
        path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db");
        File.Copy(_template, path);
        return BuildProvider(path, user);
    }

    /// <summary>Drops a database <see cref="NewDatabase"/> made (SQLite files go with the folder at the end).</summary>
    public static void DropDatabase(string path)
    {
        if (TestDatabases.UsePostgreSql) TestDatabases.Drop(path);
    }

    public static ServiceProvider BuildProvider(string databasePath, TestUser user)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portfolio"] = TestDatabases.UsePostgreSql ? TestDatabases.ConnectionString(databasePath) : $"Data Source={databasePath};Pooling=False",
            ["Database:Provider"] = TestDatabases.UsePostgreSql ? "PostgreSql" : "Sqlite",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new TestEnvironment(TestDatabases.UsePostgreSql ? _folder : Path.GetDirectoryName(databasePath)!));
        services.AddApplication();
        services.AddInfrastructure(configuration);
        services.AddSingleton<ICurrentUser>(user);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProjectPortfolio.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    private sealed class TestEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "ProjectPortfolio.Tests";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

/// <summary>The user the tests act as; change it between requests to act as someone else.</summary>
public sealed class TestUser : ICurrentUser
{
    private readonly HashSet<string> _roles = [];
    public string? Id { get; private set; }
    public string? Email { get; private set; }
    public Guid? PartnerId { get; private set; }
    public Guid? MemberId { get; private set; }
    public bool IsInRole(string role) => _roles.Contains(role);

    public void SignInAs(string email, string role, Guid? partnerId = null, Guid? memberId = null)
    {
        Id = email;
        Email = email;
        _roles.Clear();
        _roles.Add(role);
        PartnerId = partnerId;
        MemberId = memberId;
    }

    public void SignOut()
    {
        Id = Email = null;
        _roles.Clear();
        PartnerId = MemberId = null;
    }
}

/// <summary>Base of the functional tests: a fresh database per test, requests sent through the real mediator
/// pipeline (logging, authorisation, validation) as a signed-in programme officer unless a test says otherwise.</summary>
public abstract class FunctionalTest
{
    private ServiceProvider _provider = null!;
    protected TestUser User { get; } = new();
    /// <summary>The SQLite file, or on PostgreSQL the database's name.</summary>
    protected string DatabasePath { get; private set; } = null!;

    [SetUp]
    public void NewDatabase()
    {
        User.SignInAs("officer@portfolio.local", "ProgrammeOfficer");
        _provider = Testing.NewDatabase(User, out var path);
        DatabasePath = path;
    }

    [TearDown]
    public async Task DisposeProvider()
    {
        await _provider.DisposeAsync();
        Testing.DropDatabase(DatabasePath);
    }

    /// <summary>The test's services, for a test about the infrastructure itself (the data-protection key ring).</summary>
    protected IServiceProvider Services => _provider;

    protected async Task<T> SendAsync<T>(IRequest<T> request)
    {
        using var scope = _provider.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>Reads the database through a context of its own, as a later request would.</summary>
    protected async Task<T> QueryAsync<T>(Func<ApplicationDbContext, Task<T>> query)
    {
        using var scope = _provider.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>());
    }

    protected async Task<ImportResult> ImportAsync(Stream json)
    {
        using var scope = _provider.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortfolioImporter>().ImportAsync(json, CancellationToken.None);
    }

    /// <summary>Runs the benchmark generator ("generate tiny") on this test's database.</summary>
    protected Task<GeneratedPortfolio> GenerateAsync(string size) =>
        new PortfolioGenerator(_provider.GetRequiredService<IServiceScopeFactory>()).GenerateAsync(PortfolioGenerator.ScaleOf(size)!.Value, _ => { });

    protected Task<ImportResult> ImportSampleAsync() =>
        ImportAsync(File.OpenRead(Path.Combine(Testing.RepositoryRoot, "samples", "portfolio.json")));
}
