using FluentValidation;
using MediatR;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Domain.Common;
using ValidationException = ProjectPortfolio.Application.Common.Exceptions.ValidationException;

namespace ProjectPortfolio.Application.Projects.Execution;

/// <summary>Records the payment of a tranche: refused (409) while a release condition is unmet, and beyond the
/// remaining grant balance. Without an amount, the planned amount is paid.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record PayTrancheCommand(Guid ProjectId, Guid TrancheId, int Version, DateOnly? PaidDate, decimal? Amount) : IRequest<Unit>;

public class PayTrancheValidator : AbstractValidator<PayTrancheCommand>
{
    public PayTrancheValidator(TimeProvider clock)
    {
        RuleFor(c => c.PaidDate).NotNull()
            .Must(d => d is null || d <= clock.Today()).WithMessage(_ => Messages.Pick("Cette date est dans le futur.", "This date is in the future."));
        RuleFor(c => c.Amount).GreaterThan(0).WithMessage(_ => Messages.AmountNotPositive);
    }
}

public class PayTrancheHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<PayTrancheCommand, Unit>
{
    public async Task<Unit> Handle(PayTrancheCommand request, CancellationToken cancellationToken)
    {
        var project = await db.LoadForExecutionAsync(user, request.ProjectId, request.Version, cancellationToken);
        var tranche = project.Tranches.SingleOrDefault(t => t.Id == request.TrancheId)
            ?? throw new Common.Exceptions.NotFoundException("Tranche", request.TrancheId);
        Money amount;
        if (request.Amount is { } major)
        {
            if (!Currencies.IsRepresentable(major, project.Currency))
                throw new ValidationException(nameof(request.Amount), Messages.AmountPrecision);
            amount = Money.FromMajor(major, project.Currency);
        }
        else amount = new Money(tranche.PlannedMinor, project.Currency);
        project.PayTranche(request.TrancheId, request.PaidDate!.Value, amount);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
