using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using ProjectPortfolio.Application.Common.Models;
using ProjectPortfolio.Application.Members;
using ProjectPortfolio.Domain.Members;

namespace ProjectPortfolio.Web.Pages.Members;

public class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public MemberKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    /// <summary>Read by hand: "page" is the route key of Razor Pages itself and cannot be bound.</summary>
    public int PageNumber => int.TryParse(Request.Query["page"], out var n) && n > 0 ? n : 1;

    public PaginatedList<MemberListItem> Result { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        Result = await mediator.Send(new GetMembersQuery(Q, null, Kind, Sort, PageNumber, 25), HttpContext.RequestAborted);
    }

    private string ListUrl(string? sort, int page) => QueryHelpers.AddQueryString("/members", new Dictionary<string, string?>
    {
        ["q"] = Q, ["kind"] = Kind?.ToString(), ["sort"] = sort,
        ["page"] = page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
    }.Where(kv => !string.IsNullOrEmpty(kv.Value)));

    public string PageUrl(int page) => ListUrl(Sort, page);

    public string SortUrl(string column) => ListUrl(Sort == column ? "-" + column : column, 1);
}
