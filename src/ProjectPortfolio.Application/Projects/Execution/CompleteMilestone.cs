using FluentValidation;
using MediatR;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;

namespace ProjectPortfolio.Application.Projects.Execution;

/// <summary>Records a milestone as done on the date it actually happened. Tranches conditioned on it may become payable.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record CompleteMilestoneCommand(Guid ProjectId, Guid MilestoneId, int Version, DateOnly? ActualDate) : IRequest<Unit>;

public class CompleteMilestoneValidator : AbstractValidator<CompleteMilestoneCommand>
{
    public CompleteMilestoneValidator(TimeProvider clock)
    {
        RuleFor(c => c.ActualDate).NotNull()
            .Must(d => d is null || d <= clock.Today()).WithMessage(_ => Messages.Pick("Cette date est dans le futur.", "This date is in the future."));
    }
}

public class CompleteMilestoneHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<CompleteMilestoneCommand, Unit>
{
    public async Task<Unit> Handle(CompleteMilestoneCommand request, CancellationToken cancellationToken)
    {
        var project = await db.LoadForExecutionAsync(user, request.ProjectId, request.Version, cancellationToken);
        if (project.Milestones.All(m => m.Id != request.MilestoneId)) throw new Common.Exceptions.NotFoundException("Milestone", request.MilestoneId);
        project.CompleteMilestone(request.MilestoneId, request.ActualDate!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
