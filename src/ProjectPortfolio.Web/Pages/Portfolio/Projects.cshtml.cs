using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Application.Portfolio;

namespace ProjectPortfolio.Web.Pages.Portfolio;

/// <summary>The drill-down of a dashboard figure: the projects that make it up and what each contributes.</summary>
public class ProjectsModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PortfolioFilterPageModel(mediator, localizer)
{
    [BindProperty(SupportsGet = true)] public string? Indicator { get; set; }

    public IndicatorContributions? Result { get; private set; }

    public async Task OnGetAsync()
    {
        await LoadOptionsAsync();
        if (!ReadPeriod()) return;
        var (ok, result) = await TrySendAsync(
            new GetIndicatorContributionsQuery(Indicator, Country, Theme, Instrument, Partner, Programme, FromDate, ToDate), prefix: "");
        if (ok) Result = result;
    }
}
