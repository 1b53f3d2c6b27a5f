using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Attachments;
using ProjectPortfolio.Application.Import;
using ProjectPortfolio.Application.Measurements.Import;
using ProjectPortfolio.Application.Reports;
using ProjectPortfolio.Application.Reports.Archive;
using ProjectPortfolio.Infrastructure.Documents;
using ProjectPortfolio.Infrastructure.Identity;
using ProjectPortfolio.Infrastructure.Persistence;
using ProjectPortfolio.Infrastructure.Reports;
using ProjectPortfolio.Infrastructure.Reports.Pdf;
using ProjectPortfolio.Infrastructure.Seeding;
using ProjectPortfolio.Infrastructure.Spreadsheets;

namespace ProjectPortfolio.Infrastructure;

public static class DependencyInjection
{
    /// <summary>PBKDF2 iterations for password hashes.</summary>
    public const int PasswordIterations = 210_000;

    private static readonly SqliteDurabilityInterceptor Durability = new(SqliteSynchronous.Full);
    private static readonly SqliteDurabilityInterceptor FasterCommits = new(SqliteSynchronous.Normal);
    private static readonly SqlitePageCacheInterceptor PageCache = new();

    public const string ConnectionStringName = "Portfolio";

    /// <summary>The data-protection application name: the same on every node, so that they all read one key ring and
    /// accept each other's cookies, bearer tokens and antiforgery tokens (docs/adr/0016). Without it the framework
    /// uses the content root path, which differs between machines. Changing it invalidates every cookie and token.</summary>
    public const string DataProtectionApplicationName = "ProjectPortfolio";
    public const string DefaultConnectionString = "Data Source=data/portfolio.db";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<AuditingInterceptor>();
        services.AddSingleton<SecurityAuditLog>();
        // The context's own type decides which migrations apply (docs/adr/0015): registered before AddDbContext, whose
        // TryAdd then leaves it in place, so that everything asking for ApplicationDbContext gets the right one.
        services.AddScoped<ApplicationDbContext>(provider =>
        {
            var options = provider.GetRequiredService<DbContextOptions<ApplicationDbContext>>();
            return ProviderOf(provider.GetRequiredService<IConfiguration>()) == DatabaseProvider.PostgreSql
                ? new PostgreSqlApplicationDbContext(options)
                : new ApplicationDbContext(options);
        });
        services.AddDbContext<ApplicationDbContext>((provider, options) =>
        {
            // Read when the first context is made, so that configuration added late (tests, command line) applies.
            var settings = provider.GetRequiredService<IConfiguration>();
            var configured = settings.GetConnectionString(ConnectionStringName);
            if (ProviderOf(settings) == DatabaseProvider.PostgreSql)
            {
                if (string.IsNullOrWhiteSpace(configured))
                    throw new InvalidOperationException($"Database:Provider is PostgreSql: set ConnectionStrings:{ConnectionStringName} (e.g. \"Host=db;Database=portfolio;Username=portfolio;Password=...\").");
                options.UseNpgsql(configured, npgsql => npgsql.MigrationsAssembly(typeof(ApplicationDbContext).Assembly.FullName));
                options.AddInterceptors(provider.GetRequiredService<AuditingInterceptor>());
            }
            else
            {
                var connectionString = ResolveSqlitePath(configured ?? DefaultConnectionString,
                    provider.GetRequiredService<IHostEnvironment>().ContentRootPath);
                options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(ApplicationDbContext).Assembly.FullName));
                options.AddInterceptors(provider.GetRequiredService<AuditingInterceptor>(),
                    SynchronousOf(settings) == SqliteSynchronous.Normal ? FasterCommits : Durability, PageCache);
            }
            // The migrations are written by hand (the EF Design package is not available), so there is no model
            // snapshot to compare with; MigrationsMatchModelTests compares the migrated schema with the model instead.
            options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });
        services.AddScoped<IApplicationDbContext>(provider => provider.GetRequiredService<ApplicationDbContext>());
        services.AddScoped<PortfolioImporter>();
        services.Configure<AttachmentOptions>(configuration.GetSection(AttachmentOptions.Section));
        // A reporting organisation without an identifier would give every IATI activity a broken identifier:
        // the host refuses to start rather than publish that.
        services.AddOptions<ProjectPortfolio.Application.Iati.IatiOptions>().Bind(configuration.GetSection(ProjectPortfolio.Application.Iati.IatiOptions.Section))
            .Validate(ProjectPortfolio.Application.Iati.IatiOptions.IsUsable,
                "Iati:ReportingOrgRef (no spaces), Iati:ReportingOrgName and Iati:ReportingOrgType (a 2-digit IATI OrganisationType code) must be set.")
            .ValidateOnStart();
        services.Configure<ProjectPortfolio.Application.BureauSessions.SessionOptions>(configuration.GetSection(ProjectPortfolio.Application.BureauSessions.SessionOptions.Section));
        services.AddSingleton<IAttachmentStore, FileSystemAttachmentStore>();
        services.Configure<IssuedReportOptions>(configuration.GetSection(IssuedReportOptions.Section));
        services.AddSingleton<IIssuedReportStore, FileSystemIssuedReportStore>();
        services.AddScoped<StaleMigrationLock>();
        services.AddScoped<DatabaseInitialiser>();
        services.AddHostedService<DatabaseInitialiserHostedService>();
        // The key ring lives in the application's database (table DataProtectionKeys), not in the node's file system:
        // every node on the database shares it (docs/adr/0016). The initialiser migrates in the host's "starting"
        // phase, before data protection loads the ring at start.
        services.AddDataProtection()
            .SetApplicationName(DataProtectionApplicationName)
            .PersistKeysToDbContext<ApplicationDbContext>();
        services.AddScoped<SignInAttempts>();
        services.Configure<DemoOptions>(configuration.GetSection(DemoOptions.Section));

        // PDF reports: PDFsharp's licence and fonts are set once, here; the probe makes a PDF at startup and stops
        // the host with a clear message if it cannot.
        PdfSharpSetup.EnsureInitialised();
        services.Configure<ReportOptions>(configuration.GetSection(ReportOptions.Section));
        services.AddSingleton<IPdfDocumentBuilder, PdfDocumentBuilder>();
        services.AddHostedService<PdfEngineProbe>();

        // OWASP's figure for PBKDF2-HMAC-SHA512 (ASVS 5.0 V11): ASP.NET Core's default is 100,000. Existing hashes are
        // re-hashed with the new count at their next successful sign-in (PasswordVerificationResult.SuccessRehashNeeded).
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = PasswordIterations);

        // Excel workbooks (measurement import): the Open XML SDK stays behind the Application interface.
        services.AddSingleton<ISpreadsheet, OpenXmlSpreadsheet>();
        // Report workbooks (portfolio .xlsx): streamed part by part, without the SDK (docs/adr/0010).
        services.AddSingleton<IWorkbookWriter, StreamingWorkbookWriter>();

        services.AddScoped<ProjectPortfolio.Application.Users.IUserAccounts, UserAccounts>();
        services.AddIdentityCore<ApplicationUser>(options =>
            {
                // Length over composition (NIST SP 800-63B): 12 characters, no forced digits or symbols.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ApplicationDbContext>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<PortfolioClaimsFactory>()
            .AddDefaultTokenProviders();

        return services;
    }

    public const string ProviderKey = "Database:Provider";

    /// <summary><c>Database:Provider</c>: Sqlite (the default, one machine) or PostgreSql (several nodes). Anything else
    /// stops the host with the accepted values rather than silently falling back to SQLite.</summary>
    public static DatabaseProvider ProviderOf(IConfiguration configuration)
    {
        var value = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(value)) return DatabaseProvider.Sqlite;
        // By name only: Enum.TryParse would also take "1" for PostgreSql.
        var name = Enum.GetNames<DatabaseProvider>().FirstOrDefault(n => n.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is not null
            ? Enum.Parse<DatabaseProvider>(name)
            : throw new InvalidOperationException($"{ProviderKey} is \"{value}\": use Sqlite or PostgreSql.");
    }

    public const string SynchronousKey = "Database:SqliteSynchronous";

    /// <summary><c>Database:SqliteSynchronous</c>: Full (the default: a confirmed write survives a power cut) or Normal
    /// (faster commits; the last ones may be lost on a power cut, not on a crash of the process). Anything else stops
    /// the host (docs/adr/0018).</summary>
    public static SqliteSynchronous SynchronousOf(IConfiguration configuration)
    {
        var value = configuration[SynchronousKey];
        if (string.IsNullOrWhiteSpace(value)) return SqliteSynchronous.Full;
        var name = Enum.GetNames<SqliteSynchronous>().FirstOrDefault(n => n.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is not null
            ? Enum.Parse<SqliteSynchronous>(name)
            : throw new InvalidOperationException($"{SynchronousKey} is \"{value}\": use Full or Normal.");
    }

    /// <summary>A relative SQLite file is placed under the content root, and its folder is created, so that
    /// "dotnet run" works from any directory and a fresh clone needs no setup.</summary>
    public static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } source && source != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.IsPathRooted(source) ? source : Path.GetFullPath(Path.Combine(contentRoot, source));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }
        return builder.ToString();
    }
}

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
