using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Members;
using ProjectPortfolio.Application.Partners;
using ProjectPortfolio.Application.Users;
using ProjectPortfolio.Web.Infrastructure;
using AppRoles = ProjectPortfolio.Application.Common.Security.Roles;

namespace ProjectPortfolio.Web.Pages.Admin.Users;

/// <summary>An administrator creates an account (with its first password) or edits one: name, role, and the partner
/// (donor) or member city (applicant) that scopes it; on an existing account, a new password can be set apart.</summary>
[Authorize(Roles = AppRoles.Administrator)]
public class EditModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PortfolioPageModel(mediator, localizer)
{
    [FromRoute] public string? Id { get; set; }

    [BindProperty] public AccountInput Input { get; set; } = new();

    [BindProperty] public PasswordInput NewPassword { get; set; } = new();

    public string? Email { get; private set; }
    public bool Enabled { get; private set; }
    public IReadOnlyList<PartnerOption> Partners { get; private set; } = [];
    public IReadOnlyList<MemberOption> Members { get; private set; } = [];

    public sealed class AccountInput
    {
        public string? Email { get; set; }
        public string? DisplayName { get; set; }
        public string? Role { get; set; }
        public Guid? PartnerId { get; set; }
        public Guid? MemberId { get; set; }
        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }
    }

    public sealed class PasswordInput
    {
        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is not null)
        {
            if (await FindAsync(Id) is not { } user) return NotFound();
            Input = new AccountInput
            {
                Email = user.Email, DisplayName = user.DisplayName, Role = user.Role, PartnerId = user.PartnerId, MemberId = user.MemberId,
            };
        }
        await LoadOptionsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        if (Id is not null && await FindAsync(Id) is null) return NotFound();
        bool ok;
        if (Id is null)
        {
            if (!SamePasswords(Input.Password, Input.ConfirmPassword, "Input.ConfirmPassword")) ok = false;
            else (ok, _) = await TrySendAsync(new CreateUserCommand(Input.Email, Input.DisplayName, Input.Role, Input.PartnerId, Input.MemberId, Input.Password));
        }
        else (ok, _) = await TrySendAsync(new UpdateUserCommand(Id, Input.DisplayName, Input.Role, Input.PartnerId, Input.MemberId));
        // Passwords are never sent back into the form; everything else the administrator typed is.
        Input.Password = Input.ConfirmPassword = null;
        if (!ok)
        {
            await LoadOptionsAsync();
            return Page();
        }
        TempData["Flash"] = L["Common.Saved"].Value;
        return Redirect("/admin/users");
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        ModelState.Clear();
        if (Id is null || await FindAsync(Id) is not { } user) return NotFound();
        var ok = SamePasswords(NewPassword.Password, NewPassword.ConfirmPassword, "NewPassword.ConfirmPassword")
            && (await TrySendAsync(new SetUserPasswordCommand(Id, NewPassword.Password), prefix: "NewPassword")).Ok;
        NewPassword = new PasswordInput();
        if (!ok)
        {
            Input = new AccountInput
            {
                Email = user.Email, DisplayName = user.DisplayName, Role = user.Role, PartnerId = user.PartnerId, MemberId = user.MemberId,
            };
            await LoadOptionsAsync();
            return Page();
        }
        TempData["Flash"] = L["Users.PasswordSet"].Value;
        return Redirect("/admin/users");
    }

    private bool SamePasswords(string? password, string? confirmation, string confirmationKey)
    {
        if (string.IsNullOrEmpty(password) || password == confirmation) return true;
        ModelState.AddModelError(confirmationKey, L["Users.PasswordsDiffer"]);
        return false;
    }

    private async Task<UserDto?> FindAsync(string id)
    {
        try
        {
            var user = await Mediator.Send(new GetUserQuery(id), HttpContext.RequestAborted);
            (Email, Enabled) = (user.Email, user.Enabled);
            return user;
        }
        catch (NotFoundException) { return null; }
    }

    private async Task LoadOptionsAsync()
    {
        Partners = await Mediator.Send(new GetPartnerOptionsQuery(), HttpContext.RequestAborted);
        Members = await Mediator.Send(new GetMemberOptionsQuery(), HttpContext.RequestAborted);
    }
}
