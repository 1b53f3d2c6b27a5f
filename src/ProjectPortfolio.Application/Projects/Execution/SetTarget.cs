using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;
using ValidationException = ProjectPortfolio.Application.Common.Exceptions.ValidationException;

namespace ProjectPortfolio.Application.Projects.Execution;

/// <summary>Sets, or updates, what the project aims at on a catalogue indicator.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record SetTargetCommand(Guid ProjectId, string? IndicatorCode, int Version, double? Baseline, double? Target, DateOnly? TargetDate) : IRequest<Unit>;

public class SetTargetValidator : AbstractValidator<SetTargetCommand>
{
    public SetTargetValidator()
    {
        RuleFor(c => c.IndicatorCode).NotEmpty().MaximumLength(40);
        RuleFor(c => c.Baseline).NotNull().GreaterThanOrEqualTo(0).Must(v => v is null || double.IsFinite(v.Value));
        RuleFor(c => c.Target).NotNull().GreaterThanOrEqualTo(0).Must(v => v is null || double.IsFinite(v.Value));
        RuleFor(c => c.TargetDate).NotNull();
    }
}

public class SetTargetHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<SetTargetCommand, Unit>
{
    public async Task<Unit> Handle(SetTargetCommand request, CancellationToken cancellationToken)
    {
        var project = await db.LoadForExecutionAsync(user, request.ProjectId, request.Version, cancellationToken);
        var code = request.IndicatorCode!.Trim().ToUpperInvariant();
        var indicatorId = await db.Indicators.Where(i => i.Code == code).Select(i => (Guid?)i.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ValidationException(nameof(request.IndicatorCode), Messages.UnknownIndicator);
        project.SetTarget(indicatorId, request.Baseline!.Value, request.Target!.Value, request.TargetDate!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
