using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Domain.Applications;
using ProjectPortfolio.Domain.BureauSessions;
using ProjectPortfolio.Domain.Projects;
using ProjectPortfolio.Application.Common.Security;

namespace ProjectPortfolio.Application.Applications;

/// <summary>The whole dossier of an application, as officers and Bureau members read it.</summary>
public sealed record ApplicationDetail(
    Guid Id, string Reference, int Version, ApplicationKind Kind, ApplicationStatus Status,
    Guid ApplicantMemberId, string ApplicantName, string Country,
    Guid? ContinuesProjectId, string? ContinuesProjectCode,
    string Title, string? TitleEn, string? Summary, string? SummaryEn,
    string? ThemeCode, string? InstrumentCode, string Currency, long? RequestedMinor, long? TotalBudgetMinor,
    DateOnly? PlannedStart, DateOnly? PlannedEnd, DateTime? SubmittedAtUtc,
    IReadOnlyList<PlanLineRow> CoFinancing, IReadOnlyList<ExpectedResultRow> ExpectedResults,
    IReadOnlyList<ScreeningRow> Screening, string? ScreeningComment,
    long? ProposedMinor, string? RecommendationComment,
    IReadOnlyList<OpinionRow> Opinions,
    Guid? SessionId, string? SessionCode, DecisionRow? Decision,
    IReadOnlyList<string> CompletenessProblems)
{
    /// <summary>The co-financing plan in euros, at the rates in force on the planned start (null if a currency has no rate).</summary>
    public decimal? CoFinancingEur { get; init; }

    /// <summary>The theme's and instrument's names, for documents that must not show bare codes.</summary>
    public string? ThemeNameFr { get; init; }
    public string? ThemeNameEn { get; init; }
    public string? InstrumentNameFr { get; init; }
    public string? InstrumentNameEn { get; init; }
}

public sealed record PlanLineRow(Guid PartnerId, string PartnerName, long AmountMinor, string Currency, CoFinancingStatus Status);

public sealed record ExpectedResultRow(Guid IndicatorId, string IndicatorCode, string NameFr, string NameEn, double Target);

public sealed record ScreeningRow(Guid CriterionId, string CriterionCode, string TextFr, string TextEn, ScreeningAnswerValue? Answer, string? Comment);

public sealed record OpinionRow(string MemberName, OpinionValue Opinion, string? Comment, DateTime GivenAtUtc);

public sealed record DecisionRow(DecisionOutcome Outcome, long? AwardedMinor, string? Reason, string? EnvelopeOverrideReason,
    IReadOnlyList<ConditionRow> Conditions, Guid? ProjectId, string? ProjectCode);

public sealed record ConditionRow(ConditionKind Kind, string Text, DateOnly Deadline);

[Authorize]
public sealed record GetApplicationDetailQuery(Guid Id) : IRequest<ApplicationDetail>;

