using FluentValidation;
using MediatR;
using ProjectPortfolio.Application.Common.Exceptions;
using ValidationException = ProjectPortfolio.Application.Common.Exceptions.ValidationException;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;

namespace ProjectPortfolio.Application.Users;

[Authorize(Roles.Administrator)]
public sealed record CreateUserCommand(string? Email, string? DisplayName, string? Role, Guid? PartnerId, Guid? MemberId, string? Password) : IRequest<string>;

public class CreateUserValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserValidator(IApplicationDbContext db, IUserAccounts accounts)
    {
        RuleFor(c => c.Email).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(AccountRules.EmailMaxLength)
            .EmailAddress().WithMessage(_ => AccountRules.EmailInvalid)
            .MustAsync(async (email, ct) => !await accounts.EmailTakenAsync(email!.Trim(), ct)).WithMessage(_ => AccountRules.EmailTaken);
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(AccountRules.DisplayNameMaxLength).PlainText();
        // Length and the common-password list are Identity's rules: the store answers them by field on creation.
        RuleFor(c => c.Password).NotEmpty();
        AccountRules.Scope(this, c => c.Role, c => c.PartnerId, c => c.MemberId, db);
    }
}

public class CreateUserHandler(IUserAccounts accounts) : IRequestHandler<CreateUserCommand, string>
{
    public async Task<string> Handle(CreateUserCommand request, CancellationToken cancellationToken)
    {
        var (partner, member) = AccountRules.Links(request.Role!, request.PartnerId, request.MemberId);
        var (id, errors) = await accounts.CreateAsync(
            new NewAccount(request.Email!.Trim(), request.DisplayName!.Trim(), request.Role!, partner, member, request.Password!), cancellationToken);
        if (errors.Any) throw AccountErrorsException.From(errors);
        return id!;
    }
}
