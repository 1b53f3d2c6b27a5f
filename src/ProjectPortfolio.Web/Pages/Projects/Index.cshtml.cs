using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using ProjectPortfolio.Application.Catalogue;
using ProjectPortfolio.Application.Common.Models;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Web.Pages.Projects;

public class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Country { get; set; }
    [BindProperty(SupportsGet = true)] public string? Theme { get; set; }
    [BindProperty(SupportsGet = true)] public ProjectStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Instrument { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    /// <summary>Read by hand: "page" is the route key of Razor Pages itself and cannot be bound.</summary>
    public int PageNumber => int.TryParse(Request.Query["page"], out var n) && n > 0 ? n : 1;

    public PaginatedList<ProjectListItem> Result { get; private set; } = null!;
    public IReadOnlyList<ThemeDto> Themes { get; private set; } = [];
    public IReadOnlyList<InstrumentDto> Instruments { get; private set; } = [];
    public IReadOnlyList<string> CountryOptions { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        // An invalid filter value (e.g. ?status=foo) binds to null and shows everything rather than failing.
        ModelState.Clear();
        Result = await mediator.Send(new GetProjectsQuery(Country, Theme, Status, Instrument, Q, Sort, PageNumber, 25), ct);
        Themes = await mediator.Send(new GetThemesQuery(), ct);
        Instruments = await mediator.Send(new GetInstrumentsQuery(), ct);
        CountryOptions = await mediator.Send(new GetProjectCountriesQuery(), ct);
    }

    private string ListUrl(string? sort, int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = Q, ["country"] = Country, ["theme"] = Theme, ["status"] = Status?.ToString(), ["instrument"] = Instrument,
            ["sort"] = sort, ["page"] = page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        return QueryHelpers.AddQueryString("/projects", query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }

    public string PageUrl(int page) => ListUrl(Sort, page);

    /// <summary>A column header's link: sorts by the column, or reverses the order if it already does.</summary>
    public string SortUrl(string column) => ListUrl(Sort == column ? "-" + column : column, 1);

    public string AriaSort(string column) => Sort == column ? "ascending" : Sort == "-" + column ? "descending" : "none";
}
