using MediatR;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;

namespace ProjectPortfolio.Application.Measurements;

/// <summary>Changes the value, its disaggregation or its evidence while it is a draft or has been returned. The
/// project, indicator and period stay: they identify the value (record another one for another period).</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record UpdateMeasurementCommand : IRequest<Unit>, IMeasurementValue
{
    public Guid Id { get; init; }
    public int Version { get; init; }
    public double? Value { get; init; }
    public IReadOnlyList<MeasurementPartInput>? Parts { get; init; }
    public string? Evidence { get; init; }
    public string? EvidenceLink { get; init; }
}

public class UpdateMeasurementValidator : MeasurementValueValidator<UpdateMeasurementCommand>;

public class UpdateMeasurementHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<UpdateMeasurementCommand, Unit>
{
    public async Task<Unit> Handle(UpdateMeasurementCommand request, CancellationToken cancellationToken)
    {
        var measurement = await MeasurementRules.LoadForChangeAsync(db, user, request.Id, request.Version, cancellationToken);
        var indicator = await MeasurementRules.IndicatorAsync(db, measurement.IndicatorId, cancellationToken);
        measurement.Edit(indicator, request.Value!.Value, MeasurementRules.ToParts(request.Parts), request.Evidence, request.EvidenceLink);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
