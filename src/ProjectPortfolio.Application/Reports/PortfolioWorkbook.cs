using System.Globalization;
using System.Runtime.CompilerServices;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Formatting;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Application.Measurements.Import;
using ProjectPortfolio.Application.Portfolio;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Indicators;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Application.Reports;

/// <summary>The portfolio workbook (.xlsx) for the same filters as <see cref="GetPortfolioSummaryQuery"/>, in French
/// ("fr", the default) or English ("en"): Summary (the summary's figures, computed by the summary itself, so they
/// are equal), Projects, Financing (grants, co-financing lines, tranches), Milestones and Indicators (each counted
/// value against the project's target, with its disaggregation). Every sheet covers the projects the reader may see
/// (<see cref="PortfolioFigures"/>, hence <see cref="Projects.ProjectScope"/>): a donor's workbook holds only the
/// projects its partner co-finances.</summary>
[Authorize]
public sealed record GetPortfolioWorkbookQuery(
    string? Country = null, string? Theme = null, string? Instrument = null, string? Partner = null, string? Programme = null,
    DateOnly? From = null, DateOnly? To = null, string? Language = null) : IRequest<WorkbookDownload>, IPortfolioFilter;

public sealed class GetPortfolioWorkbookValidator : PortfolioFilterValidator<GetPortfolioWorkbookQuery>
{
    public GetPortfolioWorkbookValidator(IApplicationDbContext db) : base(db) =>
        RuleFor(q => q.Language)
            .Must(language => language is null || Formats.Languages.Contains(language.Trim().ToLowerInvariant()))
            .OverridePropertyName("lang")
            .WithMessage(_ => Messages.Pick("Langue inconnue : « fr » ou « en ».", "Unknown language: \"fr\" or \"en\"."));
}

