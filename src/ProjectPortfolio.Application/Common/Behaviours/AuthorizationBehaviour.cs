using System.Reflection;
using MediatR;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;

namespace ProjectPortfolio.Application.Common.Behaviours;

public class AuthorizationBehaviour<TRequest, TResponse>(ICurrentUser user) : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var attributes = typeof(TRequest).GetCustomAttributes<AuthorizeAttribute>().ToList();
        if (attributes.Count == 0) return next();

        if (user.Id is null) throw new UnauthorizedAccessException();

        // Every attribute must be satisfied; within one attribute any listed role will do.
        foreach (var attribute in attributes.Where(a => a.Roles.Count > 0))
        {
            if (!attribute.Roles.Any(user.IsInRole)) throw new ForbiddenAccessException();
        }
        return next();
    }
}
