using MediatR;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;

namespace ProjectPortfolio.Application.Measurements;

/// <summary>Sends a draft or returned value to review by another officer.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record SubmitMeasurementCommand(Guid Id, int Version) : IRequest<Unit>;

public class SubmitMeasurementHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<SubmitMeasurementCommand, Unit>
{
    public async Task<Unit> Handle(SubmitMeasurementCommand request, CancellationToken cancellationToken)
    {
        var measurement = await MeasurementRules.LoadForChangeAsync(db, user, request.Id, request.Version, cancellationToken);
        measurement.Submit(MeasurementRules.Actor(user), clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
