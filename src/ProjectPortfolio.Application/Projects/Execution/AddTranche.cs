using FluentValidation;
using MediatR;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Projects;
using ValidationException = ProjectPortfolio.Application.Common.Exceptions.ValidationException;

namespace ProjectPortfolio.Application.Projects.Execution;

/// <summary>A release condition as typed: a milestone of the project for <see cref="TrancheConditionKind.MilestoneDone"/>,
/// a text for the two others.</summary>
public sealed record TrancheConditionInput(TrancheConditionKind? Kind, Guid? MilestoneId, string? Text);

/// <summary>Plans a tranche of the grant (in the grant's currency) and the conditions that release it.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record AddTrancheCommand(Guid ProjectId, int Version, DateOnly? PlannedDate, decimal? Amount,
    IReadOnlyList<TrancheConditionInput>? Conditions) : IRequest<Guid>;

public class AddTrancheValidator : AbstractValidator<AddTrancheCommand>
{
    public const int MaxConditions = 20;

    public AddTrancheValidator()
    {
        RuleFor(c => c.PlannedDate).NotNull();
        RuleFor(c => c.Amount).NotNull().GreaterThan(0).WithMessage(_ => Messages.AmountNotPositive);
        RuleFor(c => c.Conditions).Must(c => c is null || c.Count <= MaxConditions)
            .WithMessage(_ => Messages.Pick($"Au plus {MaxConditions} conditions.", $"At most {MaxConditions} conditions."));
        RuleForEach(c => c.Conditions).ChildRules(c =>
        {
            c.RuleFor(x => x.Kind).NotNull().IsInEnum();
            c.RuleFor(x => x.MilestoneId).NotEmpty().When(x => x.Kind == TrancheConditionKind.MilestoneDone);
            c.RuleFor(x => x.Text).NotEmpty().MaximumLength(TrancheCondition.TextMaxLength).PlainText()
                .When(x => x.Kind is TrancheConditionKind.DecisionConditionMet or TrancheConditionKind.ReportApproved);
        });
    }
}

public class AddTrancheHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<AddTrancheCommand, Guid>
{
    public async Task<Guid> Handle(AddTrancheCommand request, CancellationToken cancellationToken)
    {
        var project = await db.LoadForExecutionAsync(user, request.ProjectId, request.Version, cancellationToken);
        if (!Currencies.IsRepresentable(request.Amount!.Value, project.Currency))
            throw new ValidationException(nameof(request.Amount), Messages.AmountPrecision);
        var conditions = (request.Conditions ?? [])
            .Select(c => new TrancheConditionSpec(c.Kind!.Value, c.Kind == TrancheConditionKind.MilestoneDone ? c.MilestoneId : null,
                c.Kind == TrancheConditionKind.MilestoneDone ? null : c.Text))
            .ToList();
        var tranche = project.AddTranche(request.PlannedDate!.Value, Money.FromMajor(request.Amount.Value, project.Currency), conditions);
        await db.SaveChangesAsync(cancellationToken);
        return tranche.Id;
    }
}
