using System.Globalization;
using FluentValidation;
using MediatR;
using ProjectPortfolio.Application.Common.Formatting;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Application.Common.Security;

namespace ProjectPortfolio.Application.Reports;

/// <summary>A file to send back: its bytes, its media type and the name a browser saves it under.</summary>
public sealed record ReportFile(string FileName, string ContentType, byte[] Content);

/// <summary>The project fact sheet for donors, as a PDF in French ("fr", the default) or English ("en").
/// Who may see which project is <see cref="ProjectScope"/>'s rule, through <see cref="GetProjectDetailQuery"/>:
/// a project outside the reader's scope is "not found", exactly as on the API.</summary>
[Authorize]
public sealed record GetProjectFactSheetQuery(Guid Id, string? Language) : IRequest<ReportFile>;

public sealed class GetProjectFactSheetValidator : AbstractValidator<GetProjectFactSheetQuery>
{
    public GetProjectFactSheetValidator() =>
        RuleFor(q => q.Language)
            .Must(language => language is null || Formats.Languages.Contains(language.ToLowerInvariant()))
            .WithName("lang")
            .OverridePropertyName("lang")
            .WithMessage(_ => Messages.Pick("Langue inconnue : « fr » ou « en ».", "Unknown language: \"fr\" or \"en\"."));
}

public sealed class GetProjectFactSheetHandler(IMediator mediator, IPdfDocumentBuilder pdf, TimeProvider clock)
    : IRequestHandler<GetProjectFactSheetQuery, ReportFile>
{
    public async Task<ReportFile> Handle(GetProjectFactSheetQuery request, CancellationToken cancellationToken)
    {
        var language = request.Language?.ToLowerInvariant() ?? "fr";
        var project = await mediator.Send(new GetProjectDetailQuery(request.Id), cancellationToken);
        var document = ProjectFactSheet.Compose(project, language, clock.GetUtcNow());
        return new ReportFile($"{project.Code}-{language}.pdf", "application/pdf", pdf.Build(document));
    }
}

/// <summary>What the fact sheet says, block by block: identity, summary, partner members, budget and
/// co-financing, tranches, milestones, indicators. Pure: the same project gives the same document.</summary>
public static class ProjectFactSheet
{
    public static ReportDocument Compose(ProjectDetail p, string language, DateTimeOffset generatedAt)
    {
        var t = ReportTexts.For(language);
        var culture = Formats.CultureFor(language);
        var english = language == "en";
        var blocks = new List<ReportBlock>();

        var title = english && p.TitleEn is not null ? p.TitleEn : p.Title;
        blocks.Add(new Paragraph(t.FactSheet.ToUpper(culture) + " · " + p.Code, TextTone.Muted));
        blocks.Add(new Heading(title, 1));
        if (english && p.TitleEn is null) blocks.Add(new Paragraph(t.OnlyInFrench, TextTone.Muted));

        Identity(blocks, p, t, culture, english);
        Summary(blocks, p, t, english);
        PartnerMembers(blocks, p, t);
        Budget(blocks, p, t, culture);
        Tranches(blocks, p, t, culture);
        Milestones(blocks, p, t, culture, english);
        Indicators(blocks, p, t, culture, english);

        return new ReportDocument($"{p.Code} — {title}", language, generatedAt, blocks) { Subject = t.FactSheet };
    }

    private static void Identity(List<ReportBlock> blocks, ProjectDetail p, ReportTexts t, CultureInfo culture, bool english)
    {
        var items = new List<KeyValueItem>
        {
            new(t.Code, p.Code),
            new(t.LeadMember, p.LeadMemberName),
            new(t.Country, CountryNames.Get(p.Country, english)),
            new(t.Theme, english ? p.ThemeNameEn : p.ThemeNameFr),
            new(t.Instrument, english ? p.InstrumentNameEn : p.InstrumentNameFr),
        };
        if (p.ProgrammeName is not null) items.Add(new(t.Programme, p.ProgrammeName));
        items.Add(new(t.StatusLabel, t.Status(p.Status), TextTone.Strong));
        items.Add(new(t.PlannedPeriod, Period(p.PlannedStart, p.PlannedEnd, culture)));
        items.Add(new(t.ActualPeriod, p.ActualStart is null && p.ActualEnd is null ? "—" : Period(p.ActualStart, p.ActualEnd, culture)));
        items.Add(new(t.Grant, Formats.Money(p.GrantMinor, p.Currency, culture), TextTone.Strong));
        if (p.Predecessor is not null) items.Add(new(t.Continues, $"{p.Predecessor.Code} — {p.Predecessor.Title}"));
        foreach (var successor in p.Successors) items.Add(new(t.ContinuedBy, $"{successor.Code} — {successor.Title}"));

        blocks.Add(new Heading(t.Identity));
        blocks.Add(new KeyValueBlock(items));
    }

