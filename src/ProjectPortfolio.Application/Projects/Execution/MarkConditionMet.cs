using FluentValidation;
using MediatR;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Application.Projects.Execution;

/// <summary>An officer records that a decision condition is met or a report approved: who and when come from the
/// signed-in user and the clock, never from the request.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record MarkConditionMetCommand(Guid ProjectId, Guid TrancheId, Guid ConditionId, int Version, string? Note) : IRequest<Unit>;

public class MarkConditionMetValidator : AbstractValidator<MarkConditionMetCommand>
{
    public MarkConditionMetValidator() => RuleFor(c => c.Note).MaximumLength(TrancheCondition.NoteMaxLength).PlainText();
}

public class MarkConditionMetHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<MarkConditionMetCommand, Unit>
{
    public async Task<Unit> Handle(MarkConditionMetCommand request, CancellationToken cancellationToken)
    {
        var project = await db.LoadForExecutionAsync(user, request.ProjectId, request.Version, cancellationToken);
        if (!project.Tranches.Any(t => t.Id == request.TrancheId && t.Conditions.Any(c => c.Id == request.ConditionId)))
            throw new Common.Exceptions.NotFoundException("Release condition", request.ConditionId);
        project.MarkConditionMet(request.TrancheId, request.ConditionId, user.Email ?? "system", clock.GetUtcNow().UtcDateTime, request.Note);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
