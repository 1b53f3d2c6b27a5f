using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Indicators;

namespace ProjectPortfolio.Application.Measurements;

/// <summary>A project's results framework: per indicator its target, what is achieved so far with approved values,
/// and per reporting period the current value with its earlier revisions.</summary>
public sealed record ProjectMeasurements(Guid ProjectId, string Code, string Title, string? TitleEn, IReadOnlyList<IndicatorResults> Indicators);

/// <summary><paramref name="Achieved"/>: on this project alone, the approved current values added up (incremental)
/// or the latest one by period end (cumulative); null when nothing is approved. A continuation phase's lineage
/// is the portfolio dashboard's concern.</summary>
public sealed record IndicatorResults(string Code, string NameFr, string NameEn, IndicatorUnit Unit, IndicatorKind Kind, Disaggregation AllowedDisaggregation,
    bool HasTarget, double? Baseline, double? Target, DateOnly? TargetDate, double? Achieved, IReadOnlyList<PeriodResults> Periods);

public sealed record PeriodResults(DateOnly PeriodStart, DateOnly PeriodEnd, MeasurementRow Current, IReadOnlyList<MeasurementRow> History);

[Authorize(Roles.Administrator, Roles.ProgrammeOfficer, Roles.BureauMember, Roles.Donor)]
public sealed record GetProjectMeasurementsQuery(Guid ProjectId) : IRequest<ProjectMeasurements>;

public class GetProjectMeasurementsHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<GetProjectMeasurementsQuery, ProjectMeasurements>
{
    public async Task<ProjectMeasurements> Handle(GetProjectMeasurementsQuery request, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().VisibleTo(user).Where(p => p.Id == request.ProjectId)
            .Select(p => new { p.Id, p.Code, p.Title, p.TitleEn })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Project", request.ProjectId);

        var targets = await (
                from t in db.Projects.Where(p => p.Id == project.Id).SelectMany(p => p.Targets)
                select new { t.IndicatorId, t.Baseline, t.Target, t.TargetDate })
            .ToDictionaryAsync(t => t.IndicatorId, cancellationToken);
        var rows = await db.IndicatorMeasurements.AsNoTracking().Where(m => m.ProjectId == project.Id).ToRows(db).ToListAsync(cancellationToken);
        var measuredCodes = rows.Select(r => r.IndicatorCode).Distinct().ToList();
        var indicators = await db.Indicators.AsNoTracking()
            .Where(i => targets.Keys.Contains(i.Id) || measuredCodes.Contains(i.Code))
            .OrderBy(i => i.Code)
            .ToListAsync(cancellationToken);

        var results = indicators.Select(i =>
        {
            var mine = rows.Where(r => r.IndicatorCode == i.Code).ToList();
            var periods = mine
                .GroupBy(r => (r.PeriodStart, r.PeriodEnd))
                .Select(g =>
                {
                    var ordered = g.OrderByDescending(r => r.Revision).ToList();
                    // Every period has one current revision; a hand-edited database without one shows its latest.
                    var current = ordered.FirstOrDefault(r => r.IsCurrent) ?? ordered[0];
                    return new PeriodResults(g.Key.PeriodStart, g.Key.PeriodEnd, current, ordered.Where(r => r.Id != current.Id).ToList());
                })
                .OrderByDescending(p => p.PeriodEnd).ThenByDescending(p => p.PeriodStart)
                .ToList();
            var approved = mine.Where(r => r.IsCurrent && r.Status == MeasurementStatus.Approved).ToList();
            double? achieved = approved.Count == 0 ? null
                : i.Kind == IndicatorKind.Incremental ? approved.Sum(r => r.Value)
                : approved.OrderByDescending(r => r.PeriodEnd).ThenByDescending(r => r.PeriodStart).First().Value;
            var hasTarget = targets.TryGetValue(i.Id, out var target);
            return new IndicatorResults(i.Code, i.NameFr, i.NameEn, i.Unit, i.Kind, i.AllowedDisaggregation, hasTarget,
                target?.Baseline, target?.Target, target?.TargetDate, achieved, periods);
        }).ToList();

        return new ProjectMeasurements(project.Id, project.Code, project.Title, project.TitleEn, results);
    }
}
