using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Portfolio;
using ProjectPortfolio.Domain.Applications;
using ProjectPortfolio.Domain.Auditing;
using ProjectPortfolio.Domain.BureauSessions;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Documents;
using ProjectPortfolio.Domain.Finance;
using ProjectPortfolio.Domain.Indicators;
using ProjectPortfolio.Domain.Members;
using ProjectPortfolio.Domain.Partners;
using ProjectPortfolio.Domain.Projects;
using ProjectPortfolio.Domain.Reports;
using ProjectPortfolio.Infrastructure.Identity;

namespace ProjectPortfolio.Infrastructure.Persistence;

/// <remarks>Also the store of what the nodes of one installation share (docs/adr/0016): the data-protection key
/// ring (<see cref="IDataProtectionKeyContext"/>) and the sign-in counters.</remarks>
public class ApplicationDbContext : IdentityDbContext<ApplicationUser>, IApplicationDbContext, IDataProtectionKeyContext
{
    public ApplicationDbContext(DbContextOptions<ApplicationDbContext> options) : base(options) { }

    /// <summary>For <see cref="PostgreSqlApplicationDbContext"/>, whose own type selects its own set of migrations.</summary>
    protected ApplicationDbContext(DbContextOptions options) : base(options) { }

    public DbSet<Member> Members => Set<Member>();
    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<Theme> Themes => Set<Theme>();
    public DbSet<FundingInstrument> FundingInstruments => Set<FundingInstrument>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<ExchangeRate> ExchangeRates => Set<ExchangeRate>();
    public DbSet<GrantApplication> GrantApplications => Set<GrantApplication>();
    public DbSet<EligibilityCriterion> EligibilityCriteria => Set<EligibilityCriterion>();
    public DbSet<BureauSession> BureauSessions => Set<BureauSession>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<IndicatorMeasurement> IndicatorMeasurements => Set<IndicatorMeasurement>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<IssuedReport> IssuedReports => Set<IssuedReport>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    IQueryable<AuditEntry> IApplicationDbContext.AuditEntries => AuditEntries.AsNoTracking();
    public DbSet<ProjectIndicatorResult> ProjectIndicatorResults => Set<ProjectIndicatorResult>();
    IQueryable<ProjectIndicatorResult> IApplicationDbContext.ProjectIndicatorResults => ProjectIndicatorResults.AsNoTracking();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<SignInCounter> SignInCounters => Set<SignInCounter>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ApplicationDbContext).Assembly);

        // Ids are made by the application (Guid v7), never by the database. Saying so matters: a child added to an
        // aggregate that is already tracked (an agenda item, a milestone) is then inserted, not taken for an
        // existing row because its key is already set.
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            var key = entity.FindPrimaryKey();
            if (key is { Properties: [{ Name: "Id", ClrType: var type }] } && type == typeof(Guid))
                builder.Entity(entity.ClrType).Property("Id").ValueGeneratedNever();
        }

        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(AggregateRoot).IsAssignableFrom(e.ClrType)))
        {
            builder.Entity(entity.ClrType).Property(nameof(AggregateRoot.Version)).IsConcurrencyToken();
            builder.Entity(entity.ClrType).Property(nameof(AggregateRoot.CreatedBy)).HasMaxLength(256);
            builder.Entity(entity.ClrType).Property(nameof(AggregateRoot.ModifiedBy)).HasMaxLength(256);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enumerations are stored by name: readable in the database and in exports, and safe when members are reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    /// <summary>Saves in one transaction, and says what went wrong in the application's terms: a stale version
    /// (someone saved the same aggregate between this request's read and its write) is a <see cref="ConflictException"/>
    /// naming the record and its current version; a key a unique index already holds is a <see cref="DuplicateKeyException"/>.
    /// Either way the transaction was rolled back: nothing of this save is stored.</summary>
    /// <remarks>A save that adds, changes or removes measurements or targets also recomputes the precomputed results of
    /// their projects (<see cref="ProjectIndicatorResult"/>, docs/adr/0017), after writing them and in the same
    /// transaction: the results commit with the change or not at all. The changes are accepted only after the commit,
    /// so that a failed recomputation leaves the tracked entities as they were, as a failed save does.</remarks>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            var touched = IndicatorResultsMaintenance.TouchedProjects(ChangeTracker);
            if (touched.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (Database.CurrentTransaction is not null)
            {
                var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
                await IndicatorResultsMaintenance.RecomputeAsync(this, touched, cancellationToken);
                if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
                return saved;
            }
            var strategy = Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(async ct =>
            {
                await using var transaction = await Database.BeginTransactionAsync(ct);
                var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
                await IndicatorResultsMaintenance.RecomputeAsync(this, touched, ct);
                await transaction.CommitAsync(ct);
                if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
                return saved;
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw await StaleAsync(ex, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is not DuplicateKeyException && IsUniqueViolation(ex))
        {
            throw new DuplicateKeyException("A record with the same key was saved meanwhile.", ex);
        }
    }

    /// <summary>The synchronous save goes through the asynchronous one, so that it too maintains the precomputed
    /// results (nothing in the application saves synchronously; this is for tools and the framework).</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess, CancellationToken.None).GetAwaiter().GetResult();

    public void DiscardChanges() => ChangeTracker.Clear();

    public async Task<IAsyncDisposable> KeepConnectionOpenAsync(CancellationToken cancellationToken)
    {
        // A connection opened here stays open across queries (EF closes only the connections it opened itself), until
        // the matching close; nested calls are counted by EF.
        await Database.OpenConnectionAsync(cancellationToken);
        return new OpenConnection(Database);
    }

    private sealed class OpenConnection(Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await database.CloseConnectionAsync();
    }

    private static async Task<ConflictException> StaleAsync(DbUpdateConcurrencyException ex, CancellationToken ct)
    {
        // The row whose version no longer matched: an aggregate (children bump their aggregate's version).
        var entry = ex.Entries.FirstOrDefault(e => e.Entity is AggregateRoot);
        if (entry is null) return new ConflictException("The record was changed by someone else since you opened it.", ex);
        var stored = await entry.GetDatabaseValuesAsync(ct);
        var root = (AggregateRoot)entry.Entity;
        return new ConflictException(entry.Metadata.ClrType.Name, root.Id, stored?.GetValue<int>(nameof(AggregateRoot.Version)), ex);
    }

    /// <summary>SQLite's SQLITE_CONSTRAINT_UNIQUE (and _PRIMARYKEY), PostgreSQL's unique_violation.</summary>
    internal static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    public async Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (Database.CurrentTransaction is not null) return await work(cancellationToken);
        var strategy = Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await Database.BeginTransactionAsync(ct);
            var result = await work(ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
    }
}
