using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Indicators;
using ProjectPortfolio.Domain.Projects;
using ProjectPortfolio.Application.Common.Security;

namespace ProjectPortfolio.Application.Projects;

public sealed record ProjectDetail(
    Guid Id, string Code, string Title, string? TitleEn, string? Summary, string? SummaryEn,
    Guid LeadMemberId, string LeadMemberName, string Country, string ThemeCode, string ThemeNameFr, string ThemeNameEn,
    string InstrumentCode, string InstrumentNameFr, string InstrumentNameEn, Guid? ProgrammeId, string? ProgrammeName,
    ProjectStatus Status, DateOnly PlannedStart, DateOnly PlannedEnd, DateOnly? ActualStart, DateOnly? ActualEnd,
    long GrantMinor, string Currency, int Version,
    ProjectLink? Predecessor, IReadOnlyList<ProjectLink> Successors,
    IReadOnlyList<MemberRef> PartnerMembers,
    IReadOnlyList<CoFinancingRow> CoFinancing,
    IReadOnlyList<TrancheRow> Tranches,
    IReadOnlyList<MilestoneRow> Milestones,
    IReadOnlyList<TargetRow> Targets)
{
    public long DisbursedMinor => Tranches.Sum(t => t.PaidMinor ?? 0);

    /// <summary>What is left of the grant to pay: the grant minus the payments made.</summary>
    public long RemainingMinor => GrantMinor - DisbursedMinor;
}

public sealed record ProjectLink(Guid Id, string Code, string Title);

public sealed record MemberRef(Guid Id, string Name);

public sealed record CoFinancingRow(Guid Id, Guid PartnerId, string PartnerName, long AmountMinor, long ReceivedMinor, string Currency, CoFinancingStatus Status,
    DateOnly? ReceivedOn);

/// <summary>A tranche, its release conditions and whether it can be paid now (unpaid, every condition met, grant left).</summary>
public sealed record TrancheRow(Guid Id, int Sequence, DateOnly PlannedDate, long PlannedMinor, DateOnly? PaidDate, long? PaidMinor,
    IReadOnlyList<TrancheConditionRow> Conditions, bool IsPayable);

/// <summary>A release condition; for a milestone condition, <see cref="IsMet"/> follows the milestone's status.</summary>
public sealed record TrancheConditionRow(Guid Id, TrancheConditionKind Kind, Guid? MilestoneId, string? MilestoneTitle, string? MilestoneTitleEn,
    string? Text, bool IsMet, DateOnly? MilestoneDoneOn, DateTime? MetAtUtc, string? MetBy, string? MetNote);

public sealed record MilestoneRow(Guid Id, string Title, string? TitleEn, DateOnly PlannedDate, DateOnly? ActualDate, MilestoneStatus Status, bool IsLate);

public sealed record TargetRow(string IndicatorCode, string NameFr, string NameEn, IndicatorUnit Unit, IndicatorKind Kind,
    double Baseline, double Target, DateOnly TargetDate, double? Achieved, bool HasMeasurements);

[Authorize]
public sealed record GetProjectDetailQuery(Guid Id) : IRequest<ProjectDetail>;

