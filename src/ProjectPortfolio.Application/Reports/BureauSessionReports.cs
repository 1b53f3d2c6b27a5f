using System.Globalization;
using FluentValidation;
using MediatR;
using ProjectPortfolio.Application.Applications;
using ProjectPortfolio.Application.BureauSessions;
using ProjectPortfolio.Application.Common.Formatting;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Domain.Applications;
using ProjectPortfolio.Domain.BureauSessions;
using ProjectPortfolio.Application.Common.Security;

namespace ProjectPortfolio.Application.Reports;

/// <summary>The dossier the Bureau reads before a session: cover, agenda, then one section per application
/// (summary, budget and co-financing, expected results, screening, recommendation, opinions).</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer, Roles.BureauMember)]
public sealed record GetSessionDossierQuery(Guid SessionId, string? Language) : IRequest<ReportFile>;

/// <summary>The minutes of the decisions: attendance and quorum, each decision with its amount and conditions, totals.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer, Roles.BureauMember)]
public sealed record GetSessionMinutesQuery(Guid SessionId, string? Language) : IRequest<ReportFile>;

public sealed class GetSessionDossierValidator : AbstractValidator<GetSessionDossierQuery>
{
    public GetSessionDossierValidator() => RuleFor(q => q.Language).MustBeReportLanguage();
}

public sealed class GetSessionMinutesValidator : AbstractValidator<GetSessionMinutesQuery>
{
    public GetSessionMinutesValidator() => RuleFor(q => q.Language).MustBeReportLanguage();
}

internal static class ReportLanguageRule
{
    public static IRuleBuilderOptions<T, string?> MustBeReportLanguage<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(language => language is null || Formats.Languages.Contains(language.ToLowerInvariant()))
            .OverridePropertyName("lang")
            .WithMessage(_ => Messages.Pick("Langue inconnue : « fr » ou « en ».", "Unknown language: \"fr\" or \"en\"."));
}

public sealed class BureauSessionReportsHandler(IMediator mediator, IPdfDocumentBuilder pdf, TimeProvider clock) :
    IRequestHandler<GetSessionDossierQuery, ReportFile>,
    IRequestHandler<GetSessionMinutesQuery, ReportFile>
{
    public async Task<ReportFile> Handle(GetSessionDossierQuery request, CancellationToken cancellationToken)
    {
        var language = request.Language?.ToLowerInvariant() ?? "fr";
        // The same queries as the pages: same authorisation, same figures.
        var session = await mediator.Send(new GetSessionDetailQuery(request.SessionId), cancellationToken);
        var dossiers = new List<ApplicationDetail>();
        foreach (var item in session.Agenda)
            dossiers.Add(await mediator.Send(new GetApplicationDetailQuery(item.ApplicationId), cancellationToken));
        var document = SessionReports.Dossier(session, dossiers, language, clock.GetUtcNow());
        return new ReportFile($"{session.Code}-dossier-{language}.pdf", "application/pdf", pdf.Build(document));
    }

    public async Task<ReportFile> Handle(GetSessionMinutesQuery request, CancellationToken cancellationToken)
    {
        var language = request.Language?.ToLowerInvariant() ?? "fr";
        var session = await mediator.Send(new GetSessionDetailQuery(request.SessionId), cancellationToken);
        var conditions = new Dictionary<Guid, DecisionRow?>();
        foreach (var item in session.Agenda.Where(a => a.Outcome is not null))
            conditions[item.ApplicationId] = (await mediator.Send(new GetApplicationDetailQuery(item.ApplicationId), cancellationToken)).Decision;
        var document = SessionReports.Minutes(session, conditions, language, clock.GetUtcNow());
        return new ReportFile($"{session.Code}-minutes-{language}.pdf", "application/pdf", pdf.Build(document));
    }
}

