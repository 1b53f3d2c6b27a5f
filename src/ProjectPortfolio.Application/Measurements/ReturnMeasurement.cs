using FluentValidation;
using MediatR;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;

namespace ProjectPortfolio.Application.Measurements;

/// <summary>Sends a submitted value back to its author with the reason; the author edits and submits it again.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record ReturnMeasurementCommand(Guid Id, int Version, string? Comment) : IRequest<Unit>;

public class ReturnMeasurementValidator : AbstractValidator<ReturnMeasurementCommand>
{
    public ReturnMeasurementValidator() =>
        RuleFor(c => c.Comment).NotEmpty().WithMessage(_ => MeasurementMessages.CommentRequired)
            .MaximumLength(2000).PlainText();
}

public class ReturnMeasurementHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<ReturnMeasurementCommand, Unit>
{
    public async Task<Unit> Handle(ReturnMeasurementCommand request, CancellationToken cancellationToken)
    {
        var measurement = await MeasurementRules.LoadForChangeAsync(db, user, request.Id, request.Version, cancellationToken);
        measurement.Return(MeasurementRules.Actor(user), clock.GetUtcNow().UtcDateTime, request.Comment!);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