    private static void Summary(List<ReportBlock> blocks, ProjectDetail p, ReportTexts t, bool english)
    {
        blocks.Add(new Heading(t.Summary));
        var summary = english && p.SummaryEn is not null ? p.SummaryEn : p.Summary;
        if (summary is null)
        {
            blocks.Add(new Paragraph(t.NoSummary, TextTone.Muted));
            return;
        }
        blocks.Add(new Paragraph(summary));
        if (english && p.SummaryEn is null) blocks.Add(new Paragraph(t.OnlyInFrench, TextTone.Muted));
    }

    private static void PartnerMembers(List<ReportBlock> blocks, ProjectDetail p, ReportTexts t)
    {
        blocks.Add(new Heading(t.PartnerMembers));
        blocks.Add(p.PartnerMembers.Count == 0
            ? new Paragraph(t.NoPartnerMembers, TextTone.Muted)
            : new Paragraph(string.Join(" · ", p.PartnerMembers.Select(m => m.Name))));
    }

    private static void Budget(List<ReportBlock> blocks, ProjectDetail p, ReportTexts t, CultureInfo culture)
    {
        blocks.Add(new Heading(t.Budget));
        // Totals per currency, never converted: the grant's currency first, then the others in code order.
        var currencies = p.CoFinancing.Select(c => c.Currency).Append(p.Currency).Distinct()
            .OrderBy(c => c == p.Currency ? 0 : 1).ThenBy(c => c, StringComparer.Ordinal).ToList();
        string PerCurrency(Func<string, long> sum) =>
            string.Join(" + ", currencies.Select(c => (Currency: c, Minor: sum(c))).Where(x => x.Minor != 0 || x.Currency == p.Currency)
                .Select(x => Formats.Money(x.Minor, x.Currency, culture)));
        long CoFinanced(string currency) => p.CoFinancing.Where(c => c.Currency == currency).Sum(c => c.AmountMinor);
        var overview = new List<KeyValueItem> { new(t.Grant, Formats.Money(p.GrantMinor, p.Currency, culture), TextTone.Strong) };
        if (p.CoFinancing.Count > 0)
        {
            overview.Add(new(t.CoFinancingTotal, string.Join(" + ", currencies.Where(c => p.CoFinancing.Any(x => x.Currency == c))
                .Select(c => Formats.Money(CoFinanced(c), c, culture)))));
            overview.Add(new(t.TotalFunding, PerCurrency(c => CoFinanced(c) + (c == p.Currency ? p.GrantMinor : 0)), TextTone.Strong));
        }
        blocks.Add(new KeyValueBlock(overview));

        if (p.CoFinancing.Count == 0)
        {
            blocks.Add(new Paragraph(t.NoCoFinancing, TextTone.Muted));
            return;
        }

        var rows = p.CoFinancing
            .Select(c => new TableRow([c.PartnerName, Formats.Money(c.AmountMinor, c.Currency, culture), Formats.Money(c.ReceivedMinor, c.Currency, culture), t.Status(c.Status)]))
            .ToList();
        var totals = p.CoFinancing.GroupBy(c => c.Currency).OrderBy(g => g.Key == p.Currency ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => TableRow.Of($"{t.Total} {g.Key}", Formats.Money(g.Sum(c => c.AmountMinor), g.Key, culture), Formats.Money(g.Sum(c => c.ReceivedMinor), g.Key, culture), ""))
            .ToList();
        blocks.Add(new Table(
            [new(t.Partner, 3.2), new(t.Amount, 1.6, CellAlignment.Right), new(t.Received, 1.6, CellAlignment.Right), new(t.StatusLabel, 1.1)],
            rows) { Footer = totals });

        // Who pays what, in the grant's currency (amounts in other currencies are not converted here).
        var sources = new List<(string Name, long Minor)> { (t.AimfGrant, p.GrantMinor) };
        sources.AddRange(p.CoFinancing.Where(c => c.Currency == p.Currency).Select(c => (c.PartnerName, c.AmountMinor)));
        var largest = sources.Max(s => s.Minor);
        if (sources.Count > 1 && largest > 0)
        {
            blocks.Add(new Heading(t.FundingBySource, 3));
            blocks.Add(new BarChart(sources.Select(s => new BarItem(s.Name, (double)s.Minor / largest, Formats.Money(s.Minor, p.Currency, culture))).ToList())
            {
                Caption = t.FundingBySourceCaption(p.Currency),
                Style = BarChartStyle.Comparison,
            });
        }
    }