/// <summary>Computes the summary and checks the request before anything is sent (a bad filter is a 400, never a
/// broken download); the other sheets are read from the database while the file is written, row by row.</summary>
public sealed class GetPortfolioWorkbookHandler(IMediator mediator, IApplicationDbContext db, ICurrentUser user, IWorkbookWriter writer, TimeProvider clock)
    : IRequestHandler<GetPortfolioWorkbookQuery, WorkbookDownload>
{
    public async Task<WorkbookDownload> Handle(GetPortfolioWorkbookQuery request, CancellationToken cancellationToken)
    {
        var language = request.Language?.Trim().ToLowerInvariant() ?? "fr";
        var english = language == "en";
        var summary = await mediator.Send(new GetPortfolioSummaryQuery(request.Country, request.Theme, request.Instrument, request.Partner,
            request.Programme, request.From, request.To), cancellationToken);

        var now = clock.GetUtcNow();
        var texts = new PortfolioWorkbookTexts(english);
        var rows = new PortfolioWorkbookRows(db, new PortfolioFigures(db, user, request), texts, DateOnly.FromDateTime(now.UtcDateTime));
        var sheets = new List<WorkbookSheet>
        {
            new(texts.SummarySheet, texts.SummaryColumns, SummaryRows(summary, request, texts, now).ToAsyncEnumerable()),
            new(texts.ProjectsSheet, texts.ProjectColumns, rows.Projects(cancellationToken)),
            new(texts.FinancingSheet, texts.FinancingColumns, rows.Financing(cancellationToken)),
            new(texts.MilestonesSheet, texts.MilestoneColumns, rows.Milestones(cancellationToken)),
            new(texts.IndicatorsSheet, texts.IndicatorColumns, rows.Indicators(cancellationToken)),
        };
        var name = string.Create(CultureInfo.InvariantCulture, $"{(english ? "portfolio" : "portefeuille")}-{now:yyyy-MM-dd}.xlsx");
        return new WorkbookDownload(name, (output, ct) => writer.WriteAsync(output, sheets, ct));
    }

    /// <summary>The summary, line by line, each with a stable code in column C ("finance.awardedEur", an indicator's
    /// code) so that a reader, or a test, can find a figure whatever the language.</summary>
    private static IEnumerable<IReadOnlyList<WorkbookCell>> SummaryRows(PortfolioSummary s, IPortfolioFilter filter, PortfolioWorkbookTexts t, DateTimeOffset now)
    {
        static IReadOnlyList<WorkbookCell> Line(string section, string item, string code, WorkbookCell value, WorkbookCell target = default, string? unit = null) =>
            [WorkbookCell.Of(section), WorkbookCell.Of(item), WorkbookCell.Of(code), value, target, WorkbookCell.Of(unit)];

        yield return Line(t.Scope, t.GeneratedOn, "generatedOn", WorkbookCell.Of(DateOnly.FromDateTime(now.UtcDateTime)));
        foreach (var (code, label, value) in t.Filters(filter))
            yield return Line(t.Scope, label, "filter." + code, value);

        yield return Line(t.ProjectsSection, t.ProjectCount, "projects.total", WorkbookCell.Count(s.Projects.Total));
        foreach (var status in Enum.GetValues<ProjectStatus>())
            yield return Line(t.ProjectsSection, t.Report.Status(status), "projects.byStatus." + status,
                WorkbookCell.Count(s.Projects.ByStatus.GetValueOrDefault(status.ToString())));

        yield return Line(t.FinanceSection, t.Report.Grant, "finance.awardedEur", WorkbookCell.Money(s.Finance.AwardedEur, "EUR"));
        yield return Line(t.FinanceSection, t.Report.Disbursed, "finance.disbursedEur", WorkbookCell.Money(s.Finance.DisbursedEur, "EUR"));
        yield return Line(t.FinanceSection, t.Report.CoFinancingTotal, "finance.coFinancingEur", WorkbookCell.Money(s.Finance.CoFinancingEur, "EUR"));
        if (s.Finance.MissingRates is { Count: > 0 } missing)
            yield return Line(t.FinanceSection, t.MissingRates, "finance.missingRates", WorkbookCell.Of(string.Join(", ", missing)));

        foreach (var f in s.Indicators)
            yield return Line(t.IndicatorsSection, t.English ? f.NameEn : f.NameFr, f.Code, WorkbookCell.Of(f.Total), WorkbookCell.Of(f.Target),
                ImportColumns.UnitName(f.Unit, t.English));
        foreach (var f in s.Indicators)
            foreach (var (country, total) in f.ByCountry)
                yield return Line(t.ByCountrySection, $"{(t.English ? f.NameEn : f.NameFr)} — {CountryNames.Get(country, t.English)}",
                    $"{f.Code}.{country}", WorkbookCell.Of(total), default, ImportColumns.UnitName(f.Unit, t.English));
    }
}

/// <summary>The sheets' rows, each streamed from one database query (AsAsyncEnumerable) over the projects in scope,
/// in the order of the project codes. Amounts are in each line's own currency: a workbook's reader sums what they
/// choose; the euro totals are the Summary's.</summary>
internal sealed class PortfolioWorkbookRows(IApplicationDbContext db, PortfolioFigures figures, PortfolioWorkbookTexts t, DateOnly today)
{
    // The rows' titles and names are read in the workbook's language only (the query chooses): fewer text columns to read.
    private sealed record ProjectRow(string Code, string Title, string Lead, string Country, string Theme, string Instrument, string? Programme, ProjectStatus Status, DateOnly PlannedStart, DateOnly PlannedEnd,
        DateOnly? ActualStart, DateOnly? ActualEnd, string Currency, long GrantMinor, long PaidMinor);

    private sealed record GrantRow(string Code, string Title, ProjectStatus Status, DateOnly PlannedStart, DateOnly? ActualStart, string Currency,
        long GrantMinor, long PaidMinor);

    private sealed record CoFinancingRow(string Code, string Title, string Partner, CoFinancingStatus Status, DateOnly? ReceivedOn,
        string Currency, long AmountMinor, long ReceivedMinor);

    private sealed record TrancheRow(string Code, string Title, int Sequence, DateOnly PlannedDate, DateOnly? PaidDate,
        string Currency, long PlannedMinor, long? PaidMinor);

    /// <summary>Titles already in the workbook's language (chosen by the query: half the text columns to read).</summary>
    private sealed record MilestoneRow(string Code, string Title, string Milestone, DateOnly PlannedDate, DateOnly? ActualDate, MilestoneStatus Status);

