using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Domain.Auditing;
using ProjectPortfolio.Infrastructure.Identity;
using ProjectPortfolio.Infrastructure.Persistence;
using ProjectPortfolio.Web.Infrastructure;

namespace ProjectPortfolio.Web.Pages.Account;

public class LoginModel(SignInManager<ApplicationUser> signIn, SignInThrottle throttle, IStringLocalizer<SharedResource> localizer, SecurityAuditLog audit) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class LoginInput
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Email)) ModelState.AddModelError("Input.Email", localizer["Login.EmailRequired"]);
        if (string.IsNullOrEmpty(Input.Password)) ModelState.AddModelError("Input.Password", localizer["Login.PasswordRequired"]);
        if (!ModelState.IsValid) return Page();
        if (!await throttle.TryAcquireAsync(HttpContext, Input.Email))
        {
            ModelState.AddModelError(string.Empty, localizer["Login.TooManyAttempts"]);
            Input.Password = null;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)throttle.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email!.Trim(), Input.Password!, isPersistent: false, lockoutOnFailure: true);
        // The e-mail tried is recorded, never the password.
        await audit.RecordAsync(result.Succeeded ? AuditAction.SignIn : AuditAction.SignInFailed, null, Input.Email.Trim(), "Account/Login");
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        ModelState.AddModelError(string.Empty, result.IsLockedOut
            // One text for a lockout and a disabled account: which of the two it is, is the account holder's business.
            ? localizer["Login.Unavailable"] : localizer["Login.Failed"]);
        Input.Password = null;
        return Page();
    }
}