    private static void Tranches(List<ReportBlock> blocks, ProjectDetail p, ReportTexts t, CultureInfo culture)
    {
        blocks.Add(new Heading(t.Tranches));
        if (p.Tranches.Count == 0)
        {
            blocks.Add(new Paragraph(t.NoTranches, TextTone.Muted));
        }
        else
        {
            var rows = p.Tranches.Select(r => new TableRow([
                r.Sequence.ToString(culture), Formats.Date(r.PlannedDate, culture), Formats.Money(r.PlannedMinor, p.Currency, culture),
                Formats.Date(r.PaidDate, culture), r.PaidMinor is null ? "—" : Formats.Money(r.PaidMinor.Value, p.Currency, culture)])).ToList();
            blocks.Add(new Table(
                [new("#", 0.4, CellAlignment.Right), new(t.PlannedDate, 1.3), new(t.Amount, 1.7, CellAlignment.Right), new(t.PaidDate, 1.5), new(t.Paid, 1.7, CellAlignment.Right)],
                rows)
            {
                Footer = [TableRow.Of("", t.Total, Formats.Money(p.Tranches.Sum(r => r.PlannedMinor), p.Currency, culture), "", Formats.Money(p.DisbursedMinor, p.Currency, culture))],
            });
        }

        var remaining = p.GrantMinor - p.DisbursedMinor;
        blocks.Add(new KeyValueBlock([
            new(t.Disbursed, Formats.Money(p.DisbursedMinor, p.Currency, culture)),
            new(t.RemainingBalance, Formats.Money(remaining, p.Currency, culture), TextTone.Strong),
        ]));
        if (p.GrantMinor > 0)
        {
            var share = (double)p.DisbursedMinor / p.GrantMinor;
            blocks.Add(new ProgressBar(t.DisbursedOfGrant, share,
                $"{Formats.Percent(share, culture)} · {Formats.Money(p.DisbursedMinor, p.Currency, culture)} / {Formats.Money(p.GrantMinor, p.Currency, culture)}"));
        }
    }

    private static void Milestones(List<ReportBlock> blocks, ProjectDetail p, ReportTexts t, CultureInfo culture, bool english)
    {
        blocks.Add(new Heading(t.Milestones));
        if (p.Milestones.Count == 0)
        {
            blocks.Add(new Paragraph(t.NoMilestones, TextTone.Muted));
            return;
        }
        var rows = p.Milestones.Select(m =>
        {
            var title = english && m.TitleEn is not null ? m.TitleEn : m.Title;
            if (english && m.TitleEn is null) title += " " + t.FrenchOnlyMark;
            var tone = m.IsLate ? TextTone.Negative : m.Status == Domain.Projects.MilestoneStatus.Done ? TextTone.Positive : TextTone.Normal;
            return new TableRow([
                Formats.Date(m.PlannedDate, culture),
                new TableCell(Formats.Date(m.ActualDate, culture)),
                title,
                new TableCell(t.Status(m.Status, m.IsLate), tone),
            ]);
        }).ToList();
        blocks.Add(new Table([new(t.PlannedDate, 1.15), new(t.ActualDate, 1.15), new(t.Milestone, 4), new(t.StatusLabel, 1.05)], rows));
    }

    private static void Indicators(List<ReportBlock> blocks, ProjectDetail p, ReportTexts t, CultureInfo culture, bool english)
    {
        blocks.Add(new Heading(t.Indicators));
        if (p.Targets.Count == 0)
        {
            blocks.Add(new Paragraph(t.NoTargets, TextTone.Muted));
            return;
        }
        string Value(double? value, IndicatorUnit unit) =>
            value is null ? "—" : unit == IndicatorUnit.Percent ? Formats.Number(value, culture) + "\u00A0%" : Formats.Number(value, culture);
        // How far from the baseline towards the target: an incremental indicator's values add to the baseline, a
        // cumulative one's latest value is the level itself.
        double? Progress(TargetRow row)
        {
            if (row.Achieved is not { } achieved || row.Target == row.Baseline) return null;
            var level = row.Kind == IndicatorKind.Incremental ? row.Baseline + achieved : achieved;
            return (level - row.Baseline) / (row.Target - row.Baseline);
        }

        var rows = p.Targets.Select(r => new TableRow([
            english ? r.NameEn : r.NameFr,
            Value(r.Baseline, r.Unit), Value(r.Target, r.Unit), Value(r.Achieved, r.Unit),
            Formats.Date(r.TargetDate, culture),
            Progress(r) is { } share ? new TableCell(Formats.Percent(share, culture), share >= 1 ? TextTone.Positive : TextTone.Normal) : new TableCell("—", TextTone.Muted),
        ])).ToList();
        blocks.Add(new Table(
            [new(t.Indicator, 3.4), new(t.Baseline, 1, CellAlignment.Right), new(t.Target, 1, CellAlignment.Right), new(t.Achieved, 1, CellAlignment.Right),
             new(t.TargetDate, 1.15), new(t.Progress, 1.1, CellAlignment.Right)],
            rows));

        blocks.Add(new Heading(t.Progress, 3));
        blocks.Add(new BarChart(p.Targets.Select(r =>
        {
            var share = Progress(r);
            var text = share is null ? t.NotMeasured : $"{Formats.Percent(share.Value, culture)} ({Value(r.Achieved, r.Unit)} / {Value(r.Target, r.Unit)})";
            return new BarItem(english ? r.NameEn : r.NameFr, share ?? 0, text);
        }).ToList()) { Caption = t.ProgressCaption });
    }

    private static string Period(DateOnly? start, DateOnly? end, CultureInfo culture) => $"{Formats.Date(start, culture)} – {Formats.Date(end, culture)}";
}