/// <summary>What the two session documents say. Pure functions of the data, so they can be tested without a PDF.</summary>
public static class SessionReports
{
    private sealed record Texts(
        string Dossier, string Minutes, string SessionOf, string Code, string Date, string Place, string Status, string Agenda, string NewProjects,
        string Continuations, string Reference, string Title, string Applicant, string Country, string Requested, string Proposed, string Kind,
        string Theme, string Instrument, string TotalBudget, string Period, string Summary, string CoFinancing, string Partner, string Amount,
        string ExpectedResults, string Indicator, string Target, string Screening, string Criterion, string Answer, string Recommendation,
        string Opinions, string NoOpinion, string Attendance, string Quorum, string QuorumMet, string QuorumNotMet, string Decisions, string Outcome,
        string Awarded, string Conditions, string Totals, string NewApproved, string ContinuationsApproved, string AwardedByInstrument,
        string AwardedByCountry, string Envelopes, string Envelope, string Remaining, string None, string Reason, string Override,
        Func<ApplicationKind, string> KindName, Func<DecisionOutcome, string> OutcomeName, Func<ScreeningAnswerValue?, string> AnswerName,
        Func<OpinionValue, string> OpinionName, Func<SessionStatus, string> StatusName, Func<ConditionKind, string> ConditionName);

    private static readonly Texts French = new(
        "Dossier de séance", "Procès-verbal des décisions", "Réunion du Bureau du", "Code", "Date", "Lieu", "Statut", "Ordre du jour", "Nouveaux projets",
        "Suites de projets", "Référence", "Titre", "Demandeur", "Pays", "Montant demandé", "Montant proposé", "Nature",
        "Axe", "Guichet", "Budget total", "Période prévue", "Résumé", "Cofinancements", "Partenaire", "Montant",
        "Résultats attendus", "Indicateur", "Cible", "Instruction", "Critère", "Réponse", "Recommandation",
        "Avis des membres du Bureau", "Aucun avis.", "Présents", "Quorum", "atteint", "non atteint", "Décisions", "Décision",
        "Montant accordé", "Conditions", "Totaux", "Nouveaux projets approuvés", "Suites de projets approuvées", "Montants accordés par guichet",
        "Montants accordés par pays", "Enveloppes", "Enveloppe", "Reste", "—", "Motif", "Dérogation à l'enveloppe",
        k => k == ApplicationKind.NewProject ? "Nouveau projet" : "Suite de projet",
        o => o switch { DecisionOutcome.Approved => "Approuvée", DecisionOutcome.Rejected => "Rejetée", _ => "Ajournée" },
        a => a switch { ScreeningAnswerValue.Yes => "Oui", ScreeningAnswerValue.No => "Non", ScreeningAnswerValue.NotApplicable => "Sans objet", _ => "—" },
        o => o switch { OpinionValue.Favourable => "Favorable", OpinionValue.Reserved => "Réservé", _ => "Défavorable" },
        s => s switch { SessionStatus.Planned => "Prévue", SessionStatus.Held => "Tenue", _ => "Clôturée" },
        c => c switch { ConditionKind.Policy => "Politique", ConditionKind.Performance => "Performance", _ => "Fiduciaire" });

    private static readonly Texts English = new(
        "Session dossier", "Decision minutes", "Bureau session of", "Code", "Date", "Place", "Status", "Agenda", "New projects",
        "Continuations", "Reference", "Title", "Applicant", "Country", "Amount requested", "Proposed amount", "Kind",
        "Theme", "Instrument", "Total budget", "Planned period", "Summary", "Co-financing", "Partner", "Amount",
        "Expected results", "Indicator", "Target", "Screening", "Criterion", "Answer", "Recommendation",
        "Bureau members' opinions", "No opinion.", "Attendance", "Quorum", "met", "not met", "Decisions", "Decision",
        "Amount awarded", "Conditions", "Totals", "New projects approved", "Continuations approved", "Awarded by instrument",
        "Awarded by country", "Envelopes", "Envelope", "Remaining", "—", "Reason", "Envelope override",
        k => k == ApplicationKind.NewProject ? "New project" : "Continuation",
        o => o.ToString(),
        a => a switch { ScreeningAnswerValue.Yes => "Yes", ScreeningAnswerValue.No => "No", ScreeningAnswerValue.NotApplicable => "Not applicable", _ => "—" },
        o => o.ToString(),
        s => s.ToString(),
        c => c.ToString());