    private sealed record PartRow(Sex? Sex, AgeGroup? AgeGroup, double Value);

    /// <summary>A counted value with its project (title in the workbook's language), indicator (its code: the rest is
    /// read once, <see cref="IndicatorTexts"/>) and target, and one of its parts (none: PartOf is null): a value with
    /// k parts comes as k consecutive rows (ordered by the value's id last), gathered by <see cref="Indicators"/>.</summary>
    private sealed record CountedRow(string Code, string Title, string Country, string Indicator, DateOnly? PeriodStart, DateOnly? PeriodEnd,
        double? Value, double? Baseline, double? Target, DateOnly? TargetDate, Guid? PartOf, Sex? Sex, AgeGroup? AgeGroup, double? PartValue);

    /// <summary>An indicator's cells in the workbook's language, by indicator code: the catalogue of indicators is small.</summary>
    private sealed record IndicatorTexts(WorkbookCell Name, WorkbookCell Unit, WorkbookCell Kind);

    private static readonly List<PartRow> NoParts = [];

    private static WorkbookCell Money(long? minor, string currency) =>
        minor is { } m ? WorkbookCell.Money(Currencies.IsKnown(currency) ? Currencies.ToMajor(m, currency) : m, currency) : WorkbookCell.Blank;

    private IAsyncEnumerable<ProjectRow> ProjectRows()
    {
        var english = t.English;
        return (
            from p in figures.Projects
            join m in db.Members on p.LeadMemberId equals m.Id
            join th in db.Themes on p.ThemeId equals th.Id
            join i in db.FundingInstruments on p.InstrumentId equals i.Id
            join g in db.Programmes on p.ProgrammeId equals g.Id into programmes
            from g in programmes.DefaultIfEmpty()
            orderby p.Code
            select new ProjectRow(p.Code, english ? p.TitleEn ?? p.Title : p.Title, m.Name, p.Country, english ? th.NameEn : th.NameFr,
                english ? i.NameEn : i.NameFr, g == null ? null : g.Name, p.Status, p.PlannedStart, p.PlannedEnd, p.ActualStart, p.ActualEnd, p.Currency,
                p.GrantMinor, p.Tranches.Sum(x => x.PaidMinor) ?? 0))
            .AsAsyncEnumerable();
    }

    public async IAsyncEnumerable<IReadOnlyList<WorkbookCell>> Projects([EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var p in ProjectRows().WithCancellation(ct))
            yield return
            [
                WorkbookCell.Of(p.Code), WorkbookCell.Of(p.Title), WorkbookCell.Of(p.Lead),
                WorkbookCell.Of(CountryNames.Get(p.Country, t.English)), WorkbookCell.Of(p.Theme), WorkbookCell.Of(p.Instrument), WorkbookCell.Of(p.Programme), WorkbookCell.Of(t.Report.Status(p.Status)),
                WorkbookCell.Of(p.PlannedStart), WorkbookCell.Of(p.PlannedEnd), WorkbookCell.Of(p.ActualStart), WorkbookCell.Of(p.ActualEnd),
                WorkbookCell.Of(p.Currency), Money(p.GrantMinor, p.Currency), Money(p.PaidMinor, p.Currency),
                Money(p.GrantMinor - p.PaidMinor, p.Currency),
            ];
    }

