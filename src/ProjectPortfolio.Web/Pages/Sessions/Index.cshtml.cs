using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProjectPortfolio.Application.BureauSessions;
using AppRoles = ProjectPortfolio.Application.Common.Security.Roles;

namespace ProjectPortfolio.Web.Pages.Sessions;

[Authorize(Roles = AppRoles.Administrator + "," + AppRoles.ProgrammeOfficer + "," + AppRoles.BureauMember)]
public class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<SessionListItem> Sessions { get; private set; } = [];

    public async Task OnGetAsync() => Sessions = await mediator.Send(new GetSessionsQuery(), HttpContext.RequestAborted);
}
