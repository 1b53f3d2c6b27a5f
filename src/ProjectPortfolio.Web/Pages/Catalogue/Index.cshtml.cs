using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProjectPortfolio.Application.Catalogue;

namespace ProjectPortfolio.Web.Pages.Catalogue;

public class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<ThemeDto> Themes { get; private set; } = [];
    public IReadOnlyList<InstrumentDto> Instruments { get; private set; } = [];
    public IReadOnlyList<IndicatorDto> Indicators { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Themes = await mediator.Send(new GetThemesQuery(), ct);
        Instruments = await mediator.Send(new GetInstrumentsQuery(), ct);
        Indicators = await mediator.Send(new GetIndicatorsQuery(), ct);
    }
}