    /// <summary>The grants, then the co-financing lines, then the tranches: three queries one after the other (a
    /// context reads one result set at a time), each in project order; the autofilter sorts them as the reader likes.</summary>
    public async IAsyncEnumerable<IReadOnlyList<WorkbookCell>> Financing([EnumeratorCancellation] CancellationToken ct = default)
    {
        var english = t.English;
        // The grants need only the project's own columns, not the Projects sheet's joins (lead member, theme,
        // instrument, programme: required keys or a LEFT JOIN, so the same projects).
        var grants =
            from p in figures.Projects
            orderby p.Code
            select new GrantRow(p.Code, english ? p.TitleEn ?? p.Title : p.Title, p.Status, p.PlannedStart, p.ActualStart, p.Currency, p.GrantMinor,
                p.Tranches.Sum(x => x.PaidMinor) ?? 0);
        await foreach (var p in grants.AsAsyncEnumerable().WithCancellation(ct))
            yield return
            [
                WorkbookCell.Of(t.GrantLine), WorkbookCell.Of(p.Code), WorkbookCell.Of(p.Title), WorkbookCell.Blank,
                WorkbookCell.Blank, WorkbookCell.Of(t.Report.Status(p.Status)), WorkbookCell.Of(p.PlannedStart), WorkbookCell.Of(p.ActualStart),
                WorkbookCell.Of(p.Currency), Money(p.GrantMinor, p.Currency), Money(p.PaidMinor, p.Currency),
            ];

        var coFinancing =
            from p in figures.Projects
            from c in p.CoFinancing
            join partner in db.Partners on c.PartnerId equals partner.Id
            orderby p.Code, partner.Name
            select new CoFinancingRow(p.Code, english ? p.TitleEn ?? p.Title : p.Title, partner.Name, c.Status, c.ReceivedOn, c.Currency, c.AmountMinor, c.ReceivedMinor);
        await foreach (var c in coFinancing.AsAsyncEnumerable().WithCancellation(ct))
            yield return
            [
                WorkbookCell.Of(t.CoFinancingLine), WorkbookCell.Of(c.Code), WorkbookCell.Of(c.Title), WorkbookCell.Of(c.Partner),
                WorkbookCell.Blank, WorkbookCell.Of(t.Report.Status(c.Status)), WorkbookCell.Blank, WorkbookCell.Of(c.ReceivedOn),
                WorkbookCell.Of(c.Currency), Money(c.AmountMinor, c.Currency), Money(c.ReceivedMinor, c.Currency),
            ];

        var tranches =
            from p in figures.Projects
            from x in p.Tranches
            orderby p.Code, x.Sequence
            select new TrancheRow(p.Code, english ? p.TitleEn ?? p.Title : p.Title, x.Sequence, x.PlannedDate, x.PaidDate, p.Currency, x.PlannedMinor, x.PaidMinor);
        await foreach (var x in tranches.AsAsyncEnumerable().WithCancellation(ct))
            yield return
            [
                WorkbookCell.Of(t.TrancheLine), WorkbookCell.Of(x.Code), WorkbookCell.Of(x.Title), WorkbookCell.Blank,
                WorkbookCell.Count(x.Sequence), WorkbookCell.Of(x.PaidDate is null ? t.TranchePlanned : t.Report.Paid), WorkbookCell.Of(x.PlannedDate),
                WorkbookCell.Of(x.PaidDate), WorkbookCell.Of(x.Currency), Money(x.PlannedMinor, x.Currency), Money(x.PaidMinor, x.Currency),
            ];
    }

    public async IAsyncEnumerable<IReadOnlyList<WorkbookCell>> Milestones([EnumeratorCancellation] CancellationToken ct = default)
    {
        var english = t.English;
        var rows =
            from p in figures.Projects
            from m in p.Milestones
            orderby p.Code, m.PlannedDate, m.Title
            select new MilestoneRow(p.Code, english ? p.TitleEn ?? p.Title : p.Title, english ? m.TitleEn ?? m.Title : m.Title,
                m.PlannedDate, m.ActualDate, m.Status);
        await foreach (var m in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            var late = m.Status == MilestoneStatus.Planned && m.PlannedDate < today;
            yield return
            [
                WorkbookCell.Of(m.Code), WorkbookCell.Of(m.Title), WorkbookCell.Of(m.Milestone),
                WorkbookCell.Of(m.PlannedDate), WorkbookCell.Of(m.ActualDate), WorkbookCell.Of(t.Report.Status(m.Status, late)),
            ];
        }
    }

