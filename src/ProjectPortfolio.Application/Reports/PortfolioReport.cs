using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Formatting;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Portfolio;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Application.Reports;

/// <summary>The portfolio report for a filter, as a PDF in French ("fr", the default) or English ("en"): the
/// filter in words, the totals and indicators of <see cref="GetPortfolioSummaryQuery"/> (the very figures of the
/// dashboard and the API), then one block per project. For a donor (a partner filter, or a signed-in donor) it
/// shows the donor's co-financing and its share of the budget. Same filters, same 400s as the summary.</summary>
[Authorize]
public sealed record GetPortfolioReportQuery(
    string? Country = null, string? Theme = null, string? Instrument = null, string? Partner = null, string? Programme = null,
    DateOnly? From = null, DateOnly? To = null, string? Language = null) : IRequest<ReportFile>, IPortfolioFilter;

public sealed class GetPortfolioReportValidator : PortfolioFilterValidator<GetPortfolioReportQuery>
{
    public GetPortfolioReportValidator(IApplicationDbContext db) : base(db) => RuleFor(q => q.Language).MustBeReportLanguage();
}

/// <summary>What the report shows of the filter, with the names in both languages.</summary>
public sealed record ReportScope(string? Country, string? ThemeFr, string? ThemeEn, string? InstrumentFr, string? InstrumentEn,
    string? PartnerName, string? ProgrammeName, DateOnly? From, DateOnly? To);

/// <summary>The donor the report is written for: its co-financing over the scope and the scope's whole budget
/// (grants and all co-financing), in euros by the summary's conversion rule.</summary>
public sealed record ReportDonor(string Name, decimal CoFinancingEur, decimal BudgetEur)
{
    public double? Share => BudgetEur > 0 ? (double)(CoFinancingEur / BudgetEur) : null;
}

public sealed record ReportCoFinancer(string PartnerName, long AmountMinor, string Currency);

/// <summary>A project's figure on one indicator in the report's scope: <paramref name="Achieved"/> is its
/// contribution as the dashboard's drill-down counts it; <paramref name="CountedIn"/> names the phase whose running
/// total already includes it (a cumulative indicator's earlier phase).</summary>
public sealed record ReportIndicator(string Code, string NameFr, string NameEn, IndicatorUnit Unit, double? Target, double Achieved, string? CountedIn);

public sealed record ReportProject(string Code, string Title, string? TitleEn, string LeadMemberName, string Country, ProjectStatus Status,
    DateOnly PlannedStart, DateOnly PlannedEnd, DateOnly? ActualStart, DateOnly? ActualEnd, long GrantMinor, string Currency, long DisbursedMinor,
    IReadOnlyList<ReportCoFinancer> CoFinancers, IReadOnlyList<ReportIndicator> Indicators, double? DonorShare);

public sealed record PortfolioReportData(ReportScope Scope, PortfolioSummary Summary, ReportDonor? Donor, IReadOnlyList<ReportProject> Projects);