public class GetApplicationDetailHandler(IApplicationDbContext db, ICurrentUser user, ExchangeRates.EuroConverter euros, TimeProvider clock) : IRequestHandler<GetApplicationDetailQuery, ApplicationDetail>
{
    public async Task<ApplicationDetail> Handle(GetApplicationDetailQuery request, CancellationToken cancellationToken)
    {
        var a = await db.GrantApplications.AsNoTracking().VisibleTo(user)
            .Include(x => x.CoFinancing).Include(x => x.ExpectedResults).Include(x => x.ScreeningAnswers).Include(x => x.Opinions)
            .SingleOrDefaultAsync(x => x.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Application", request.Id);

        var member = await db.Members.Where(m => m.Id == a.ApplicantMemberId).Select(m => new { m.Name, m.Country }).SingleAsync(cancellationToken);
        var partnerIds = a.CoFinancing.Select(c => c.PartnerId).ToList();
        var partners = await db.Partners.Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var indicators = await db.Indicators.ToDictionaryAsync(i => i.Id, cancellationToken);
        var criteria = await db.EligibilityCriteria.OrderBy(c => c.Order).ToListAsync(cancellationToken);
        var theme = await db.Themes.Where(t => t.Id == a.ThemeId).Select(t => new { t.Code, t.NameFr, t.NameEn }).FirstOrDefaultAsync(cancellationToken);
        var instrument = await db.FundingInstruments.Where(i => i.Id == a.InstrumentId).Select(i => new { i.Code, i.NameFr, i.NameEn }).FirstOrDefaultAsync(cancellationToken);
        var continues = a.ContinuesProjectId is null ? null
            : await db.Projects.Where(p => p.Id == a.ContinuesProjectId).Select(p => p.Code).FirstOrDefaultAsync(cancellationToken);
        var sessionCode = a.SessionId is null ? null
            : await db.BureauSessions.Where(s => s.Id == a.SessionId).Select(s => s.Code).FirstOrDefaultAsync(cancellationToken);

        // The latest decision on the application (a deferred one may have been decided again in a later session).
        var decision = await db.BureauSessions.SelectMany(s => s.Decisions)
            .Where(d => d.ApplicationId == a.Id).Include(d => d.Conditions).OrderByDescending(d => d.DecidedAtUtc)
            .FirstOrDefaultAsync(cancellationToken);
        DecisionRow? decisionRow = null;
        if (decision is not null)
        {
            var projectCode = decision.ProjectId is null ? null
                : await db.Projects.Where(p => p.Id == decision.ProjectId).Select(p => p.Code).FirstOrDefaultAsync(cancellationToken);
            decisionRow = new DecisionRow(decision.Outcome, decision.AwardedMinor, decision.Reason, decision.EnvelopeOverrideReason,
                decision.Conditions.Select(c => new ConditionRow(c.Kind, c.Text, c.Deadline)).ToList(), decision.ProjectId, projectCode);
        }

        var rateDate = a.PlannedStart ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var coFinancingEur = await euros.ToEurosAsync(a.CoFinancing.Select(c => (c.AmountMinor, c.Currency)), rateDate, cancellationToken);
        var rates = a.Status == ApplicationStatus.Draft
            ? await euros.RatesAsync(a.CoFinancing.Select(c => c.Currency).Append(a.Currency), rateDate, cancellationToken)
            : Domain.Finance.RateTable.None;
        return new ApplicationDetail(a.Id, a.Reference, a.Version, a.Kind, a.Status, a.ApplicantMemberId, member.Name, member.Country,
            a.ContinuesProjectId, continues, a.Title, a.TitleEn, a.Summary, a.SummaryEn, theme?.Code, instrument?.Code, a.Currency,
            a.RequestedMinor, a.TotalBudgetMinor, a.PlannedStart, a.PlannedEnd, a.SubmittedAtUtc,
            a.CoFinancing.Select(c => new PlanLineRow(c.PartnerId, partners.GetValueOrDefault(c.PartnerId, "?"), c.AmountMinor, c.Currency, c.Status)).ToList(),
            a.ExpectedResults.Select(r => new ExpectedResultRow(r.IndicatorId, indicators[r.IndicatorId].Code, indicators[r.IndicatorId].NameFr, indicators[r.IndicatorId].NameEn, r.Target)).ToList(),
            criteria.Select(c =>
            {
                var answer = a.ScreeningAnswers.SingleOrDefault(s => s.CriterionId == c.Id);
                return new ScreeningRow(c.Id, c.Code, c.TextFr, c.TextEn, answer?.Answer, answer?.Comment);
            }).ToList(),
            a.ScreeningComment, a.ProposedMinor, a.RecommendationComment,
            a.Opinions.OrderBy(o => o.GivenAtUtc).Select(o => new OpinionRow(o.MemberName, o.Opinion, o.Comment, o.GivenAtUtc)).ToList(),
            a.SessionId, sessionCode, decisionRow,
            a.Status == ApplicationStatus.Draft ? a.CompletenessProblems(rates).Select(p => $"{p.Field}.{p.Code}").ToList() : [])
        {
            CoFinancingEur = coFinancingEur,
            ThemeNameFr = theme?.NameFr, ThemeNameEn = theme?.NameEn,
            InstrumentNameFr = instrument?.NameFr, InstrumentNameEn = instrument?.NameEn,
        };
    }
}
