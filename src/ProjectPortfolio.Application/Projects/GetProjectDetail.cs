using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Indicators;
using ProjectPortfolio.Domain.Projects;

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
}

public sealed record ProjectLink(Guid Id, string Code, string Title);

public sealed record MemberRef(Guid Id, string Name);

public sealed record CoFinancingRow(Guid PartnerId, string PartnerName, long AmountMinor, long ReceivedMinor, string Currency, CoFinancingStatus Status);

public sealed record TrancheRow(int Sequence, DateOnly PlannedDate, long PlannedMinor, DateOnly? PaidDate, long? PaidMinor);

public sealed record MilestoneRow(Guid Id, string Title, string? TitleEn, DateOnly PlannedDate, DateOnly? ActualDate, MilestoneStatus Status, bool IsLate);

public sealed record TargetRow(string IndicatorCode, string NameFr, string NameEn, IndicatorUnit Unit, IndicatorKind Kind,
    double Baseline, double Target, DateOnly TargetDate, double? Achieved);

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
            select new CoFinancingRow(partner.Id, partner.Name, c.AmountMinor, c.ReceivedMinor, c.Currency, c.Status)).ToListAsync(cancellationToken);
        var tranches = await db.Projects.Where(p => p.Id == head.Id).SelectMany(p => p.Tranches)
            .OrderBy(t => t.Sequence)
            .Select(t => new TrancheRow(t.Sequence, t.PlannedDate, t.PlannedMinor, t.PaidDate, t.PaidMinor)).ToListAsync(cancellationToken);
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
                    : approved.Where(m => m.IndicatorId == ind.Id).OrderByDescending(m => m.PeriodEnd).Select(m => (double?)m.Value).FirstOrDefault()))
            .ToListAsync(cancellationToken);

        return new ProjectDetail(head.Id, head.Code, head.Title, head.TitleEn, head.Summary, head.SummaryEn, head.LeadMemberId, head.LeadMemberName,
            head.Country, head.ThemeCode, head.ThemeNameFr, head.ThemeNameEn, head.InstrumentCode, head.InstrumentNameFr, head.InstrumentNameEn,
            head.ProgrammeId, head.ProgrammeName, head.Status, head.PlannedStart, head.PlannedEnd, head.ActualStart, head.ActualEnd,
            head.GrantMinor, head.Currency, head.Version, predecessor, successors, partnerMembers, coFinancing, tranches, milestones, targets);
    }
}
