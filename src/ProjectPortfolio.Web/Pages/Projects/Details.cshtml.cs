using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProjectPortfolio.Application.Auditing;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Models;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Web.Infrastructure;

namespace ProjectPortfolio.Web.Pages.Projects;

public class DetailsModel(IMediator mediator) : PageModel
{
    public ProjectDetail Project { get; private set; } = null!;

    /// <summary>The project's history, for officers and administrators only (null for the other roles).</summary>
    public PaginatedList<AuditHistoryItem>? History { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        try
        {
            Project = await mediator.Send(new GetProjectDetailQuery(id), HttpContext.RequestAborted);
            if (RecordHistory.IsVisibleTo(User))
                History = await mediator.Send(new GetRecordHistoryQuery(AuditedRecord.Project, id, RecordHistory.PageOf(Request), RecordHistory.PageSize),
                    HttpContext.RequestAborted);
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    public string HistoryUrl(int page) => RecordHistory.Url($"/Projects/Details/{Project.Id}", page);
}
