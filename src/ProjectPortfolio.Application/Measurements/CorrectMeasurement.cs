using MediatR;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;

namespace ProjectPortfolio.Application.Measurements;

/// <summary>Corrects an approved value: a new revision (a draft, reviewed like any value) replaces it as current,
/// and the approved revision stays as history. Until the correction is approved the period counts nothing.
/// Returns the new revision's id.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record CorrectMeasurementCommand : IRequest<Guid>, IMeasurementValue
{
    public Guid Id { get; init; }
    public int Version { get; init; }
    public double? Value { get; init; }
    public IReadOnlyList<MeasurementPartInput>? Parts { get; init; }
    public string? Evidence { get; init; }
    public string? EvidenceLink { get; init; }
}

public class CorrectMeasurementValidator : MeasurementValueValidator<CorrectMeasurementCommand>;

public class CorrectMeasurementHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<CorrectMeasurementCommand, Guid>
{
    public async Task<Guid> Handle(CorrectMeasurementCommand request, CancellationToken cancellationToken)
    {
        var approved = await MeasurementRules.LoadForChangeAsync(db, user, request.Id, request.Version, cancellationToken);
        var indicator = await MeasurementRules.IndicatorAsync(db, approved.IndicatorId, cancellationToken);
        var correction = approved.Correct(indicator, request.Value!.Value, MeasurementRules.ToParts(request.Parts), request.Evidence, request.EvidenceLink);
        db.IndicatorMeasurements.Add(correction);
        // One save: the old revision stops being current in the same transaction as the new one appears.
        await db.SaveChangesAsync(cancellationToken);
        return correction.Id;
    }
}
