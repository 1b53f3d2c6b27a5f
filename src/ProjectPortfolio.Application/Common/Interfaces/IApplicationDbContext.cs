using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Domain.Applications;
using ProjectPortfolio.Domain.Auditing;
using ProjectPortfolio.Domain.BureauSessions;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Documents;
using ProjectPortfolio.Domain.Finance;
using ProjectPortfolio.Domain.Indicators;
using ProjectPortfolio.Domain.Members;
using ProjectPortfolio.Domain.Partners;
using ProjectPortfolio.Domain.Projects;
using ProjectPortfolio.Domain.Reports;

namespace ProjectPortfolio.Application.Common.Interfaces;

/// <summary>What use cases see of the database: the aggregates and the catalogue, queried with LINQ
/// and projected by hand. No generic repository: EF Core already is one.</summary>
public interface IApplicationDbContext
{
    DbSet<Member> Members { get; }
    DbSet<Partner> Partners { get; }
    DbSet<Theme> Themes { get; }
    DbSet<FundingInstrument> FundingInstruments { get; }
    DbSet<Indicator> Indicators { get; }
    DbSet<Programme> Programmes { get; }
    DbSet<ExchangeRate> ExchangeRates { get; }
    DbSet<GrantApplication> GrantApplications { get; }
    DbSet<EligibilityCriterion> EligibilityCriteria { get; }
    DbSet<BureauSession> BureauSessions { get; }
    DbSet<Project> Projects { get; }
    DbSet<IndicatorMeasurement> IndicatorMeasurements { get; }
    DbSet<Attachment> Attachments { get; }
    DbSet<IssuedReport> IssuedReports { get; }

    /// <summary>The audit trail, to read only: a query, not a set, so no use case can add, change or remove an entry
    /// through it (the persistence layer writes them; database triggers refuse updates and deletes), and untracked.</summary>
    IQueryable<AuditEntry> AuditEntries { get; }

    /// <summary>The precomputed results per project and indicator (docs/adr/0017), to read only: the persistence layer
    /// maintains them in every save that changes a measurement or a target.</summary>
    IQueryable<Portfolio.ProjectIndicatorResult> ProjectIndicatorResults { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>Forgets every loaded and pending change, so a use case can start again from what is stored (after a
    /// <see cref="Exceptions.DuplicateKeyException"/> on a key it made itself).</summary>
    void DiscardChanges();

    /// <summary>Keeps one database connection open until the result is disposed, for a use case that sends several
    /// queries in a row: otherwise each query opens a connection from the pool (with its per-connection settings,
    /// docs/operations.md) and closes it again.</summary>
    Task<IAsyncDisposable> KeepConnectionOpenAsync(CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> in one database transaction: all of it is saved or none.</summary>
    Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);
}
