using Microsoft.AspNetCore.Identity;
using ProjectPortfolio.Domain.Auditing;
using ProjectPortfolio.Infrastructure.Identity;
using ProjectPortfolio.Infrastructure.Persistence;
using ProjectPortfolio.Web.Infrastructure;

namespace ProjectPortfolio.Web.Endpoints;

public static class AuthEndpoints
{
    public sealed record LoginRequest(string? Email, string? Password);

    public static void MapAuth(this RouteGroupBuilder api)
    {
        // Answers {"tokenType":"Bearer","accessToken":...,"expiresIn":...,"refreshToken":...} written by the bearer
        // token handler; the access token goes in "Authorization: Bearer" on the other API calls.
        api.MapPost("/auth/login", async (LoginRequest request, SignInManager<ApplicationUser> signIn, SignInThrottle throttle, SecurityAuditLog audit, HttpContext context) =>
            {
                if (!await throttle.TryAcquireAsync(context, request.Email))
                {
                    context.Response.Headers.RetryAfter = ((int)throttle.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts.",
                        detail: "Too many attempts from this address or for this account: wait a minute and try again.");
                }
                if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
                    return Results.ValidationProblem(new Dictionary<string, string[]>
                    {
                        [nameof(request.Email)] = string.IsNullOrWhiteSpace(request.Email) ? ["The email is required."] : [],
                        [nameof(request.Password)] = string.IsNullOrEmpty(request.Password) ? ["The password is required."] : [],
                    }.Where(e => e.Value.Length > 0).ToDictionary());
                signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
                var result = await signIn.PasswordSignInAsync(request.Email.Trim(), request.Password, isPersistent: false, lockoutOnFailure: true);
                // The e-mail tried is recorded, never the password.
                await audit.RecordAsync(result.Succeeded ? AuditAction.SignIn : AuditAction.SignInFailed, null, request.Email.Trim(), "POST /api/auth/login");
                if (result.Succeeded) return Results.Empty;
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed.",
                    detail: result.IsLockedOut ? "This account cannot sign in at the moment (too many attempts, or account disabled)." : "Unknown email or wrong password.");
            })
            .AllowAnonymous()
            .WithName("Login")
            .WithTags("Authentication");
    }
}
