using System.Text.Json.Serialization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Application.Portfolio;

public sealed record PortfolioSummary(ProjectCounts Projects, FinanceTotals Finance, IReadOnlyList<IndicatorFigure> Indicators);

/// <summary><paramref name="ByStatus"/> names every status, with zero when no project has it, so that clients
/// read a stable shape.</summary>
public sealed record ProjectCounts(int Total, IReadOnlyDictionary<string, int> ByStatus);

/// <summary>Amounts in euros (major units, rounded to the cent).</summary>
public sealed record FinanceTotals(decimal AwardedEur, decimal DisbursedEur, decimal CoFinancingEur)
{
    /// <summary>Currencies that have amounts in scope but no exchange rate at all: their amounts are left out of
    /// the totals above. Absent (null) when everything was converted.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? MissingRates { get; init; }
}

/// <summary>One indicator's result over the scope: <paramref name="Total"/> achieved against
/// <paramref name="Target"/>, and the total per country (ISO code).</summary>
public sealed record IndicatorFigure(string Code, string NameFr, string NameEn, IndicatorUnit Unit, double Total, double Target,
    IReadOnlyDictionary<string, double> ByCountry);

/// <summary>The portfolio's figures for donors' reports ("since 2020 in Rwanda: 15 health facilities..."):
/// project counts, money in euros and indicator results, over the projects the user may see. See
/// <see cref="PortfolioFigures"/> for what counts.</summary>
[Authorize]
public sealed record GetPortfolioSummaryQuery(
    string? Country = null, string? Theme = null, string? Instrument = null, string? Partner = null, string? Programme = null,
    DateOnly? From = null, DateOnly? To = null) : IRequest<PortfolioSummary>, IPortfolioFilter;

public class GetPortfolioSummaryValidator(IApplicationDbContext db) : PortfolioFilterValidator<GetPortfolioSummaryQuery>(db);

public class GetPortfolioSummaryHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<GetPortfolioSummaryQuery, PortfolioSummary>
{
    public async Task<PortfolioSummary> Handle(GetPortfolioSummaryQuery request, CancellationToken cancellationToken)
    {
        // Nine queries in a row on one connection, rather than a connection taken from the pool, set up and given back for
        // each (about 1.5 ms per summary on d1, docs/performance.md).
        await using var connection = await db.KeepConnectionOpenAsync(cancellationToken);
        var figures = new PortfolioFigures(db, user, request);

        var byStatus = await figures.Projects.GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var projects = new ProjectCounts(byStatus.Sum(s => s.Count),
            Enum.GetValues<ProjectStatus>().ToDictionary(s => s.ToString(), s => byStatus.SingleOrDefault(b => b.Key == s)?.Count ?? 0));

        var finance = await figures.FinanceAsync(cancellationToken);

        // Without a period (the dashboard's default) the figures come from the results precomputed per project and
        // indicator, kept right by every save (docs/adr/0017); a period filters values by their reporting period, which
        // those rows no longer know, so it is counted from the measurements.
        IReadOnlyList<CountryTotal> incremental;
        IReadOnlyDictionary<Guid, double> incrementalTargets;
        IReadOnlyList<CountryTotal> cumulative;
        IReadOnlyDictionary<Guid, double> cumulativeTargets;
        if (request.From is null && request.To is null)
        {
            (incremental, incrementalTargets, cumulative, cumulativeTargets) = await figures.PrecomputedAsync(cancellationToken);
        }
        else
        {
            incremental = await figures.IncrementalByCountryAsync(cancellationToken);
            incrementalTargets = await figures.IncrementalTargetsAsync(cancellationToken);
            cumulative = (await figures.CumulativeByLineageAsync(null, cancellationToken))
                .Select(l => new CountryTotal(l.IndicatorId, l.Country, l.Value)).ToList();
            cumulativeTargets = (await figures.CumulativeTargetsAsync(null, cancellationToken))
                .GroupBy(t => t.IndicatorId).ToDictionary(g => g.Key, g => g.Sum(t => t.Target));
        }

        var byCountry = incremental.Select(r => (r.IndicatorId, r.Country, r.Total))
            .Concat(cumulative.Select(r => (r.IndicatorId, r.Country, r.Total)))
            .GroupBy(r => r.IndicatorId)
            .ToDictionary(g => g.Key, g => g.GroupBy(r => r.Country).OrderBy(c => c.Key, StringComparer.Ordinal)
                .ToDictionary(c => c.Key, c => c.Sum(r => r.Total)));
        var targets = incrementalTargets
            .Concat(cumulativeTargets)
            .ToDictionary(t => t.Key, t => t.Value);

        // An indicator appears when the scope has a value or a target for it.
        var catalogue = await db.Indicators.AsNoTracking().OrderBy(i => i.Code)
            .Select(i => new { i.Id, i.Code, i.NameFr, i.NameEn, i.Unit }).ToListAsync(cancellationToken);
        var indicators = catalogue
            .Where(i => byCountry.ContainsKey(i.Id) || targets.ContainsKey(i.Id))
            .Select(i =>
            {
                var countries = byCountry.GetValueOrDefault(i.Id) ?? new Dictionary<string, double>();
                return new IndicatorFigure(i.Code, i.NameFr, i.NameEn, i.Unit, countries.Values.Sum(), targets.GetValueOrDefault(i.Id), countries);
            })
            .ToList();

        return new PortfolioSummary(projects, finance, indicators);
    }
}
