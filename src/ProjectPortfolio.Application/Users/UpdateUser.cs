using FluentValidation;
using MediatR;
using ProjectPortfolio.Application.Common.Exceptions;
using ValidationException = ProjectPortfolio.Application.Common.Exceptions.ValidationException;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;

namespace ProjectPortfolio.Application.Users;

/// <summary>Name, role and the partner or member city of an account. The email stays: it is the sign-in name.</summary>
[Authorize(Roles.Administrator)]
public sealed record UpdateUserCommand(string Id, string? DisplayName, string? Role, Guid? PartnerId, Guid? MemberId) : IRequest<Unit>;

public class UpdateUserValidator : AbstractValidator<UpdateUserCommand>
{
    public UpdateUserValidator(IApplicationDbContext db)
    {
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(AccountRules.DisplayNameMaxLength).PlainText();
        AccountRules.Scope(this, c => c.Role, c => c.PartnerId, c => c.MemberId, db);
    }
}

public class UpdateUserHandler(IUserAccounts accounts) : IRequestHandler<UpdateUserCommand, Unit>
{
    public async Task<Unit> Handle(UpdateUserCommand request, CancellationToken cancellationToken)
    {
        var user = await accounts.FindAsync(request.Id, cancellationToken) ?? throw new NotFoundException("User", request.Id);
        if (user.Role == Roles.Administrator && request.Role != Roles.Administrator && user.Enabled
            && await accounts.CountOtherEnabledAdministratorsAsync(user.Id, cancellationToken) == 0)
            throw new ValidationException("Role", AccountRules.LastAdministrator);
        var (partner, member) = AccountRules.Links(request.Role!, request.PartnerId, request.MemberId);
        await accounts.UpdateAsync(user.Id, request.DisplayName!.Trim(), request.Role!, partner, member, cancellationToken);
        return Unit.Value;
    }
}