    /// <summary>Every value the summary counts (approved, current, inside the period), against the project's target
    /// for the indicator; then the targets of the projects in scope that have no counted value yet. Each in the order
    /// of the project codes, then the indicator codes (then the period).</summary>
    public async IAsyncEnumerable<IReadOnlyList<WorkbookCell>> Indicators([EnumeratorCancellation] CancellationToken ct = default)
    {
        // One flat row per value and part, the project's columns read once per value: the projects in scope joined to
        // their counted values (not the values tested against the scope, then joined to their project again), the
        // target by its unique (project, indicator) index, the parts by a LEFT JOIN instead of EF's collection
        // projection (which added five key columns and a list to every row, and its keys to the ORDER BY), gathered
        // below; almost no value has parts. docs/performance.md, excel-export.
        var indicators = (await db.Indicators.AsNoTracking().Select(i => new { i.Code, i.NameFr, i.NameEn, i.Unit, i.Kind }).ToListAsync(ct))
            .ToDictionary(i => i.Code, i => new IndicatorTexts(WorkbookCell.Of(t.English ? i.NameEn : i.NameFr),
                WorkbookCell.Of(ImportColumns.UnitName(i.Unit, t.English)), WorkbookCell.Of(t.Kind(i.Kind))), StringComparer.Ordinal);
        var english = t.English;
        // By batches of projects in code order (keyset on the code), each batch's values sorted alone: in one query,
        // SQLite (without statistics) scans every counted value and sorts them all. The batch, a few hundred codes, is
        // all that is held (docs/performance.md, excel-export).
        string? after = null;
        while (true)
        {
            var page = figures.Projects;
            if (after is not null)
            {
                var last = after;
                page = page.Where(p => p.Code.CompareTo(last) > 0);
            }
            var batch = await page.OrderBy(p => p.Code).Select(p => p.Code).Take(ProjectsPerBatch).ToListAsync(ct);
            if (batch.Count == 0) break;
            after = batch[^1];
            await foreach (var line in CountedLines(batch, english, indicators, ct)) yield return line;
            if (batch.Count < ProjectsPerBatch) break;
        }

        var counted = figures.CountedOfAnyProject;
        var unmeasured =
            from p in figures.Projects
            from x in p.Targets
            join i in db.Indicators on x.IndicatorId equals i.Id
            where !counted.Any(m => m.ProjectId == p.Id && m.IndicatorId == x.IndicatorId)
            orderby p.Code, i.Code
            select new CountedRow(p.Code, english ? p.TitleEn ?? p.Title : p.Title, p.Country, i.Code, null, null, null,
                x.Baseline, x.Target, x.TargetDate, null, null, null, null);
        await foreach (var v in unmeasured.AsAsyncEnumerable().WithCancellation(ct))
            yield return IndicatorLine(v, indicators[v.Indicator], NoParts);
    }

    private const int ProjectsPerBatch = 500;

    /// <summary>The counted values of the projects with these codes (in scope), in the sheet's order.</summary>
    private async IAsyncEnumerable<IReadOnlyList<WorkbookCell>> CountedLines(List<string> codes, bool english,
        Dictionary<string, IndicatorTexts> indicators, [EnumeratorCancellation] CancellationToken ct)
    {
        var values =
            from p in db.Projects.AsNoTracking()
            where codes.Contains(p.Code)
            join m in figures.CountedOfAnyProject on p.Id equals m.ProjectId
            join i in db.Indicators on m.IndicatorId equals i.Id
            from target in p.Targets.Where(x => x.IndicatorId == m.IndicatorId).DefaultIfEmpty()
            from part in m.Parts.DefaultIfEmpty()
            orderby p.Code, i.Code, m.PeriodStart, m.PeriodEnd, m.Id
            select new CountedRow(p.Code, english ? p.TitleEn ?? p.Title : p.Title, p.Country, i.Code, m.PeriodStart, m.PeriodEnd, m.Value,
                target == null ? null : target.Baseline, target == null ? null : target.Target, target == null ? null : target.TargetDate,
                part == null ? null : m.Id, part == null ? null : part.Sex, part == null ? null : part.AgeGroup, part == null ? null : part.Value);
        CountedRow? pending = null;
        List<PartRow>? parts = null;
        await foreach (var row in values.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (pending is not null && row.PartOf is { } id && id == pending.PartOf)
            {
                parts!.Add(new PartRow(row.Sex, row.AgeGroup, row.PartValue ?? 0));
                continue;
            }
            if (pending is not null) yield return IndicatorLine(pending, indicators[pending.Indicator], parts ?? NoParts);
            pending = row;
            parts = row.PartOf is null ? null : [new PartRow(row.Sex, row.AgeGroup, row.PartValue ?? 0)];
        }
        if (pending is not null) yield return IndicatorLine(pending, indicators[pending.Indicator], parts ?? NoParts);
    }

