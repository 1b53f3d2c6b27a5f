using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Domain.Projects;
using ProjectPortfolio.Application.Common.Security;

namespace ProjectPortfolio.Application.Projects;

public sealed record PortfolioOverview(int Projects, IReadOnlyDictionary<ProjectStatus, int> ByStatus, int Countries, int LateMilestones, int Members, int Partners);

[Authorize]
public sealed record GetPortfolioOverviewQuery : IRequest<PortfolioOverview>;

/// <summary>The few counts of the home page, computed in SQL over the projects the user may see.</summary>
public class GetPortfolioOverviewHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<GetPortfolioOverviewQuery, PortfolioOverview>
{
    public async Task<PortfolioOverview> Handle(GetPortfolioOverviewQuery request, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var projects = db.Projects.AsNoTracking().VisibleTo(user);
        var byStatus = await projects.GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var countries = await projects.Select(p => p.Country).Distinct().CountAsync(cancellationToken);
        var late = await projects.SelectMany(p => p.Milestones).CountAsync(m => m.Status == MilestoneStatus.Planned && m.PlannedDate < today, cancellationToken);
        return new PortfolioOverview(byStatus.Sum(s => s.Count), byStatus.ToDictionary(s => s.Key, s => s.Count), countries, late,
            await db.Members.CountAsync(cancellationToken), await db.Partners.CountAsync(cancellationToken));
    }
}