public sealed class GetPortfolioReportHandler(IMediator mediator, IApplicationDbContext db, ICurrentUser user, IPdfDocumentBuilder pdf, TimeProvider clock)
    : IRequestHandler<GetPortfolioReportQuery, ReportFile>
{
    public async Task<ReportFile> Handle(GetPortfolioReportQuery request, CancellationToken cancellationToken)
    {
        var language = request.Language?.ToLowerInvariant() ?? "fr";
        // The summary itself, through the mediator: the report's totals are the dashboard's, by construction.
        var summary = await mediator.Send(new GetPortfolioSummaryQuery(request.Country, request.Theme, request.Instrument, request.Partner,
            request.Programme, request.From, request.To), cancellationToken);
        var data = await LoadAsync(request, summary, cancellationToken);
        var document = PortfolioReport.Compose(data, language, clock.GetUtcNow());
        return new ReportFile($"portefeuille-{clock.GetUtcNow():yyyy-MM-dd}-{language}.pdf", "application/pdf", pdf.Build(document));
    }

    /// <summary>Everything per project in a fixed number of queries (one per kind of data, never one per project).</summary>
    private async Task<PortfolioReportData> LoadAsync(GetPortfolioReportQuery request, PortfolioSummary summary, CancellationToken ct)
    {
        var figures = new PortfolioFigures(db, user, request);
        var scope = await ScopeAsync(request, ct);

        // The donor: the partner of the filter, else the signed-in donor's own partner.
        var partnerCode = request.Partner?.Trim().ToUpperInvariant();
        var donor = partnerCode is { Length: > 0 }
            ? await db.Partners.AsNoTracking().Where(p => p.Code == partnerCode).Select(p => new { p.Id, p.Name }).SingleAsync(ct)
            : user.IsInRole(Roles.Donor) && user.PartnerId is { } own
                ? await db.Partners.AsNoTracking().Where(p => p.Id == own).Select(p => new { p.Id, p.Name }).SingleOrDefaultAsync(ct)
                : null;

        var projects = await (
                from p in figures.Projects
                join m in db.Members on p.LeadMemberId equals m.Id
                select new { p.Id, p.Code, p.Title, p.TitleEn, Lead = m.Name, p.Country, p.Status, p.PlannedStart, p.PlannedEnd, p.ActualStart, p.ActualEnd,
                    p.GrantMinor, p.Currency })
            .ToListAsync(ct);
        var coFinancers = (await (
                from p in figures.Projects
                from c in p.CoFinancing
                join x in db.Partners on c.PartnerId equals x.Id
                select new { p.Id, c.PartnerId, x.Name, c.AmountMinor, c.Currency })
            .ToListAsync(ct))
            .ToLookup(c => c.Id);
        var disbursed = await figures.DisbursedPerProjectAsync(ct);
        var targets = (await (
                from p in figures.Projects
                from t in p.Targets
                select new { p.Id, t.IndicatorId, t.Target })
            .ToListAsync(ct))
            .ToDictionary(t => (t.Id, t.IndicatorId), t => t.Target);

        // Each project's contribution, counted as the drill-down counts it.
        var achieved = (await figures.IncrementalPerProjectAsync(ct)).ToDictionary(r => (r.ProjectId, r.IndicatorId), r => r.Total);
        var countedIn = new Dictionary<(Guid, Guid), Guid>();
        foreach (var lineage in await figures.CumulativeByLineageAsync(null, ct))
        {
            achieved[(lineage.CarrierProjectId, lineage.IndicatorId)] = lineage.Value;
            foreach (var phase in lineage.IncludedProjectIds) countedIn[(phase, lineage.IndicatorId)] = lineage.CarrierProjectId;
        }
        var catalogue = await db.Indicators.AsNoTracking().Select(i => new { i.Id, i.Code, i.NameFr, i.NameEn, i.Unit }).ToDictionaryAsync(i => i.Id, ct);
        var codes = projects.ToDictionary(p => p.Id, p => p.Code);
        var indicators = targets.Keys.Concat(achieved.Keys).Concat(countedIn.Keys).Distinct()
            .Select(k => (k.Item1, Row: new ReportIndicator(catalogue[k.Item2].Code, catalogue[k.Item2].NameFr, catalogue[k.Item2].NameEn, catalogue[k.Item2].Unit,
                targets.TryGetValue(k, out var target) ? target : null, achieved.GetValueOrDefault(k),
                countedIn.TryGetValue(k, out var carrier) ? codes.GetValueOrDefault(carrier) : null)))
            .ToLookup(r => r.Item1, r => r.Row);

        var budgets = donor is null ? null : await figures.BudgetsInEurosAsync(donor.Id, ct);
        var reportDonor = donor is null || budgets is null ? null
            : new ReportDonor(donor.Name, budgets.Values.Sum(b => b.PartnerEur), budgets.Values.Sum(b => b.TotalEur));

        var rows = projects
            .OrderBy(p => p.Country, StringComparer.Ordinal).ThenBy(p => p.Code, StringComparer.Ordinal)
            .Select(p => new ReportProject(p.Code, p.Title, p.TitleEn, p.Lead, p.Country, p.Status, p.PlannedStart, p.PlannedEnd, p.ActualStart, p.ActualEnd,
                p.GrantMinor, p.Currency, disbursed.GetValueOrDefault(p.Id),
                coFinancers[p.Id].OrderByDescending(c => donor is not null && c.PartnerId == donor.Id).ThenBy(c => c.Name, StringComparer.Ordinal)
                    .Select(c => new ReportCoFinancer(c.Name, c.AmountMinor, c.Currency)).ToList(),
                indicators[p.Id].OrderBy(i => i.Code, StringComparer.Ordinal).ToList(),
                budgets?.GetValueOrDefault(p.Id) is { TotalEur: > 0 } budget ? (double)(budget.PartnerEur / budget.TotalEur) : null))
            .ToList();
        return new PortfolioReportData(scope, summary, reportDonor, rows);
    }

    private async Task<ReportScope> ScopeAsync(GetPortfolioReportQuery filter, CancellationToken ct)
    {
        var theme = filter.Theme?.Trim().ToLowerInvariant();
        var instrument = filter.Instrument?.Trim().ToUpperInvariant();
        var partner = filter.Partner?.Trim().ToUpperInvariant();
        var programme = filter.Programme?.Trim().ToUpperInvariant();
        var themeNames = string.IsNullOrEmpty(theme) ? null
            : await db.Themes.AsNoTracking().Where(t => t.Code == theme).Select(t => new { t.NameFr, t.NameEn }).SingleAsync(ct);
        var instrumentNames = string.IsNullOrEmpty(instrument) ? null
            : await db.FundingInstruments.AsNoTracking().Where(i => i.Code == instrument).Select(i => new { i.NameFr, i.NameEn }).SingleAsync(ct);
        var partnerName = string.IsNullOrEmpty(partner) ? null
            : await db.Partners.AsNoTracking().Where(p => p.Code == partner).Select(p => p.Name).SingleAsync(ct);
        var programmeName = string.IsNullOrEmpty(programme) ? null
            : await db.Programmes.AsNoTracking().Where(p => p.Code == programme).Select(p => p.Name).SingleAsync(ct);
        var country = string.IsNullOrWhiteSpace(filter.Country) ? null : filter.Country.Trim().ToUpperInvariant();
        return new ReportScope(country, themeNames?.NameFr, themeNames?.NameEn, instrumentNames?.NameFr, instrumentNames?.NameEn,
            partnerName, programmeName, filter.From, filter.To);
    }
}

