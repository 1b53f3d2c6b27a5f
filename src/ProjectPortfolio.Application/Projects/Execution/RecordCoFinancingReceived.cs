using FluentValidation;
using MediatR;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Domain.Common;
using ValidationException = ProjectPortfolio.Application.Common.Exceptions.ValidationException;

namespace ProjectPortfolio.Application.Projects.Execution;

/// <summary>Records how much a partner has paid so far on its co-financing line, in the line's currency.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record RecordCoFinancingReceivedCommand(Guid ProjectId, Guid LineId, int Version, decimal? Amount, DateOnly? ReceivedOn) : IRequest<Unit>;

public class RecordCoFinancingReceivedValidator : AbstractValidator<RecordCoFinancingReceivedCommand>
{
    public RecordCoFinancingReceivedValidator(TimeProvider clock)
    {
        RuleFor(c => c.Amount).NotNull().GreaterThanOrEqualTo(0);
        RuleFor(c => c.ReceivedOn).NotNull()
            .Must(d => d is null || d <= clock.Today()).WithMessage(_ => Messages.Pick("Cette date est dans le futur.", "This date is in the future."));
    }
}

public class RecordCoFinancingReceivedHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<RecordCoFinancingReceivedCommand, Unit>
{
    public async Task<Unit> Handle(RecordCoFinancingReceivedCommand request, CancellationToken cancellationToken)
    {
        var project = await db.LoadForExecutionAsync(user, request.ProjectId, request.Version, cancellationToken);
        var line = project.CoFinancing.SingleOrDefault(c => c.Id == request.LineId)
            ?? throw new Common.Exceptions.NotFoundException("Co-financing line", request.LineId);
        if (!Currencies.IsRepresentable(request.Amount!.Value, line.Currency))
            throw new ValidationException(nameof(request.Amount), Messages.AmountPrecision);
        project.RecordCoFinancingReceived(line.Id, Money.FromMajor(request.Amount.Value, line.Currency), request.ReceivedOn!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
