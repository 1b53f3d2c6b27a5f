using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProjectPortfolio.Application.Measurements;
using AppRoles = ProjectPortfolio.Application.Common.Security.Roles;

namespace ProjectPortfolio.Web.Pages.Measurements;

/// <summary>"Mesures à valider": the submitted values the signed-in officer may approve (not their own).</summary>
[Authorize(Roles = AppRoles.Administrator + "," + AppRoles.ProgrammeOfficer)]
public class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<ReviewItem> Items { get; private set; } = [];

    public async Task OnGetAsync() => Items = await mediator.Send(new GetReviewQueueQuery(), HttpContext.RequestAborted);
}
