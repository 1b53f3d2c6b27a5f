using MediatR;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;

namespace ProjectPortfolio.Application.Users;

/// <summary>Disables an account (it can no longer sign in, and its sessions end) or enables it again.</summary>
[Authorize(Roles.Administrator)]
public sealed record SetUserEnabledCommand(string Id, bool Enabled) : IRequest<Unit>;

public class SetUserEnabledHandler(IUserAccounts accounts, ICurrentUser current) : IRequestHandler<SetUserEnabledCommand, Unit>
{
    public async Task<Unit> Handle(SetUserEnabledCommand request, CancellationToken cancellationToken)
    {
        var user = await accounts.FindAsync(request.Id, cancellationToken) ?? throw new NotFoundException("User", request.Id);
        if (!request.Enabled)
        {
            if (user.Id == current.Id) throw new ValidationException("Enabled", AccountRules.SelfDisable);
            if (user.Role == Roles.Administrator && user.Enabled
                && await accounts.CountOtherEnabledAdministratorsAsync(user.Id, cancellationToken) == 0)
                throw new ValidationException("Enabled", AccountRules.LastAdministrator);
        }
        if (user.Enabled != request.Enabled) await accounts.SetEnabledAsync(user.Id, request.Enabled, cancellationToken);
        return Unit.Value;
    }
}