    private static Texts For(string language) => language == "en" ? English : French;

    public static ReportDocument Dossier(SessionDetail s, IReadOnlyList<ApplicationDetail> dossiers, string language, DateTimeOffset generatedAt)
    {
        var t = For(language);
        var culture = Formats.CultureFor(language);
        var english = language == "en";
        var blocks = new List<ReportBlock>
        {
            new Paragraph(t.Dossier.ToUpper(culture), TextTone.Muted),
            new Heading($"{t.SessionOf} {Formats.Date(s.Date, culture)} — {s.Place}", 1),
            new KeyValueBlock([new(t.Code, s.Code), new(t.Date, Formats.Date(s.Date, culture)), new(t.Place, s.Place), new(t.Status, t.StatusName(s.Status))]),
        };
        Envelopes(blocks, s, t, culture, english);

        blocks.Add(new Heading(t.Agenda));
        foreach (var group in s.Agenda.GroupBy(a => a.Kind))
        {
            blocks.Add(new Heading(group.Key == ApplicationKind.NewProject ? t.NewProjects : t.Continuations, 3));
            blocks.Add(new Table(
                [new(t.Reference, 1.45), new(t.Title, 2.8), new(t.Applicant, 1.7), new(t.Country, 1.3), new(t.Requested, 1.5, CellAlignment.Right), new(t.Proposed, 1.5, CellAlignment.Right)],
                group.Select(a => TableRow.Of(a.Reference, a.Title, a.ApplicantName, CountryNames.Get(a.Country, english),
                    Money(a.RequestedMinor, a.Currency, culture), Money(a.ProposedMinor, a.Currency, culture))).ToList()));
        }

        foreach (var d in dossiers.OrderBy(d => d.Kind).ThenBy(d => d.Country).ThenBy(d => d.Reference))
        {
            blocks.Add(new Heading($"{d.Reference} — {d.Title}"));
            blocks.Add(new KeyValueBlock(
            [
                new(t.Applicant, $"{d.ApplicantName} ({CountryNames.Get(d.Country, english)})"),
                new(t.Kind, t.KindName(d.Kind) + (d.ContinuesProjectCode is null ? "" : $" — {d.ContinuesProjectCode}")),
                new(t.Theme, (english ? d.ThemeNameEn : d.ThemeNameFr) ?? d.ThemeCode ?? t.None),
                new(t.Instrument, (english ? d.InstrumentNameEn : d.InstrumentNameFr) ?? d.InstrumentCode ?? t.None),
                new(t.Requested, Money(d.RequestedMinor, d.Currency, culture), TextTone.Strong),
                new(t.TotalBudget, Money(d.TotalBudgetMinor, d.Currency, culture)),
                new(t.Period, $"{Formats.Date(d.PlannedStart, culture)} – {Formats.Date(d.PlannedEnd, culture)}"),
            ]));
            if (d.Summary is not null) blocks.Add(new Paragraph(d.Summary));
            if (d.CoFinancing.Count > 0)
            {
                blocks.Add(new Heading(t.CoFinancing, 3));
                blocks.Add(new Table([new(t.Partner, 3), new(t.Amount, 1.5, CellAlignment.Right)],
                    d.CoFinancing.Select(c => TableRow.Of(c.PartnerName, Formats.Money(c.AmountMinor, c.Currency, culture))).ToList()));
            }
            if (d.ExpectedResults.Count > 0)
            {
                blocks.Add(new Heading(t.ExpectedResults, 3));
                blocks.Add(new Table([new(t.Indicator, 4), new(t.Target, 1, CellAlignment.Right)],
                    d.ExpectedResults.Select(r => TableRow.Of(english ? r.NameEn : r.NameFr, Formats.Number(r.Target, culture))).ToList()));
            }
            var answered = d.Screening.Where(c => c.Answer is not null).ToList();
            if (answered.Count > 0 || d.ScreeningComment is not null)
            {
                blocks.Add(new Heading(t.Screening, 3));
                if (answered.Count > 0)
                    blocks.Add(new Table([new(t.Criterion, 4), new(t.Answer, 1)],
                        answered.Select(c => new TableRow([new(english ? c.TextEn : c.TextFr), new(t.AnswerName(c.Answer),
                            c.Answer == ScreeningAnswerValue.No ? TextTone.Negative : TextTone.Normal)])).ToList()));
                if (d.ScreeningComment is not null) blocks.Add(new Paragraph(d.ScreeningComment));
            }
            blocks.Add(new Heading(t.Recommendation, 3));
            blocks.Add(new KeyValueBlock([new(t.Proposed, Money(d.ProposedMinor, d.Currency, culture), TextTone.Strong)]));
            if (d.RecommendationComment is not null) blocks.Add(new Paragraph(d.RecommendationComment));
            blocks.Add(new Heading(t.Opinions, 3));
            blocks.Add(d.Opinions.Count == 0
                ? new Paragraph(t.NoOpinion, TextTone.Muted)
                : new Table([new(english ? "Member" : "Membre", 2), new(t.Outcome, 1), new(t.Reason, 3)],
                    d.Opinions.Select(o => TableRow.Of(o.MemberName, t.OpinionName(o.Opinion), o.Comment ?? "")).ToList()));
        }
        return new ReportDocument($"{t.Dossier} — {s.Code}", language, generatedAt, blocks) { Subject = t.Dossier };
    }

