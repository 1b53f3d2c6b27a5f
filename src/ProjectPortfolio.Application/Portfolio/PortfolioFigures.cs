using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Finance;
using ProjectPortfolio.Domain.Indicators;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Application.Portfolio;

/// <summary>The filters of every portfolio figure, by the codes users and donors write (theme <c>health</c>,
/// instrument <c>COOP_FUND</c>, partner <c>UE</c>, programme <c>RW-SANTE</c>) and an optional period.</summary>
public interface IPortfolioFilter
{
    string? Country { get; }
    string? Theme { get; }
    string? Instrument { get; }
    string? Partner { get; }
    string? Programme { get; }
    DateOnly? From { get; }
    DateOnly? To { get; }
}

public abstract class PortfolioFilterValidator<T> : AbstractValidator<T> where T : IPortfolioFilter
{
    protected PortfolioFilterValidator(IApplicationDbContext db)
    {
        // An unknown code is refused, never answered with empty figures: "0 health facilities" for a mistyped
        // theme would be read, and reported to a donor, as a result.
        RuleFor(f => f.Country).Must(c => Countries.IsValid(c!.Trim())).WithMessage(_ => Messages.UnknownCountry)
            .When(f => !string.IsNullOrWhiteSpace(f.Country));
        RuleFor(f => f.Theme)
            .MustAsync((code, ct) => db.Themes.AnyAsync(t => t.Code == code!.Trim().ToLower(), ct)).WithMessage(_ => Messages.UnknownTheme)
            .When(f => !string.IsNullOrWhiteSpace(f.Theme));
        RuleFor(f => f.Instrument)
            .MustAsync((code, ct) => db.FundingInstruments.AnyAsync(i => i.Code == code!.Trim().ToUpper(), ct)).WithMessage(_ => Messages.UnknownInstrument)
            .When(f => !string.IsNullOrWhiteSpace(f.Instrument));
        RuleFor(f => f.Partner)
            .MustAsync((code, ct) => db.Partners.AnyAsync(p => p.Code == code!.Trim().ToUpper(), ct)).WithMessage(_ => Messages.UnknownPartner)
            .When(f => !string.IsNullOrWhiteSpace(f.Partner));
        RuleFor(f => f.Programme)
            .MustAsync((code, ct) => db.Programmes.AnyAsync(p => p.Code == code!.Trim().ToUpper(), ct)).WithMessage(_ => Messages.UnknownProgramme)
            .When(f => !string.IsNullOrWhiteSpace(f.Programme));
        RuleFor(f => f.To).Must((f, to) => to >= f.From).WithMessage(_ => Messages.EndBeforeStart)
            .When(f => f.From is not null && f.To is not null);
    }
}

/// <summary>What every portfolio figure counts, defined once so that the summary, the API, the dashboard and
/// its drill-down cannot disagree:
/// <list type="bullet">
/// <item>projects: those the user may see (<see cref="ProjectScope.VisibleTo"/>), with the filters; a partner
/// filter keeps the projects it co-finances; a period keeps the projects whose planned period overlaps it;</item>
/// <item>values: the approved, current revision of each measurement of those projects, whose reporting period
/// lies inside the filter's period;</item>
/// <item>an incremental indicator adds its values up; a cumulative one takes, per lineage (a project and its
/// continuation phases), the latest approved value, once, because a phase's running total already includes
/// its predecessor's.</item>
/// </list>
/// Sums are computed by the database; only the per-lineage choice and the currency conversion, over a few
/// rows the database has already reduced, are done here.</summary>
internal sealed class PortfolioFigures(IApplicationDbContext db, ICurrentUser user, IPortfolioFilter filter)
{
    public IQueryable<Project> Projects { get; } = InScope(db, user, filter);

    /// <summary>Whether <see cref="Projects"/> is every project: a user who sees the whole portfolio, without a filter.</summary>
    private bool WholePortfolio { get; } = ProjectScope.SeesEverything(user)
        && string.IsNullOrWhiteSpace(filter.Country) && string.IsNullOrWhiteSpace(filter.Theme) && string.IsNullOrWhiteSpace(filter.Instrument)
        && string.IsNullOrWhiteSpace(filter.Partner) && string.IsNullOrWhiteSpace(filter.Programme) && filter.From is null && filter.To is null;