/// <summary>What the portfolio report says, block by block: title and scope, key figures, the donor's share,
/// indicators against targets with a chart, then one block per project. Pure: the same data give the same document.</summary>
public static class PortfolioReport
{
    public static ReportDocument Compose(PortfolioReportData data, string language, DateTimeOffset generatedAt)
    {
        var t = ReportTexts.For(language);
        var culture = Formats.CultureFor(language);
        var english = language == "en";
        var blocks = new List<ReportBlock>();
        var scope = ScopeWords(data.Scope, t, culture, english);

        blocks.Add(new Paragraph(t.PortfolioReport.ToUpper(culture), TextTone.Muted));
        blocks.Add(new Heading(data.Donor is null ? t.PortfolioReportTitle : t.DonorReportTitle(data.Donor.Name), 1));
        blocks.Add(new KeyValueBlock([
            new(t.Scope, scope, TextTone.Strong),
            new(t.GeneratedOn, Formats.Date(DateOnly.FromDateTime(generatedAt.UtcDateTime), culture)),
        ]));

        KeyFigures(blocks, data, t, culture);
        if (data.Donor is not null) DonorShare(blocks, data.Donor, t, culture);
        Indicators(blocks, data.Summary, t, culture, english);
        Projects(blocks, data, t, culture, english);

        return new ReportDocument($"{t.PortfolioReportTitle} — {scope}", language, generatedAt, blocks) { Subject = t.PortfolioReport };
    }

    /// <summary>The filter as a reader says it: "Rwanda · Santé · depuis le 01/01/2020".</summary>
    public static string ScopeWords(ReportScope s, ReportTexts t, CultureInfo culture, bool english)
    {
        var words = new List<string>();
        if (s.Country is not null) words.Add(CountryNames.Get(s.Country, english));
        if ((english ? s.ThemeEn : s.ThemeFr) is { } theme) words.Add(theme);
        if ((english ? s.InstrumentEn : s.InstrumentFr) is { } instrument) words.Add(instrument);
        if (s.ProgrammeName is not null) words.Add(s.ProgrammeName);
        if (s.PartnerName is not null) words.Add(t.CoFinancedBy(s.PartnerName));
        if (s.From is { } from && s.To is { } to) words.Add(t.PeriodFromTo(Formats.Date(from, culture), Formats.Date(to, culture)));
        else if (s.From is { } since) words.Add(t.PeriodFrom(Formats.Date(since, culture)));
        else if (s.To is { } until) words.Add(t.PeriodTo(Formats.Date(until, culture)));
        if (words.Count == 0) return t.WholePortfolio;
        var scope = string.Join(" · ", words);
        return char.ToUpper(scope[0], culture) + scope[1..];
    }

