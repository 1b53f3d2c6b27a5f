using FluentValidation;
using MediatR;
using ProjectPortfolio.Application.Common.Exceptions;
using ValidationException = ProjectPortfolio.Application.Common.Exceptions.ValidationException;
using ProjectPortfolio.Application.Common.Security;

namespace ProjectPortfolio.Application.Users;

/// <summary>An administrator gives an account a new password (forgotten password); the account's sessions end.</summary>
[Authorize(Roles.Administrator)]
public sealed record SetUserPasswordCommand(string Id, string? Password) : IRequest<Unit>;

public class SetUserPasswordValidator : AbstractValidator<SetUserPasswordCommand>
{
    public SetUserPasswordValidator() => RuleFor(c => c.Password).NotEmpty();
}

public class SetUserPasswordHandler(IUserAccounts accounts) : IRequestHandler<SetUserPasswordCommand, Unit>
{
    public async Task<Unit> Handle(SetUserPasswordCommand request, CancellationToken cancellationToken)
    {
        _ = await accounts.FindAsync(request.Id, cancellationToken) ?? throw new NotFoundException("User", request.Id);
        var errors = await accounts.SetPasswordAsync(request.Id, request.Password!, cancellationToken);
        if (errors.Any) throw AccountErrorsException.From(errors);
        return Unit.Value;
    }
}

/// <summary>Identity's refusals turned into the usual validation answer (400 with errors by field).</summary>
internal static class AccountErrorsException
{
    public static ValidationException From(AccountErrors errors) =>
        new(errors.Errors.SelectMany(e => e.Value.Select(m => new FluentValidation.Results.ValidationFailure(e.Key, m))));
}