    public IQueryable<IndicatorMeasurement> Counted => CountedValues(db, Projects, filter);

    /// <summary>The counted values (approved, current, inside the period) of any project, without the scope: for a query
    /// that joins them to <see cref="Projects"/> itself, where <see cref="Counted"/>'s EXISTS would look each value's
    /// project up a second time (the portfolio workbook's Indicators sheet, docs/performance.md).</summary>
    public IQueryable<IndicatorMeasurement> CountedOfAnyProject => InPeriod(CountingValues(db), filter);

    /// <summary>Every approved, current value of the projects in scope, whatever its period: what an export of
    /// whole projects (IATI activities) reports, where <see cref="Counted"/> is what a period's figure adds up.</summary>
    public IQueryable<IndicatorMeasurement> Approved => ApprovedValues(db, Projects);

    private static IQueryable<Project> InScope(IApplicationDbContext db, ICurrentUser user, IPortfolioFilter filter)
    {
        var projects = db.Projects.AsNoTracking().VisibleTo(user);
        if (!string.IsNullOrWhiteSpace(filter.Country))
        {
            var country = filter.Country.Trim().ToUpperInvariant();
            projects = projects.Where(p => p.Country == country);
        }
        if (!string.IsNullOrWhiteSpace(filter.Theme))
        {
            var theme = filter.Theme.Trim().ToLowerInvariant();
            projects = projects.Where(p => db.Themes.Any(t => t.Id == p.ThemeId && t.Code == theme));
        }
        if (!string.IsNullOrWhiteSpace(filter.Instrument))
        {
            var instrument = filter.Instrument.Trim().ToUpperInvariant();
            projects = projects.Where(p => db.FundingInstruments.Any(i => i.Id == p.InstrumentId && i.Code == instrument));
        }
        if (!string.IsNullOrWhiteSpace(filter.Partner))
        {
            var partner = filter.Partner.Trim().ToUpperInvariant();
            projects = projects.Where(p => p.CoFinancing.Any(c => db.Partners.Any(x => x.Id == c.PartnerId && x.Code == partner)));
        }
        if (!string.IsNullOrWhiteSpace(filter.Programme))
        {
            var programme = filter.Programme.Trim().ToUpperInvariant();
            projects = projects.Where(p => db.Programmes.Any(g => g.Id == p.ProgrammeId && g.Code == programme));
        }
        if (filter.From is { } from) projects = projects.Where(p => p.PlannedEnd >= from);
        if (filter.To is { } to) projects = projects.Where(p => p.PlannedStart <= to);
        return projects;
    }

    private static IQueryable<IndicatorMeasurement> CountedValues(IApplicationDbContext db, IQueryable<Project> projects, IPortfolioFilter filter) =>
        InPeriod(CountingValues(db), filter).Where(m => projects.Any(p => p.Id == m.ProjectId));

    private static IQueryable<IndicatorMeasurement> ApprovedValues(IApplicationDbContext db, IQueryable<Project> projects) =>
        CountingValues(db).Where(m => projects.Any(p => p.Id == m.ProjectId));

    /// <summary>Every approved, current value, of any project: exactly the rows of the index
    /// IX_IndicatorMeasurements_Counted, whose filter is this condition written as SQL.</summary>
    private static IQueryable<IndicatorMeasurement> CountingValues(IApplicationDbContext db) =>
        db.IndicatorMeasurements.AsNoTracking().Where(m => m.Status == MeasurementStatus.Approved && m.IsCurrent);

    private static IQueryable<IndicatorMeasurement> InPeriod(IQueryable<IndicatorMeasurement> values, IPortfolioFilter filter)
    {
        if (filter.From is { } from) values = values.Where(m => m.PeriodStart >= from);
        if (filter.To is { } to) values = values.Where(m => m.PeriodEnd <= to);
        return values;
    }

    /// <summary>The counted values of one kind of indicator, of any project (the scope is applied by the caller, after
    /// the values are reduced per project). The kind is an IN list of indicator ids, so that the database reads only
    /// those indicators' part of IX_IndicatorMeasurements_Counted instead of testing every value's indicator.</summary>
    private IQueryable<IndicatorMeasurement> CountedOfKind(IndicatorKind kind)
    {
        var ofKind = db.Indicators.Where(i => i.Kind == kind).Select(i => i.Id);
        return InPeriod(CountingValues(db), filter).Where(m => ofKind.Contains(m.IndicatorId));
    }

