using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProjectPortfolio.Application.Projects;

namespace ProjectPortfolio.Web.Pages;

public class IndexModel(IMediator mediator) : PageModel
{
    public PortfolioOverview Overview { get; private set; } = null!;

    public async Task OnGetAsync() => Overview = await mediator.Send(new GetPortfolioOverviewQuery(), HttpContext.RequestAborted);
}
