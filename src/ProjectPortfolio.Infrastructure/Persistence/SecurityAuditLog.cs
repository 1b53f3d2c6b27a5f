using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProjectPortfolio.Domain.Auditing;

namespace ProjectPortfolio.Infrastructure.Persistence;

/// <summary>Writes security events (sign-in, failed sign-in, denied access) to the audit trail. They have no business
/// save to ride on, and must be kept even when the request's own work fails, so each is saved by a context of its
/// own, outside any transaction of the request.</summary>
public sealed class SecurityAuditLog(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SecurityAuditLog> logger)
{
    public async Task RecordAsync(AuditAction action, string? userId, string? userName, string target, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, userId, userName, action, "Security", target, null, null));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The user's answer must not depend on the trail being writable; an operator must hear of it.
            logger.LogError(error, "Could not write the security event {Action} for {User} on {Target}.", action, userName, target);
        }
    }
}
