using FluentValidation;
using MediatR;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;

namespace ProjectPortfolio.Application.Projects.Execution;

/// <summary>Adds a step to the project's plan, with the date it is expected.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record AddMilestoneCommand(Guid ProjectId, int Version, string? Title, string? TitleEn, DateOnly? PlannedDate) : IRequest<Guid>;

public class AddMilestoneValidator : AbstractValidator<AddMilestoneCommand>
{
    public AddMilestoneValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(200).PlainText();
        RuleFor(c => c.TitleEn).MaximumLength(200).PlainText();
        RuleFor(c => c.PlannedDate).NotNull();
    }
}

public class AddMilestoneHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<AddMilestoneCommand, Guid>
{
    public async Task<Guid> Handle(AddMilestoneCommand request, CancellationToken cancellationToken)
    {
        var project = await db.LoadForExecutionAsync(user, request.ProjectId, request.Version, cancellationToken);
        var milestone = project.AddMilestone(request.Title!, request.TitleEn, request.PlannedDate!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return milestone.Id;
    }
}