    /// <summary>Incremental indicators: the values summed per indicator and country by the database. The values are
    /// first summed per indicator and project, in the order of IX_IndicatorMeasurements_Counted (no sort), and only
    /// those few sums are joined to the projects in scope for their country: the scope and the country are looked up
    /// once per project and indicator rather than once per value (docs/performance.md).</summary>
    public async Task<IReadOnlyList<CountryTotal>> IncrementalByCountryAsync(CancellationToken ct)
    {
        var perProject = CountedOfKind(IndicatorKind.Incremental)
            .GroupBy(m => new { m.IndicatorId, m.ProjectId })
            .Select(g => new { g.Key.IndicatorId, g.Key.ProjectId, Total = g.Sum(m => m.Value) });
        return await (
            from t in perProject
            join p in Projects on t.ProjectId equals p.Id
            group t.Total by new { t.IndicatorId, p.Country } into g
            select new CountryTotal(g.Key.IndicatorId, g.Key.Country, g.Sum()))
            .ToListAsync(ct);
    }

    /// <summary>An incremental indicator's values summed per project by the database (the drill-down).</summary>
    public async Task<IReadOnlyDictionary<Guid, double>> IncrementalByProjectAsync(Guid indicatorId, CancellationToken ct) =>
        await Counted.Where(m => m.IndicatorId == indicatorId)
            .GroupBy(m => m.ProjectId)
            .Select(g => new { g.Key, Total = g.Sum(m => m.Value) })
            .ToDictionaryAsync(g => g.Key, g => g.Total, ct);

    /// <summary>Targets of incremental indicators, summed per indicator by the database over the projects in scope.</summary>
    public async Task<IReadOnlyDictionary<Guid, double>> IncrementalTargetsAsync(CancellationToken ct) =>
        await (
            from p in Projects
            from t in p.Targets
            join i in db.Indicators on t.IndicatorId equals i.Id
            where i.Kind == IndicatorKind.Incremental
            group t.Target by t.IndicatorId into g
            select new { g.Key, Total = g.Sum() })
            .ToDictionaryAsync(g => g.Key, g => g.Total, ct);

    /// <summary>Cumulative indicators: per lineage, its latest approved value (by period end), carried by the
    /// phase that reported it; <paramref name="indicatorId"/> restricts to one indicator.</summary>
    public async Task<IReadOnlyList<LineageFigure>> CumulativeByLineageAsync(Guid? indicatorId, CancellationToken ct)
    {
        var values = CountedOfKind(IndicatorKind.Cumulative);
        if (indicatorId is { } only) values = values.Where(m => m.IndicatorId == only);

        // The database keeps, per project and indicator, the value(s) of its latest period end, so that what crosses
        // the wire is a few rows whatever the number of reporting periods. The latest end is a MAX per group, read in
        // the order of IX_IndicatorMeasurements_Counted, and its value(s) one seek each on that index; the projects in
        // scope are joined to those few rows only. (A ROW_NUMBER() window over every value, materialised and joined
        // back, took a second on d1: docs/performance.md.)
        var latestEnds = values
            .GroupBy(m => new { m.IndicatorId, m.ProjectId })
            .Select(g => new { g.Key.IndicatorId, g.Key.ProjectId, PeriodEnd = g.Max(m => m.PeriodEnd) });
        var atLatestEnd = await (
                from l in latestEnds
                join m in values on new { l.IndicatorId, l.ProjectId, l.PeriodEnd } equals new { m.IndicatorId, m.ProjectId, m.PeriodEnd }
                join p in Projects on m.ProjectId equals p.Id
                select new PhaseValue { ProjectId = m.ProjectId, IndicatorId = m.IndicatorId, PeriodStart = m.PeriodStart, PeriodEnd = m.PeriodEnd,
                    Value = m.Value, Country = p.Country, PlannedStart = p.PlannedStart, Code = p.Code })
            .ToListAsync(ct);
        // Two periods of a project may end on the same day: the later start wins, as it always has.
        var latestPerProject = atLatestEnd
            .GroupBy(r => (r.ProjectId, r.IndicatorId))
            .Select(g => g.OrderByDescending(r => r.PeriodStart).First());
        return await ToLineagesAsync(latestPerProject, ct);
    }

