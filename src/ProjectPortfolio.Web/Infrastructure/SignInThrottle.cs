using System.Threading.RateLimiting;

namespace ProjectPortfolio.Web.Infrastructure;

/// <summary>Limits sign-in attempts per client address and per account (OWASP ASVS V6 anti-automation). Lockout alone
/// stops guessing one account's password but not trying one common password on every account; the per-address limit
/// does. Both count every attempt, so a script learns nothing from the timing of a success. The counters live in this
/// node's memory: with several nodes behind a balancer each node limits on its own, which the limits allow for.</summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly PartitionedRateLimiter<string> _perAccount;

    public SignInThrottle(IConfiguration configuration)
    {
        var window = TimeSpan.FromSeconds(configuration.GetValue("Security:SignIn:WindowSeconds", 60));
        var perAddress = configuration.GetValue("Security:SignIn:PerAddress", 30);
        var perAccount = configuration.GetValue("Security:SignIn:PerAccount", 10);
        Window = window;
        _perAddress = Limiter(perAddress, window);
        _perAccount = Limiter(perAccount, window);
    }

    public TimeSpan Window { get; }

    private static PartitionedRateLimiter<string> Limiter(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0, AutoReplenishment = true,
        }));

    /// <summary>True when this attempt may go ahead; false when the address or the account has used its attempts for now.</summary>
    public bool TryAcquire(HttpContext context, string? email)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        using var byAddress = _perAddress.AttemptAcquire(address);
        if (!byAddress.IsAcquired) return false;
        if (string.IsNullOrWhiteSpace(email)) return true;
        using var byAccount = _perAccount.AttemptAcquire(email.Trim().ToUpperInvariant());
        return byAccount.IsAcquired;
    }

    public void Dispose()
    {
        _perAddress.Dispose();
        _perAccount.Dispose();
    }
}
