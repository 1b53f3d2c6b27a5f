using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Application.Users;
using ProjectPortfolio.Infrastructure.Identity;
using ProjectPortfolio.Web.Infrastructure;

namespace ProjectPortfolio.Web.Pages.Account;

/// <summary>Any signed-in user changes their own password, giving the current one.</summary>
public class PasswordModel(IMediator mediator, IStringLocalizer<SharedResource> localizer, SignInManager<ApplicationUser> signIn)
    : PortfolioPageModel(mediator, localizer)
{
    [BindProperty] public PasswordInput Input { get; set; } = new();

    public sealed class PasswordInput
    {
        public string? CurrentPassword { get; set; }
        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        // The confirmation is always sent by the form: an empty one must not pass as "not given".
        var (ok, _) = await TrySendAsync(new ChangeOwnPasswordCommand(Input.CurrentPassword, Input.Password, Input.ConfirmPassword ?? ""));
        // Passwords are never sent back into the form.
        Input = new PasswordInput();
        if (!ok) return Page();
        // The change renewed the stamp, which ends every session of the account: this one is signed in again so
        // that the person who changed it stays signed in here, and only the other sessions end.
        if (await signIn.UserManager.GetUserAsync(User) is { } user) await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = L["Password.Changed"].Value;
        return RedirectToPage("/Index");
    }
}
