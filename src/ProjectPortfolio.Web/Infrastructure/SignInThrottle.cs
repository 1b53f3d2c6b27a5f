using ProjectPortfolio.Infrastructure.Identity;

namespace ProjectPortfolio.Web.Infrastructure;

/// <summary>Limits sign-in attempts per client address and per account (OWASP ASVS V6 anti-automation). Lockout alone
/// stops guessing one account's password but not trying one common password on every account; the per-address limit
/// does. Both count every attempt, so a script learns nothing from the timing of a success. The counts live in the
/// database (<see cref="SignInAttempts"/>), so several nodes on one database share them: two nodes together allow
/// no more attempts than one (issue 7). Behind a reverse proxy the address is the client's only when the proxy is
/// declared (ReverseProxy:KnownProxies, see <see cref="ReverseProxy"/>); otherwise every client counts as the proxy.</summary>
public sealed class SignInThrottle(IConfiguration configuration, SignInAttempts attempts)
{
    public TimeSpan Window { get; } = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Security:SignIn:WindowSeconds", 60)));

    private int PerAddress { get; } = Math.Max(1, configuration.GetValue("Security:SignIn:PerAddress", 30));
    private int PerAccount { get; } = Math.Max(1, configuration.GetValue("Security:SignIn:PerAccount", 10));

    /// <summary>True when this attempt may go ahead; false when the address or the account has used its attempts for now.</summary>
    public async Task<bool> TryAcquireAsync(HttpContext context, string? email)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (await attempts.CountAsync("address:" + address, Window, context.RequestAborted) > PerAddress) return false;
        if (string.IsNullOrWhiteSpace(email)) return true;
        return await attempts.CountAsync("account:" + email.Trim().ToUpperInvariant(), Window, context.RequestAborted) <= PerAccount;
    }
}