    private WorkbookCell[] IndicatorLine(CountedRow v, IndicatorTexts indicator, List<PartRow> parts)
    {
        var cells = new WorkbookCell[14 + ImportColumns.Parts.Count];
        cells[0] = WorkbookCell.Of(v.Code);
        cells[1] = WorkbookCell.Of(v.Title);
        cells[2] = WorkbookCell.Of(CountryNames.Get(v.Country, t.English));
        cells[3] = WorkbookCell.Of(v.Indicator);
        cells[4] = indicator.Name;
        cells[5] = indicator.Unit;
        cells[6] = indicator.Kind;
        cells[7] = WorkbookCell.Of(v.PeriodStart);
        cells[8] = WorkbookCell.Of(v.PeriodEnd);
        cells[9] = WorkbookCell.Of(v.Value);
        cells[10] = WorkbookCell.Of(v.Baseline);
        cells[11] = WorkbookCell.Of(v.Target);
        cells[12] = WorkbookCell.Of(v.TargetDate);
        cells[13] = WorkbookCell.Percent(v.Value is { } value && v.Target is > 0 ? value / v.Target : null);
        // Most values have no parts: their part cells stay blank without a search.
        if (parts.Count > 0)
            for (var c = 0; c < ImportColumns.Parts.Count; c++)
                cells[14 + c] = WorkbookCell.Of(Part(parts, ImportColumns.Parts[c].Sex, ImportColumns.Parts[c].AgeGroup));
        return cells;
    }

    /// <summary>The value of one sex or one age group: its own part when recorded, otherwise the sum of its crossed
    /// parts (women aged 15 to 24…) when there are some; empty when the measurement does not say.</summary>
    private static double? Part(List<PartRow> parts, Sex? sex, AgeGroup? ageGroup)
    {
        var single = parts.FirstOrDefault(p => p.Sex == sex && p.AgeGroup == ageGroup);
        if (single is not null) return single.Value;
        var crossed = parts.Where(p => p.Sex is not null && p.AgeGroup is not null && (sex is null || p.Sex == sex) && (ageGroup is null || p.AgeGroup == ageGroup)).ToList();
        return crossed.Count == 0 ? null : crossed.Sum(p => p.Value);
    }
}

/// <summary>The workbook's words in French and English; the terms already used by the PDF reports come from
/// <see cref="ReportTexts"/>, so a donor reads the same words in both.</summary>
internal sealed class PortfolioWorkbookTexts(bool english)
{
    public bool English { get; } = english;
    public ReportTexts Report { get; } = ReportTexts.For(english ? "en" : "fr");

    private string T(string fr, string en) => English ? en : fr;

    public string SummarySheet => T("Synthèse", "Summary");
    public string ProjectsSheet => T("Projets", "Projects");
    public string FinancingSheet => T("Financements", "Financing");
    public string MilestonesSheet => T("Jalons", "Milestones");
    public string IndicatorsSheet => T("Indicateurs", "Indicators");

    public string Scope => T("Périmètre", "Scope");
    public string GeneratedOn => T("Généré le", "Generated on");
    public string ProjectsSection => T("Projets", "Projects");
    public string ProjectCount => T("Nombre de projets", "Number of projects");
    public string FinanceSection => T("Financement (euros)", "Funding (euros)");
    public string MissingRates => T("Devises sans taux de change (non comptées)", "Currencies without an exchange rate (not counted)");
    public string IndicatorsSection => T("Indicateurs", "Indicators");
    public string ByCountrySection => T("Indicateurs par pays", "Indicators by country");

    public string GrantLine => T("Subvention AIMF", "AIMF grant");
    public string CoFinancingLine => T("Cofinancement", "Co-financing");
    public string TrancheLine => T("Tranche", "Tranche");
    public string TranchePlanned => T("Prévue", "Planned");