    private static string Euros(decimal amount, CultureInfo culture) =>
        Formats.Money(Currencies.ToMinor(decimal.Round(amount, 2, MidpointRounding.AwayFromZero), "EUR"), "EUR", culture);

    private static void KeyFigures(List<ReportBlock> blocks, PortfolioReportData data, ReportTexts t, CultureInfo culture)
    {
        var s = data.Summary;
        blocks.Add(new Heading(t.KeyFigures));
        var byStatus = Enum.GetValues<ProjectStatus>()
            .Where(status => s.Projects.ByStatus.GetValueOrDefault(status.ToString()) > 0)
            .Select(status => $"{t.Status(status)} {Formats.Number(s.Projects.ByStatus[status.ToString()], culture)}");
        var period = data.Scope.From is not null || data.Scope.To is not null;
        blocks.Add(new KeyValueBlock([
            new(t.ProjectsCount, Formats.Number(s.Projects.Total, culture), TextTone.Strong),
            new(t.ByStatus, s.Projects.Total == 0 ? "—" : string.Join(" · ", byStatus)),
            new(t.AwardedTotal, Euros(s.Finance.AwardedEur, culture), TextTone.Strong),
            new(period ? t.DisbursedInPeriod : t.Disbursed, Euros(s.Finance.DisbursedEur, culture)),
            new(t.CoFinancingTotal, Euros(s.Finance.CoFinancingEur, culture)),
        ]));
        if (s.Finance.AwardedEur > 0)
        {
            var share = (double)(s.Finance.DisbursedEur / s.Finance.AwardedEur);
            blocks.Add(new ProgressBar(t.DisbursedOfAwarded, share,
                $"{Formats.Percent(share, culture)} · {Euros(s.Finance.DisbursedEur, culture)} / {Euros(s.Finance.AwardedEur, culture)}"));
        }
        blocks.Add(new Paragraph(t.AmountsInEuros, TextTone.Muted));
        if (s.Finance.MissingRates is { Count: > 0 } missing) blocks.Add(new Paragraph(t.MissingRates(string.Join(", ", missing)), TextTone.Negative));
    }

    private static void DonorShare(List<ReportBlock> blocks, ReportDonor donor, ReportTexts t, CultureInfo culture)
    {
        blocks.Add(new Heading(t.DonorShare));
        blocks.Add(new KeyValueBlock([
            new(t.DonorCoFinancing, Euros(donor.CoFinancingEur, culture), TextTone.Strong),
            new(t.TotalBudget, Euros(donor.BudgetEur, culture)),
            new(t.ShareOfBudget, donor.Share is { } share ? Formats.Percent(share, culture) : "—", TextTone.Strong),
        ]));
        if (donor.Share is { } fraction)
            blocks.Add(new ProgressBar(t.ShareOfBudget, fraction, $"{Formats.Percent(fraction, culture)} · {Euros(donor.CoFinancingEur, culture)} / {Euros(donor.BudgetEur, culture)}"));
    }

    private static string Value(double? value, IndicatorUnit unit, CultureInfo culture) =>
        value is null ? "—" : unit == IndicatorUnit.Percent ? Formats.Number(value, culture) + "\u00A0%" : Formats.Number(value, culture);

