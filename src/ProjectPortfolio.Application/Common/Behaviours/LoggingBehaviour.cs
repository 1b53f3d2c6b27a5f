using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Application.Common.Behaviours;

/// <summary>Logs each request with its user, warns when one is slow, and logs unexpected failures with the
/// request's name (never its content, which may hold personal data).</summary>
public class LoggingBehaviour<TRequest, TResponse>(ILogger<TRequest> logger, ICurrentUser user) : IPipelineBehavior<TRequest, TResponse>
{
    private const int SlowRequestMilliseconds = 500;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = typeof(TRequest).Name;
        logger.LogDebug("Request {Name} by {User}", name, user.Email ?? "(system)");
        var watch = Stopwatch.StartNew();
        try
        {
            var response = await next();
            watch.Stop();
            if (watch.ElapsedMilliseconds > SlowRequestMilliseconds)
                logger.LogWarning("Slow request {Name} took {Elapsed} ms for {User}", name, watch.ElapsedMilliseconds, user.Email ?? "(system)");
            return response;
        }
        catch (Exception ex) when (ex is not (ValidationException or NotFoundException or ForbiddenAccessException
                                      or ConflictException or DomainException or UnauthorizedAccessException or OperationCanceledException))
        {
            logger.LogError(ex, "Unhandled exception in request {Name} by {User}", name, user.Email ?? "(system)");
            throw;
        }
    }
}
