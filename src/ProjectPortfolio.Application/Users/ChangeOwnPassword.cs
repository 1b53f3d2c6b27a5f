using FluentValidation;
using MediatR;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;

namespace ProjectPortfolio.Application.Users;

/// <summary>Any signed-in user changes their own password, giving the current one; their other sessions end.</summary>
[Authorize]
public sealed record ChangeOwnPasswordCommand(string? CurrentPassword, string? NewPassword, string? ConfirmPassword) : IRequest<Unit>;

public class ChangeOwnPasswordValidator : AbstractValidator<ChangeOwnPasswordCommand>
{
    public ChangeOwnPasswordValidator()
    {
        RuleFor(c => c.CurrentPassword).NotEmpty();
        RuleFor(c => c.NewPassword).NotEmpty();
        // The API may leave the confirmation out; the page always sends it.
        RuleFor(c => c.ConfirmPassword).Equal(c => c.NewPassword).WithMessage(_ => AccountRules.PasswordsDiffer)
            .When(c => c.ConfirmPassword is not null);
    }
}

public class ChangeOwnPasswordHandler(IUserAccounts accounts, ICurrentUser current) : IRequestHandler<ChangeOwnPasswordCommand, Unit>
{
    public async Task<Unit> Handle(ChangeOwnPasswordCommand request, CancellationToken cancellationToken)
    {
        var errors = await accounts.ChangePasswordAsync(current.Id!, request.CurrentPassword!, request.NewPassword!, cancellationToken);
        if (errors.Any) throw AccountErrorsException.From(errors);
        return Unit.Value;
    }
}