    private static void Indicators(List<ReportBlock> blocks, PortfolioSummary s, ReportTexts t, CultureInfo culture, bool english)
    {
        blocks.Add(new Heading(t.Indicators));
        if (s.Indicators.Count == 0)
        {
            blocks.Add(new Paragraph(t.NoIndicatorsInScope, TextTone.Muted));
            return;
        }
        double? Ratio(IndicatorFigure f) => f.Target > 0 ? f.Total / f.Target : null;
        blocks.Add(new Table(
            [new(t.Indicator, 3.6), new(t.Achieved, 1.1, CellAlignment.Right), new(t.Target, 1.1, CellAlignment.Right), new(t.PercentOfTarget, 1, CellAlignment.Right)],
            s.Indicators.Select(f => new TableRow([
                english ? f.NameEn : f.NameFr,
                new TableCell(Value(f.Total, f.Unit, culture), TextTone.Strong),
                f.Target > 0 ? Value(f.Target, f.Unit, culture) : "—",
                Ratio(f) is { } r ? new TableCell(Formats.Percent(r, culture), r >= 1 ? TextTone.Positive : TextTone.Normal) : new TableCell("—", TextTone.Muted),
            ])).ToList()));

        var measured = s.Indicators.Where(f => f.Target > 0).ToList();
        if (measured.Count == 0) return;
        blocks.Add(new Heading(t.Progress, 3));
        blocks.Add(new BarChart(measured.Select(f => new BarItem(english ? f.NameEn : f.NameFr, f.Total / f.Target,
            $"{Formats.Percent(f.Total / f.Target, culture)} ({Value(f.Total, f.Unit, culture)} / {Value(f.Target, f.Unit, culture)})")).ToList())
            { Caption = t.PortfolioProgressCaption });
    }

    private static void Projects(List<ReportBlock> blocks, PortfolioReportData data, ReportTexts t, CultureInfo culture, bool english)
    {
        // The projects start on a page of their own, after the portfolio's figures.
        blocks.Add(new PageBreak());
        blocks.Add(new Heading(t.ProjectsHeading(data.Projects.Count)));
        if (data.Projects.Count == 0)
        {
            blocks.Add(new Paragraph(t.NoProjectsInScope, TextTone.Muted));
            return;
        }
        var period = data.Scope.From is not null || data.Scope.To is not null;
        foreach (var p in data.Projects)
        {
            var title = english && p.TitleEn is not null ? p.TitleEn : p.Title;
            if (english && p.TitleEn is null) title += " " + t.FrenchOnlyMark;
            blocks.Add(new Heading($"{p.Code} — {title}", 3));
            var items = new List<KeyValueItem>
            {
                new(t.LeadMember, $"{p.LeadMemberName} · {CountryNames.Get(p.Country, english)}"),
                new(t.StatusLabel, t.Status(p.Status), TextTone.Strong),
                new(t.PlannedPeriod, $"{Formats.Date(p.PlannedStart, culture)} – {Formats.Date(p.PlannedEnd, culture)}"),
            };
            if (p.ActualStart is not null || p.ActualEnd is not null)
                items.Add(new(t.ActualPeriod, $"{Formats.Date(p.ActualStart, culture)} – {Formats.Date(p.ActualEnd, culture)}"));
            items.Add(new(t.Grant, Formats.Money(p.GrantMinor, p.Currency, culture), TextTone.Strong));
            var disbursed = Formats.Money(p.DisbursedMinor, p.Currency, culture);
            if (p.GrantMinor > 0) disbursed += $" ({Formats.Percent((double)p.DisbursedMinor / p.GrantMinor, culture)})";
            items.Add(new(period ? t.DisbursedInPeriod : t.Disbursed, disbursed));
            items.Add(new(t.CoFinancers, p.CoFinancers.Count == 0 ? "—"
                : string.Join("\n", p.CoFinancers.Select(c => t.Colon(c.PartnerName, Formats.Money(c.AmountMinor, c.Currency, culture))))));
            if (data.Donor is not null)
                items.Add(new(t.DonorShare, p.DonorShare is { } share ? Formats.Percent(share, culture) : "—", TextTone.Strong));
            blocks.Add(new KeyValueBlock(items));

            if (p.Indicators.Count > 0)
                blocks.Add(new Table(
                    [new(t.Indicator, 3.4), new(t.Target, 1, CellAlignment.Right), new(t.Achieved, 1.9, CellAlignment.Right)],
                    p.Indicators.Select(i => new TableRow([
                        english ? i.NameEn : i.NameFr,
                        Value(i.Target, i.Unit, culture),
                        i.CountedIn is { } carrier ? new TableCell(t.CountedIn(carrier), TextTone.Muted) : new TableCell(Value(i.Achieved, i.Unit, culture)),
                    ])).ToList()));
            blocks.Add(new Spacer(6));
        }
    }
}