    /// <summary>The dashboard's indicator figures without a period, from the precomputed results per project and indicator
    /// (<see cref="ProjectIndicatorResult"/>, docs/adr/0017) instead of the measurements: the same figures per indicator
    /// and country, and the same targets, as <see cref="IncrementalByCountryAsync"/>, <see cref="IncrementalTargetsAsync"/>,
    /// <see cref="CumulativeByLineageAsync"/> and <see cref="CumulativeTargetsAsync"/> give when no period is set, in three
    /// queries over one row per project and indicator. Only valid without a period: the rows hold every approved, current
    /// value, whatever its period.</summary>
    public async Task<PrecomputedIndicators> PrecomputedAsync(CancellationToken ct)
    {
        if (filter.From is not null || filter.To is not null)
            throw new InvalidOperationException("The precomputed results hold every period: with a period, the live queries count.");
        var incrementalIds = db.Indicators.Where(i => i.Kind == IndicatorKind.Incremental).Select(i => i.Id);
        var cumulativeIds = db.Indicators.Where(i => i.Kind == IndicatorKind.Cumulative).Select(i => i.Id);

        // The rows of the projects in scope. When the scope is the whole portfolio (staff without a filter: the dashboard's
        // default view), that is every row, since a row exists only for an existing project (foreign key, deleted with it):
        // the join to the projects, one probe of their key per row and nothing else, is then left out (docs/performance.md).
        var results = WholePortfolio
            ? db.ProjectIndicatorResults
            : from r in db.ProjectIndicatorResults
              join p in Projects on r.ProjectId equals p.Id
              select r;

        // Incremental: the projects' totals and targets summed per indicator and country by the database, in the order
        // of IX_ProjectIndicatorResults_Summary (the row's copy of the country, not the project's, so no sort).
        var incremental = await (
                from r in results
                where incrementalIds.Contains(r.IndicatorId)
                group r by new { r.IndicatorId, r.Country } into g
                select new
                {
                    g.Key.IndicatorId, g.Key.Country, Total = g.Sum(r => r.Total), Values = g.Sum(r => r.ValueCount),
                    Target = g.Sum(r => r.Target ?? 0), Targets = g.Count(r => r.Target != null),
                })
            .ToListAsync(ct);
        // A country appears when it has a counted value (a total of zero included), an indicator's target when one
        // project in scope has a target for it: what the live queries' groups give.
        var byCountry = incremental.Where(r => r.Values > 0).Select(r => new CountryTotal(r.IndicatorId, r.Country, r.Total)).ToList();
        var incrementalTargets = incremental.Where(r => r.Targets > 0).GroupBy(r => r.IndicatorId)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Target));

        // Cumulative. A project that is no one's continuation and has none is a lineage of its own: its figure is its own
        // latest value, in its own country, and its target its own, so the database sums those per indicator and country
        // like the incremental totals (the latest value is in the same index). Only the phases of real lineages (a few
        // hundred rows on d1, against 2,745) come back to be reduced per lineage here, as the live path does. The two
        // lists of phases are read from IX_Projects_PredecessorId_Id alone.
        var continuations = db.Projects.Where(p => p.PredecessorId != null).Select(p => p.Id);
        var continued = db.Projects.Where(p => p.PredecessorId != null).Select(p => p.PredecessorId!.Value);
        var phases = continuations.Concat(continued);
        var alone = await (
                from r in results
                where cumulativeIds.Contains(r.IndicatorId) && !phases.Contains(r.ProjectId)
                group r by new { r.IndicatorId, r.Country } into g
                select new
                {
                    g.Key.IndicatorId, g.Key.Country, Value = g.Sum(r => r.LatestValue ?? 0), Values = g.Count(r => r.LatestValue != null),
                    Target = g.Sum(r => r.Target ?? 0), Targets = g.Count(r => r.Target != null),
                })
            .ToListAsync(ct);
        // The phases' country, code and planned start are the rows' copies: the projects' own rows are not read.
        var inLineages = await (
                from r in results
                where cumulativeIds.Contains(r.IndicatorId) && phases.Contains(r.ProjectId)
                select new { r.ProjectId, r.IndicatorId, r.LatestPeriodStart, r.LatestPeriodEnd, r.LatestValue, r.Target, r.Country, r.PlannedStart, r.Code })
            .ToListAsync(ct);
        var lineages = await ToLineagesAsync(inLineages.Where(r => r.LatestPeriodEnd is not null).Select(r => new PhaseValue
        {
            ProjectId = r.ProjectId, IndicatorId = r.IndicatorId, PeriodStart = r.LatestPeriodStart!.Value, PeriodEnd = r.LatestPeriodEnd!.Value,
            Value = r.LatestValue!.Value, Country = r.Country, PlannedStart = r.PlannedStart, Code = r.Code,
        }), ct);
        var lineageTargets = await ToLineageTargetsAsync(inLineages.Where(r => r.Target is not null)
            .Select(r => (r.ProjectId, r.Code, r.PlannedStart, r.IndicatorId, Target: r.Target!.Value)), ct);

        // LatestValue is set exactly when LatestPeriodEnd is (IndicatorResultsMaintenance): a project alone counts in a
        // country when it has a value, as its lineage figure would.
        var cumulative = lineages.Select(l => new CountryTotal(l.IndicatorId, l.Country, l.Value))
            .Concat(alone.Where(r => r.Values > 0).Select(r => new CountryTotal(r.IndicatorId, r.Country, r.Value)))
            .ToList();
        var cumulativeTargets = lineageTargets.Select(t => (t.IndicatorId, t.Target))
            .Concat(alone.Where(r => r.Targets > 0).Select(r => (r.IndicatorId, r.Target)))
            .GroupBy(t => t.IndicatorId)
            .ToDictionary(g => g.Key, g => g.Sum(t => t.Target));
        return new PrecomputedIndicators(byCountry, incrementalTargets, cumulative, cumulativeTargets);
    }

    /// <summary>Per lineage, the phase that carries its figure, from each phase's latest value.</summary>
    private async Task<IReadOnlyList<LineageFigure>> ToLineagesAsync(IEnumerable<PhaseValue> latestPerProject, CancellationToken ct)
    {
        var rootOf = await LineageRootsAsync(ct);
        return latestPerProject
            .GroupBy(r => (Root: rootOf(r.ProjectId), r.IndicatorId))
            .Select(g =>
            {
                // Latest period end wins; on a tie, the later phase, whose running total includes the earlier one's.
                var carrier = g.OrderByDescending(r => r.PeriodEnd).ThenByDescending(r => r.PeriodStart)
                    .ThenByDescending(r => r.PlannedStart).ThenByDescending(r => r.Code, StringComparer.Ordinal).First();
                return new LineageFigure(g.Key.IndicatorId, g.Key.Root, carrier.ProjectId, carrier.Country, carrier.Value,
                    g.Where(r => r.ProjectId != carrier.ProjectId).Select(r => r.ProjectId).ToList());
            })
            .ToList();
    }

    /// <summary>Targets of cumulative indicators: per lineage, the target of its latest phase in scope (a later
    /// phase's target is a running total too, so phases' targets do not add up either).</summary>
    public async Task<IReadOnlyList<LineageTarget>> CumulativeTargetsAsync(Guid? indicatorId, CancellationToken ct)
    {
        // The kind as an IN list of indicator ids: the targets of the other indicators are not read at all.
        var cumulativeIds = db.Indicators.Where(i => i.Kind == IndicatorKind.Cumulative).Select(i => i.Id);
        var targets =
            from p in Projects
            from t in p.Targets
            where cumulativeIds.Contains(t.IndicatorId)
            select new { p.Id, p.Code, p.PlannedStart, t.IndicatorId, t.Target };
        if (indicatorId is { } only) targets = targets.Where(t => t.IndicatorId == only);
        // One row per phase with a target: a handful, reduced per lineage here.
        var rows = await targets.ToListAsync(ct);
        return await ToLineageTargetsAsync(rows.Select(r => (r.Id, r.Code, r.PlannedStart, r.IndicatorId, r.Target)), ct);
    }

    /// <summary>Per lineage, the target of its latest phase.</summary>
    private async Task<IReadOnlyList<LineageTarget>> ToLineageTargetsAsync(
        IEnumerable<(Guid Id, string Code, DateOnly PlannedStart, Guid IndicatorId, double Target)> rows, CancellationToken ct)
    {
        var rootOf = await LineageRootsAsync(ct);
        return rows
            .GroupBy(r => (Root: rootOf(r.Id), r.IndicatorId))
            .Select(g =>
            {
                var latest = g.OrderByDescending(r => r.PlannedStart).ThenByDescending(r => r.Code, StringComparer.Ordinal).First();
                return new LineageTarget(g.Key.IndicatorId, g.Key.Root, latest.Id, latest.Target);
            })
            .ToList();
    }

    private Func<Guid, Guid>? _rootOf;

    /// <summary>The first phase of each project's lineage. Computed from the (id, predecessor) map of the
    /// continuation phases loaded in one query, not with a bounded number of self-joins: a cooperation may run
    /// through any number of phases (Kigali's began in 2001) and LINQ cannot express SQLite's recursive CTE,
    /// while the map has one row per continuation phase, a few dozen. The map covers the whole portfolio, not
    /// only the scope: two phases in scope stay one lineage when a phase between them is filtered out or hidden
    /// from the user (the map only groups rows already in scope; nothing of a hidden project is shown).</summary>
    private async Task<Func<Guid, Guid>> LineageRootsAsync(CancellationToken ct)
    {
        if (_rootOf is not null) return _rootOf;
        var predecessors = await db.Projects.AsNoTracking()
            .Where(p => p.PredecessorId != null)
            .Select(p => new { p.Id, Predecessor = p.PredecessorId!.Value })
            .ToDictionaryAsync(p => p.Id, p => p.Predecessor, ct);
        return _rootOf = id =>
        {
            // Most projects are a lineage of their own: answered without allocating (the summary asks once per project
            // and indicator, thousands of times).
            if (!predecessors.ContainsKey(id)) return id;
            // The seen set stops on a cycle, which the domain cannot create but a hand-edited database could.
            var seen = new HashSet<Guid>();
            while (seen.Add(id) && predecessors.TryGetValue(id, out var predecessor)) id = predecessor;
            return id;
        };
    }

    /// <summary>Amounts awarded, disbursed and co-financed, in euros. The database sums each kind of amount per
    /// currency and applicable rate; the conversion of those few sums is done here, in decimal.</summary>
    public async Task<FinanceTotals> FinanceAsync(CancellationToken ct)
    {
        // A grant and a co-financing line are converted at the rate of the project's planned start (when they were
        // committed); a payment at the rate of its date. Payments count when made inside the period, like values.
        var grants = Projects.Select(p => new DatedAmount { Currency = p.Currency, Minor = p.GrantMinor, Date = p.PlannedStart });
        var disbursed = Payments().Select(t => new DatedAmount { Currency = t.Currency, Minor = t.PaidMinor!.Value, Date = t.PaidDate!.Value });
        var coFinancing = Projects.SelectMany(p => p.CoFinancing, (p, c) => new DatedAmount { Currency = c.Currency, Minor = c.AmountMinor, Date = p.PlannedStart });

        var (awarded, missingAwarded) = await ToEurosAsync(grants, ct);
        var (paid, missingPaid) = await ToEurosAsync(disbursed, ct);
        var (coFinanced, missingCoFinancing) = await ToEurosAsync(coFinancing, ct);
        var missing = missingAwarded.Concat(missingPaid).Concat(missingCoFinancing).Distinct().Order(StringComparer.Ordinal).ToList();
        return new FinanceTotals(awarded, paid, coFinanced) { MissingRates = missing.Count == 0 ? null : missing };
    }

    private IQueryable<Payment> Payments()
    {
        var payments = Projects.SelectMany(p => p.Tranches, (p, t) => new Payment { ProjectId = p.Id, Currency = p.Currency, PaidMinor = t.PaidMinor, PaidDate = t.PaidDate })
            .Where(t => t.PaidDate != null);
        if (filter.From is { } from) payments = payments.Where(t => t.PaidDate >= from);
        if (filter.To is { } to) payments = payments.Where(t => t.PaidDate <= to);
        return payments;
    }

    /// <summary>What each project disbursed, in its own currency, by the totals' rule (payments made inside the period).</summary>
    public async Task<IReadOnlyDictionary<Guid, long>> DisbursedPerProjectAsync(CancellationToken ct) =>
        await Payments().GroupBy(t => t.ProjectId).Select(g => new { g.Key, Minor = g.Sum(t => t.PaidMinor!.Value) })
            .ToDictionaryAsync(g => g.Key, g => g.Minor, ct);

    private async Task<(decimal Euros, IReadOnlyList<string> MissingRates)> ToEurosAsync(IQueryable<DatedAmount> amounts, CancellationToken ct)
    {
        var sums = await WithRates(amounts)
            .GroupBy(a => new { a.Currency, a.Rate })
            .Select(g => new { g.Key.Currency, g.Key.Rate, Minor = g.Sum(a => a.Minor) })
            .ToListAsync(ct);

        var euros = 0m;
        var missing = new List<string>();
        foreach (var sum in sums)
        {
            if (ToEuros(sum.Minor, sum.Currency, sum.Rate) is { } converted) euros += converted;
            // Without any rate an amount cannot be put in euros: it is left out and the currency is named, never
            // silently counted at par.
            else missing.Add(sum.Currency);
        }
        return (decimal.Round(euros, 2, MidpointRounding.AwayFromZero), missing);
    }

    /// <summary>The same conversion as the totals, kept apart per project (and per partner for co-financing): the
    /// database sums per project, currency and rate, so a report's share of a budget uses the totals' rule.</summary>
    private async Task<IReadOnlyDictionary<(Guid ProjectId, Guid PartnerId), decimal>> ToEurosPerProjectAsync(IQueryable<DatedAmount> amounts, CancellationToken ct)
    {
        var sums = await WithRates(amounts)
            .GroupBy(a => new { a.ProjectId, a.PartnerId, a.Currency, a.Rate })
            .Select(g => new { g.Key.ProjectId, g.Key.PartnerId, g.Key.Currency, g.Key.Rate, Minor = g.Sum(a => a.Minor) })
            .ToListAsync(ct);
        return sums
            .GroupBy(s => (s.ProjectId, s.PartnerId))
            .ToDictionary(g => g.Key, g => decimal.Round(g.Sum(s => ToEuros(s.Minor, s.Currency, s.Rate) ?? 0m), 2, MidpointRounding.AwayFromZero));
    }

    private static decimal? ToEuros(long minor, string currency, long? rate) =>
        currency == "EUR" ? ExchangeRate.ToEuros(minor, "EUR", 1)
        : rate is { } millionths and > 0 ? ExchangeRate.ToEuros(minor, currency, millionths)
        : null;

    private IQueryable<RatedAmount> WithRates(IQueryable<DatedAmount> amounts) =>
        amounts.Select(a => new RatedAmount
        {
            ProjectId = a.ProjectId,
            PartnerId = a.PartnerId,
            Currency = a.Currency,
            Minor = a.Minor,
            // The rate in force on the amount's date; before the first known rate, the latest one available.
            // None for EUR, which needs none: the CASE spares the two lookups per amount for most amounts.
            Rate = a.Currency == "EUR" ? null : db.ExchangeRates.Where(r => r.Currency == a.Currency && r.EffectiveFrom <= a.Date)
                       .OrderByDescending(r => r.EffectiveFrom).Select(r => (long?)r.UnitsPerEuroMillionths).FirstOrDefault()
                   ?? db.ExchangeRates.Where(r => r.Currency == a.Currency)
                       .OrderByDescending(r => r.EffectiveFrom).Select(r => (long?)r.UnitsPerEuroMillionths).FirstOrDefault(),
        });

    /// <summary>Per project, in euros by the totals' rule: the grant, all co-financing, and the co-financing of
    /// one partner (a donor's share). Three queries whatever the number of projects.</summary>
    public async Task<IReadOnlyDictionary<Guid, ProjectBudgetInEuros>> BudgetsInEurosAsync(Guid? partnerId, CancellationToken ct)
    {
        // A variable, not the constant: EF sends it as a typed parameter (uuid on PostgreSQL), where an inline
        // '0000...' literal grouped on would be read back as text.
        var noPartner = Guid.Empty;
        var grants = await ToEurosPerProjectAsync(
            Projects.Select(p => new DatedAmount { ProjectId = p.Id, PartnerId = noPartner, Currency = p.Currency, Minor = p.GrantMinor, Date = p.PlannedStart }), ct);
        var coFinancing = Projects.SelectMany(p => p.CoFinancing, (p, c) => new DatedAmount
            { ProjectId = p.Id, PartnerId = c.PartnerId, Currency = c.Currency, Minor = c.AmountMinor, Date = p.PlannedStart });
        var perPartner = await ToEurosPerProjectAsync(coFinancing, ct);
        return grants.Keys.Select(k => k.ProjectId).ToDictionary(id => id, id => new ProjectBudgetInEuros(
            grants.GetValueOrDefault((id, Guid.Empty)),
            perPartner.Where(kv => kv.Key.ProjectId == id).Sum(kv => kv.Value),
            partnerId is { } partner ? perPartner.GetValueOrDefault((id, partner)) : 0m));
    }

    /// <summary>Incremental indicators: the values summed per project and indicator by the database (the report's
    /// project blocks; the same figures as the drill-down).</summary>
    public async Task<IReadOnlyList<ProjectIndicatorTotal>> IncrementalPerProjectAsync(CancellationToken ct) =>
        await (
            from m in Counted
            join i in db.Indicators on m.IndicatorId equals i.Id
            where i.Kind == IndicatorKind.Incremental
            group m.Value by new { m.ProjectId, m.IndicatorId } into g
            select new ProjectIndicatorTotal(g.Key.ProjectId, g.Key.IndicatorId, g.Sum()))
            .ToListAsync(ct);

    /// <summary>A member-initialised class, not a record: EF Core translates member access on it in later operators.</summary>
    private sealed class DatedAmount
    {
        public Guid ProjectId { get; init; }
        public Guid PartnerId { get; init; }
        public string Currency { get; init; } = string.Empty;
        public long Minor { get; init; }
        public DateOnly Date { get; init; }
    }

    private sealed class Payment
    {
        public Guid ProjectId { get; init; }
        public string Currency { get; init; } = string.Empty;
        public long? PaidMinor { get; init; }
        public DateOnly? PaidDate { get; init; }
    }

    private sealed class RatedAmount
    {
        public Guid ProjectId { get; init; }
        public Guid PartnerId { get; init; }
        public string Currency { get; init; } = string.Empty;
        public long Minor { get; init; }
        public long? Rate { get; init; }
    }

    private sealed class PhaseValue
    {
        public Guid ProjectId { get; init; }
        public Guid IndicatorId { get; init; }
        public DateOnly PeriodStart { get; init; }
        public DateOnly PeriodEnd { get; init; }
        public double Value { get; init; }
        public string Country { get; init; } = string.Empty;
        public DateOnly PlannedStart { get; init; }
        public string Code { get; init; } = string.Empty;
    }
}

