using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Domain.Indicators;

namespace ProjectPortfolio.Application.Measurements;

public sealed record ReviewItem(MeasurementRow Measurement, string ProjectCode, string ProjectTitle, string? ProjectTitleEn,
    string IndicatorNameFr, string IndicatorNameEn);

/// <summary>The values waiting for approval that the current user may approve: submitted, current, and not
/// submitted by this user (four eyes), oldest submission first.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record GetReviewQueueQuery : IRequest<IReadOnlyList<ReviewItem>>;

public class GetReviewQueueHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<GetReviewQueueQuery, IReadOnlyList<ReviewItem>>
{
    public async Task<IReadOnlyList<ReviewItem>> Handle(GetReviewQueueQuery request, CancellationToken cancellationToken)
    {
        var me = MeasurementRules.Actor(user).ToLowerInvariant();
        var rows = await db.IndicatorMeasurements.AsNoTracking()
            .Where(m => m.Status == MeasurementStatus.Submitted && m.IsCurrent && (m.SubmittedBy == null || m.SubmittedBy.ToLower() != me))
            .OrderBy(m => m.SubmittedAtUtc)
            .ToRows(db)
            .ToListAsync(cancellationToken);
        var projectIds = rows.Select(r => r.ProjectId).Distinct().ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Code, p.Title, p.TitleEn }).ToDictionaryAsync(p => p.Id, cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Code, cancellationToken);
        return rows.Select(r => new ReviewItem(r, projects[r.ProjectId].Code, projects[r.ProjectId].Title, projects[r.ProjectId].TitleEn,
            indicators[r.IndicatorCode].NameFr, indicators[r.IndicatorCode].NameEn)).ToList();
    }
}
