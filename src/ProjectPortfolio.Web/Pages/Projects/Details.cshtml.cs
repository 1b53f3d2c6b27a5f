using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Projects;

namespace ProjectPortfolio.Web.Pages.Projects;

public class DetailsModel(IMediator mediator) : PageModel
{
    public ProjectDetail Project { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        try
        {
            Project = await mediator.Send(new GetProjectDetailQuery(id), HttpContext.RequestAborted);
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}