internal sealed record CountryTotal(Guid IndicatorId, string Country, double Total);

/// <summary>The four parts of the summary's indicator figures, read from the precomputed results.</summary>
internal sealed record PrecomputedIndicators(IReadOnlyList<CountryTotal> Incremental, IReadOnlyDictionary<Guid, double> IncrementalTargets,
    IReadOnlyList<CountryTotal> Cumulative, IReadOnlyDictionary<Guid, double> CumulativeTargets);

/// <summary>A lineage's figure on a cumulative indicator: the value of <paramref name="CarrierProjectId"/>, which
/// includes what the <paramref name="IncludedProjectIds"/> (earlier or overlapping phases in scope) reported.</summary>
internal sealed record LineageFigure(Guid IndicatorId, Guid RootProjectId, Guid CarrierProjectId, string Country, double Value, IReadOnlyList<Guid> IncludedProjectIds);

internal sealed record ProjectIndicatorTotal(Guid ProjectId, Guid IndicatorId, double Total);

/// <summary>A project's money in euros: its grant, all its co-financing, and one partner's part of it.</summary>
internal sealed record ProjectBudgetInEuros(decimal GrantEur, decimal CoFinancingEur, decimal PartnerEur)
{
    public decimal TotalEur => GrantEur + CoFinancingEur;
}

internal sealed record LineageTarget(Guid IndicatorId, Guid RootProjectId, Guid CarrierProjectId, double Target);
