using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using ProjectPortfolio.Infrastructure.Identity;

namespace ProjectPortfolio.Web.Infrastructure;

/// <summary>Ends a user's sessions when the account's security stamp changes (password changed or reset, account
/// disabled): Identity renews the stamp on each of these.</summary>
/// <remarks>Sign-in cookies are checked by Identity's SecurityStampValidator every <see cref="CheckInterval"/>.
/// Bearer tokens are self-contained (a data-protected ticket, valid one hour) and nothing would ever check them
/// again, so every API request with a bearer token compares the token's stamp claim with the account's, one
/// primary-key read; no cache, so a changed password refuses the old token on the very next request.</remarks>
public static class SessionRevocation
{
    /// <summary>The longest time a cookie survives a password change or a disabled account (issue 6: 5 minutes).
    /// A configured value above it is clamped down to it, so no setting can make sessions outlive the rule.</summary>
    public static readonly TimeSpan MaxCheckInterval = TimeSpan.FromMinutes(5);

    public static TimeSpan CheckInterval(IConfiguration configuration)
    {
        var seconds = configuration.GetValue("Security:SessionCheckSeconds", (int)MaxCheckInterval.TotalSeconds);
        return TimeSpan.FromSeconds(Math.Clamp(seconds, 0, (int)MaxCheckInterval.TotalSeconds));
    }

    public static IApplicationBuilder UseBearerStampCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true
            && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var signIn = context.RequestServices.GetRequiredService<SignInManager<ApplicationUser>>();
            // Null when the user no longer exists or its stamp is not the token's (Identity compares them in constant time).
            if (await signIn.ValidateSecurityStampAsync(context.User) is null)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status401Unauthorized,
                        Title = "The session has ended.",
                        Detail = "The account's password or status changed since this token was issued: sign in again.",
                    },
                });
                return;
            }
        }
        await next(context);
    });
}
