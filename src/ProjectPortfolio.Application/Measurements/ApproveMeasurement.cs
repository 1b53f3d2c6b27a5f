using MediatR;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;

namespace ProjectPortfolio.Application.Measurements;

/// <summary>Approves a submitted value: from then on it counts in the portfolio's figures. The entity refuses the
/// officer who submitted it (four eyes), with a conflict whose message says so.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record ApproveMeasurementCommand(Guid Id, int Version) : IRequest<Unit>;

public class ApproveMeasurementHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<ApproveMeasurementCommand, Unit>
{
    public async Task<Unit> Handle(ApproveMeasurementCommand request, CancellationToken cancellationToken)
    {
        var measurement = await MeasurementRules.LoadForChangeAsync(db, user, request.Id, request.Version, cancellationToken);
        measurement.Approve(MeasurementRules.Actor(user), clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
