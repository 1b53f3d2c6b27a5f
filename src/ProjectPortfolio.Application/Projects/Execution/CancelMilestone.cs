using MediatR;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;

namespace ProjectPortfolio.Application.Projects.Execution;

/// <summary>Cancels a planned milestone (refused while an unpaid tranche waits for it).</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record CancelMilestoneCommand(Guid ProjectId, Guid MilestoneId, int Version) : IRequest<Unit>;

public class CancelMilestoneHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<CancelMilestoneCommand, Unit>
{
    public async Task<Unit> Handle(CancelMilestoneCommand request, CancellationToken cancellationToken)
    {
        var project = await db.LoadForExecutionAsync(user, request.ProjectId, request.Version, cancellationToken);
        if (project.Milestones.All(m => m.Id != request.MilestoneId)) throw new Common.Exceptions.NotFoundException("Milestone", request.MilestoneId);
        project.CancelMilestone(request.MilestoneId);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