    public string Kind(IndicatorKind kind) => kind == IndicatorKind.Cumulative ? T("Cumulatif", "Cumulative") : T("Additif", "Incremental");

    public IEnumerable<(string Code, string Label, WorkbookCell Value)> Filters(IPortfolioFilter f)
    {
        if (!string.IsNullOrWhiteSpace(f.Country))
            yield return ("country", Report.Country, WorkbookCell.Of(CountryNames.Get(f.Country.Trim(), English)));
        if (!string.IsNullOrWhiteSpace(f.Theme)) yield return ("theme", Report.Theme, WorkbookCell.Of(f.Theme.Trim().ToLowerInvariant()));
        if (!string.IsNullOrWhiteSpace(f.Instrument)) yield return ("instrument", Report.Instrument, WorkbookCell.Of(f.Instrument.Trim().ToUpperInvariant()));
        if (!string.IsNullOrWhiteSpace(f.Partner)) yield return ("partner", Report.Partner, WorkbookCell.Of(f.Partner.Trim().ToUpperInvariant()));
        if (!string.IsNullOrWhiteSpace(f.Programme)) yield return ("programme", Report.Programme, WorkbookCell.Of(f.Programme.Trim().ToUpperInvariant()));
        if (f.From is { } from) yield return ("from", T("Du", "From"), WorkbookCell.Of(from));
        if (f.To is { } to) yield return ("to", T("Au", "To"), WorkbookCell.Of(to));
    }

    public IReadOnlyList<WorkbookColumn> SummaryColumns =>
    [
        new(T("Rubrique", "Section"), 22), new(T("Libellé", "Item"), 50), new(T("Code", "Code"), 30),
        new(T("Valeur", "Value"), 18), new(Report.Target, 14), new(T("Unité", "Unit"), 12),
    ];

    public IReadOnlyList<WorkbookColumn> ProjectColumns =>
    [
        new(Report.Code, 16), new(Report.Title, 50), new(Report.LeadMember, 28), new(Report.Country, 16), new(Report.Theme, 22),
        new(Report.Instrument, 26), new(Report.Programme, 24), new(Report.StatusLabel, 12), new(T("Début prévu", "Planned start"), 12),
        new(T("Fin prévue", "Planned end"), 12), new(T("Début effectif", "Actual start"), 12), new(T("Fin effective", "Actual end"), 12),
        new(T("Devise", "Currency"), 9), new(Report.Grant, 18), new(Report.Paid, 18), new(Report.RemainingBalance, 18),
    ];

    public IReadOnlyList<WorkbookColumn> FinancingColumns =>
    [
        new(T("Type", "Type"), 16), new(Report.Code, 16), new(Report.Title, 44), new(Report.Partner, 28), new(T("N° de tranche", "Tranche no."), 10),
        new(Report.StatusLabel, 12), new(Report.PlannedDate, 12), new(T("Date effective", "Actual date"), 12), new(T("Devise", "Currency"), 9),
        new(Report.Amount, 18), new(T("Versé ou reçu", "Paid or received"), 18),
    ];

    public IReadOnlyList<WorkbookColumn> MilestoneColumns =>
    [
        new(Report.Code, 16), new(Report.Title, 44), new(Report.Milestone, 50), new(Report.PlannedDate, 12), new(Report.ActualDate, 12),
        new(Report.StatusLabel, 12),
    ];

    public IReadOnlyList<WorkbookColumn> IndicatorColumns =>
    [
        new(Report.Code, 16), new(Report.Title, 40), new(Report.Country, 14), new(T("Code indicateur", "Indicator code"), 24),
        new(Report.Indicator, 40), new(T("Unité", "Unit"), 11), new(T("Mode de calcul", "Aggregation"), 12),
        new(T("Début de période", "Period start"), 12), new(T("Fin de période", "Period end"), 12), new(T("Valeur", "Value"), 12),
        new(Report.Baseline, 12), new(Report.Target, 12), new(Report.TargetDate, 12), new(T("% de la cible", "% of target"), 10),
        .. ImportColumns.Parts.Select(c => new WorkbookColumn(c.Header(English), 11)),
    ];
}
