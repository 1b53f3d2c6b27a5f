using MediatR;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Application.Portfolio;

namespace ProjectPortfolio.Web.Pages.Portfolio;

/// <summary>The results dashboard: the portfolio summary for the filters, drawn on the server.</summary>
public class IndexModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PortfolioFilterPageModel(mediator, localizer)
{
    public PortfolioSummary? Summary { get; private set; }

    public async Task OnGetAsync()
    {
        await LoadOptionsAsync();
        if (!ReadPeriod()) return;
        var (ok, summary) = await TrySendAsync(new GetPortfolioSummaryQuery(Country, Theme, Instrument, Partner, Programme, FromDate, ToDate), prefix: "");
        if (ok) Summary = summary;
    }

    /// <summary>Achieved over target, or null when there is no target to compare with.</summary>
    public static double? Ratio(IndicatorFigure figure) => figure.Target > 0 ? figure.Total / figure.Target : null;
}