    public static ReportDocument Minutes(SessionDetail s, IReadOnlyDictionary<Guid, DecisionRow?> decisions, string language, DateTimeOffset generatedAt)
    {
        var t = For(language);
        var culture = Formats.CultureFor(language);
        var english = language == "en";
        var blocks = new List<ReportBlock>
        {
            new Paragraph(t.Minutes.ToUpper(culture), TextTone.Muted),
            new Heading($"{t.SessionOf} {Formats.Date(s.Date, culture)} — {s.Place}", 1),
            new KeyValueBlock(
            [
                new(t.Code, s.Code), new(t.Status, t.StatusName(s.Status)),
                new(t.Attendance, s.Attendance.Count == 0 ? t.None : string.Join(", ", s.Attendance)),
                new(t.Quorum, $"{(s.QuorumMet ? t.QuorumMet : t.QuorumNotMet)} ({s.Attendance.Count} / {s.Quorum})", s.QuorumMet ? TextTone.Positive : TextTone.Negative),
            ]),
            new Heading(t.Decisions),
        };
        var decided = s.Agenda.Where(a => a.Outcome is not null).ToList();
        blocks.Add(new Table(
            [new(t.Reference, 1.45), new(t.Title, 2.6), new(t.Applicant, 1.6), new(t.Outcome, 1.35), new(t.Awarded, 1.5, CellAlignment.Right), new(t.Conditions, 2.3)],
            decided.Select(a =>
            {
                var d = decisions.GetValueOrDefault(a.ApplicationId);
                var notes = new List<string>();
                if (d is not null)
                {
                    notes.AddRange(d.Conditions.Select(c => $"{t.ConditionName(c.Kind)} : {c.Text} ({Formats.Date(c.Deadline, culture)})"));
                    if (d.Reason is not null) notes.Add($"{t.Reason} : {d.Reason}");
                    if (d.EnvelopeOverrideReason is not null) notes.Add($"{t.Override} : {d.EnvelopeOverrideReason}");
                }
                return new TableRow([new(a.Reference), new(a.Title), new(a.ApplicantName),
                    new(t.OutcomeName(a.Outcome!.Value), a.Outcome == DecisionOutcome.Approved ? TextTone.Positive : a.Outcome == DecisionOutcome.Rejected ? TextTone.Negative : TextTone.Normal),
                    new(Money(a.AwardedMinor, a.Currency, culture)), new(notes.Count == 0 ? "" : string.Join("\n", notes))]);
            }).ToList()));

        blocks.Add(new Heading(t.Totals));
        blocks.Add(new KeyValueBlock(
        [
            new(t.NewApproved, s.Summary.NewProjectsApproved.ToString(culture), TextTone.Strong),
            new(t.ContinuationsApproved, s.Summary.ContinuationsApproved.ToString(culture), TextTone.Strong),
            .. Enum.GetValues<DecisionOutcome>().Select(o => new KeyValueItem(t.OutcomeName(o), s.Summary.ByOutcome.GetValueOrDefault(o).ToString(culture))),
        ]));
        if (s.Summary.AwardedByInstrument.Count > 0)
            blocks.Add(new Table([new(t.AwardedByInstrument, 3), new(t.Awarded, 1.5, CellAlignment.Right)],
                s.Summary.AwardedByInstrument.Select(r => TableRow.Of(r.Key, Formats.Money(r.AmountMinor, r.Currency, culture))).ToList()));
        if (s.Summary.AwardedByCountry.Count > 0)
            blocks.Add(new Table([new(t.AwardedByCountry, 3), new(t.Awarded, 1.5, CellAlignment.Right)],
                s.Summary.AwardedByCountry.Select(r => TableRow.Of(CountryNames.Get(r.Key, english), Formats.Money(r.AmountMinor, r.Currency, culture))).ToList()));
        Envelopes(blocks, s, t, culture, english);
        if (s.Amendments.Count > 0)
        {
            blocks.Add(new Heading(english ? "Amendments" : "Amendements"));
            blocks.Add(new Table(
                [new(t.Reference, 1.45), new(english ? "Before" : "Avant", 1.5, CellAlignment.Right), new(english ? "After" : "Après", 1.5, CellAlignment.Right), new(t.Reason, 3.5), new(t.Date, 1.3)],
                s.Amendments.Select(a => TableRow.Of(a.Reference, Formats.Money(a.PreviousAwardedMinor, a.Currency, culture), Formats.Money(a.NewAwardedMinor, a.Currency, culture),
                    $"{a.Reason} ({a.AmendedBy})", Formats.Date(DateOnly.FromDateTime(a.AmendedAtUtc), culture))).ToList()));
        }
        return new ReportDocument($"{t.Minutes} — {s.Code}", language, generatedAt, blocks) { Subject = t.Minutes };
    }

    private static void Envelopes(List<ReportBlock> blocks, SessionDetail s, Texts t, CultureInfo culture, bool english)
    {
        if (s.Envelopes.Count == 0) return;
        blocks.Add(new Heading(t.Envelopes, 3));
        blocks.Add(new Table(
            [new(t.Instrument, 3), new(t.Envelope, 1.5, CellAlignment.Right), new(t.Awarded, 1.5, CellAlignment.Right), new(t.Remaining, 1.5, CellAlignment.Right)],
            s.Envelopes.Select(e => new TableRow([new(english ? e.InstrumentNameEn : e.InstrumentNameFr), new(Formats.Money(e.AmountMinor, e.Currency, culture)),
                new(Formats.Money(e.AwardedMinor, e.Currency, culture)),
                new(Formats.Money(e.RemainingMinor, e.Currency, culture), e.RemainingMinor < 0 ? TextTone.Negative : TextTone.Normal)])).ToList()));
    }

    private static string Money(long? minor, string currency, CultureInfo culture) => minor is null ? "—" : Formats.Money(minor.Value, currency, culture);
}
