using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Application.Common.Models;
using ProjectPortfolio.Application.Users;
using ProjectPortfolio.Web.Infrastructure;
using AppRoles = ProjectPortfolio.Application.Common.Security.Roles;

namespace ProjectPortfolio.Web.Pages.Admin.Users;

/// <summary>The accounts, for administrators: filter by role and text, sort, page; disable and enable.</summary>
[Authorize(Roles = AppRoles.Administrator)]
public class IndexModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PortfolioPageModel(mediator, localizer)
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    /// <summary>Read by hand: "page" is the route key of Razor Pages itself and cannot be bound.</summary>
    public int PageNumber => int.TryParse(Request.Query["page"], out var n) && n > 0 ? n : 1;

    public PaginatedList<UserListItem> Result { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        await LoadAsync();
    }

    public Task<IActionResult> OnPostDisableAsync(string id) => SetEnabledAsync(id, false);

    public Task<IActionResult> OnPostEnableAsync(string id) => SetEnabledAsync(id, true);

    private async Task<IActionResult> SetEnabledAsync(string id, bool enabled)
    {
        var (ok, _) = await TrySendAsync(new SetUserEnabledCommand(id, enabled), prefix: "");
        if (!ok)
        {
            // The refusal (own account, last administrator) is shown above the list, which is shown again as it was.
            foreach (var key in ModelState.Keys.Where(k => k.Length > 0).ToList())
                foreach (var error in ModelState[key]!.Errors.ToList()) ModelState.AddModelError(string.Empty, error.ErrorMessage);
            await LoadAsync();
            return Page();
        }
        TempData["Flash"] = L[enabled ? "Users.Enabled" : "Users.Disabled"].Value;
        return Redirect(ListUrl(Sort, PageNumber));
    }

    private async Task LoadAsync() =>
        Result = await Mediator.Send(new GetUsersQuery(Q, Role, Sort, PageNumber, 25), HttpContext.RequestAborted);

    private string ListUrl(string? sort, int page) => QueryHelpers.AddQueryString("/admin/users", new Dictionary<string, string?>
    {
        ["q"] = Q, ["role"] = Role, ["sort"] = sort,
        ["page"] = page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
    }.Where(kv => !string.IsNullOrEmpty(kv.Value)));

    public string PageUrl(int page) => ListUrl(Sort, page);

    public string SortUrl(string column) => ListUrl(Sort == column ? "-" + column : column, 1);
}