public class GetProjectDetailHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<GetProjectDetailQuery, ProjectDetail>
{
    public async Task<ProjectDetail> Handle(GetProjectDetailQuery request, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var head = await (
                from p in db.Projects.AsNoTracking().VisibleTo(user)
                where p.Id == request.Id
                join t in db.Themes on p.ThemeId equals t.Id
                join i in db.FundingInstruments on p.InstrumentId equals i.Id
                join m in db.Members on p.LeadMemberId equals m.Id
                select new
                {
                    p.Id, p.Code, p.Title, p.TitleEn, p.Summary, p.SummaryEn, p.LeadMemberId, LeadMemberName = m.Name, p.Country,
                    ThemeCode = t.Code, ThemeNameFr = t.NameFr, ThemeNameEn = t.NameEn,
                    InstrumentCode = i.Code, InstrumentNameFr = i.NameFr, InstrumentNameEn = i.NameEn,
                    p.ProgrammeId, ProgrammeName = db.Programmes.Where(g => g.Id == p.ProgrammeId).Select(g => g.Name).FirstOrDefault(),
                    p.Status, p.PlannedStart, p.PlannedEnd, p.ActualStart, p.ActualEnd, p.GrantMinor, p.Currency, p.Version, p.PredecessorId,
                })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Project", request.Id);

        var predecessor = head.PredecessorId is null ? null : await db.Projects.AsNoTracking()
            .Where(p => p.Id == head.PredecessorId).Select(p => new ProjectLink(p.Id, p.Code, p.Title)).SingleOrDefaultAsync(cancellationToken);
        var successors = await db.Projects.AsNoTracking().Where(p => p.PredecessorId == head.Id)
            .OrderBy(p => p.PlannedStart).Select(p => new ProjectLink(p.Id, p.Code, p.Title)).ToListAsync(cancellationToken);
        var partnerMembers = await (
            from pm in db.Projects.Where(p => p.Id == head.Id).SelectMany(p => p.PartnerMembers)
            join m in db.Members on pm.MemberId equals m.Id
            orderby m.Name
            select new MemberRef(m.Id, m.Name)).ToListAsync(cancellationToken);
        var coFinancing = await (
            from c in db.Projects.Where(p => p.Id == head.Id).SelectMany(p => p.CoFinancing)
            join partner in db.Partners on c.PartnerId equals partner.Id
            orderby partner.Name
            select new CoFinancingRow(c.Id, partner.Id, partner.Name, c.AmountMinor, c.ReceivedMinor, c.Currency, c.Status, c.ReceivedOn)).ToListAsync(cancellationToken);
        var trancheHeads = await db.Projects.Where(p => p.Id == head.Id).SelectMany(p => p.Tranches)
            .OrderBy(t => t.Sequence)
            .Select(t => new { t.Id, t.Sequence, t.PlannedDate, t.PlannedMinor, t.PaidDate, t.PaidMinor }).ToListAsync(cancellationToken);
        var conditions = await (
            from c in db.Projects.Where(p => p.Id == head.Id).SelectMany(p => p.Tranches).SelectMany(t => t.Conditions)
            from m in db.Projects.Where(p => p.Id == head.Id).SelectMany(p => p.Milestones).Where(m => m.Id == c.MilestoneId).DefaultIfEmpty()
            select new
            {
                c.TrancheId,
                Row = new TrancheConditionRow(c.Id, c.Kind, c.MilestoneId, m == null ? null : m.Title, m == null ? null : m.TitleEn, c.Text,
                    c.Kind == TrancheConditionKind.MilestoneDone ? m != null && m.Status == MilestoneStatus.Done : c.MetAtUtc != null,
                    m == null ? null : m.ActualDate, c.MetAtUtc, c.MetBy, c.MetNote),
            }).ToListAsync(cancellationToken);
        var remaining = head.GrantMinor - trancheHeads.Sum(t => t.PaidMinor ?? 0);
        var tranches = trancheHeads.Select(t =>
        {
            // Kinds in declaration order (milestones first), then as entered (ids are time-ordered v7 GUIDs).
            var own = conditions.Where(c => c.TrancheId == t.Id).Select(c => c.Row).OrderBy(c => c.Kind).ThenBy(c => c.Id).ToList();
            return new TrancheRow(t.Id, t.Sequence, t.PlannedDate, t.PlannedMinor, t.PaidDate, t.PaidMinor, own,
                t.PaidDate is null && own.All(c => c.IsMet) && remaining > 0);
        }).ToList();
        var milestones = await db.Projects.Where(p => p.Id == head.Id).SelectMany(p => p.Milestones)
            .OrderBy(m => m.PlannedDate)
            .Select(m => new MilestoneRow(m.Id, m.Title, m.TitleEn, m.PlannedDate, m.ActualDate, m.Status,
                m.Status == MilestoneStatus.Planned && m.PlannedDate < today)).ToListAsync(cancellationToken);

        // Achieved so far per indicator on this project alone: incremental values add up, a cumulative one is
        // its latest approved value. (Portfolio-wide figures and lineage are the dashboard's query layer.)
        var approved = db.IndicatorMeasurements.Where(m => m.ProjectId == head.Id && m.IsCurrent && m.Status == MeasurementStatus.Approved);
        var targets = await (
            from t in db.Projects.Where(p => p.Id == head.Id).SelectMany(p => p.Targets)
            join ind in db.Indicators on t.IndicatorId equals ind.Id
            orderby ind.Code
            select new TargetRow(ind.Code, ind.NameFr, ind.NameEn, ind.Unit, ind.Kind, t.Baseline, t.Target, t.TargetDate,
                ind.Kind == IndicatorKind.Incremental
                    ? approved.Where(m => m.IndicatorId == ind.Id).Sum(m => (double?)m.Value)
                    : approved.Where(m => m.IndicatorId == ind.Id).OrderByDescending(m => m.PeriodEnd).Select(m => (double?)m.Value).FirstOrDefault(),
                db.IndicatorMeasurements.Any(m => m.ProjectId == head.Id && m.IndicatorId == ind.Id)))
            .ToListAsync(cancellationToken);

        return new ProjectDetail(head.Id, head.Code, head.Title, head.TitleEn, head.Summary, head.SummaryEn, head.LeadMemberId, head.LeadMemberName,
            head.Country, head.ThemeCode, head.ThemeNameFr, head.ThemeNameEn, head.InstrumentCode, head.InstrumentNameFr, head.InstrumentNameEn,
            head.ProgrammeId, head.ProgrammeName, head.Status, head.PlannedStart, head.PlannedEnd, head.ActualStart, head.ActualEnd,
            head.GrantMinor, head.Currency, head.Version, predecessor, successors, partnerMembers, coFinancing, tranches, milestones, targets);
    }
}
