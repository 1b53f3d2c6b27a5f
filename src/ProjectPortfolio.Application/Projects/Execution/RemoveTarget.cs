using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;

namespace ProjectPortfolio.Application.Projects.Execution;

/// <summary>Removes a target that was set by mistake; once measurements exist for it, it stays.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record RemoveTargetCommand(Guid ProjectId, string? IndicatorCode, int Version) : IRequest<Unit>;

public class RemoveTargetHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<RemoveTargetCommand, Unit>
{
    public async Task<Unit> Handle(RemoveTargetCommand request, CancellationToken cancellationToken)
    {
        var project = await db.LoadForExecutionAsync(user, request.ProjectId, request.Version, cancellationToken);
        var code = (request.IndicatorCode ?? string.Empty).Trim().ToUpperInvariant();
        var indicatorId = await db.Indicators.Where(i => i.Code == code).Select(i => (Guid?)i.Id).SingleOrDefaultAsync(cancellationToken);
        if (indicatorId is null || !project.HasTargetFor(indicatorId.Value)) throw new NotFoundException("Target", code);
        var hasMeasurements = await db.IndicatorMeasurements.AnyAsync(m => m.ProjectId == project.Id && m.IndicatorId == indicatorId, cancellationToken);
        project.RemoveTarget(indicatorId.Value, hasMeasurements);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
