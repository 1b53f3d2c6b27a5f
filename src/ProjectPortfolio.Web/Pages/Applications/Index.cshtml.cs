using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using ProjectPortfolio.Application.Applications;
using ProjectPortfolio.Application.Common.Models;
using ProjectPortfolio.Domain.Applications;
using AppRoles = ProjectPortfolio.Application.Common.Security.Roles;

namespace ProjectPortfolio.Web.Pages.Applications;

// Donors follow projects, not requests (ApplicationScope shows them none): the pages refuse them outright.
[Authorize(Roles = AppRoles.Administrator + "," + AppRoles.ProgrammeOfficer + "," + AppRoles.BureauMember + "," + AppRoles.Applicant)]
public class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public ApplicationStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Country { get; set; }

    /// <summary>Read by hand: "page" is the route key of Razor Pages itself and cannot be bound.</summary>
    public int PageNumber => int.TryParse(Request.Query["page"], out var n) && n > 0 ? n : 1;

    public PaginatedList<ApplicationListItem> Result { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        Result = await mediator.Send(new GetApplicationsQuery(Status, null, Country, null, null, Q, PageNumber, 25), HttpContext.RequestAborted);
    }

    public string PageUrl(int page) => QueryHelpers.AddQueryString("/applications", new Dictionary<string, string?>
    {
        ["q"] = Q, ["status"] = Status?.ToString(), ["country"] = Country,
        ["page"] = page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
    }.Where(kv => !string.IsNullOrEmpty(kv.Value)));
}
