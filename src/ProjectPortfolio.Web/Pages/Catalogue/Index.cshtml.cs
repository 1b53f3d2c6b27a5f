using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Application.Catalogue;
using ProjectPortfolio.Application.ExchangeRates;
using ProjectPortfolio.Web.Infrastructure;

namespace ProjectPortfolio.Web.Pages.Catalogue;

public class IndexModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PortfolioPageModel(mediator, localizer)
{
    public IReadOnlyList<ThemeDto> Themes { get; private set; } = [];
    public IReadOnlyList<InstrumentDto> Instruments { get; private set; } = [];
    public IReadOnlyList<IndicatorDto> Indicators { get; private set; } = [];
    public IReadOnlyList<ExchangeRateRow> Rates { get; private set; } = [];
    public string? RateCurrency { get; private set; }
    public string? RateValue { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Administrators add a rate from a date on (the rate typed the French or the English way).</summary>
    public async Task<IActionResult> OnPostRateAsync(string? currency, DateOnly? effectiveFrom, string? unitsPerEuro)
    {
        RateCurrency = currency;
        RateValue = unitsPerEuro;
        decimal? value = Format.TryParseAmount(unitsPerEuro, out var parsed) ? parsed : null;
        var (ok, _) = await TrySendAsync(new AddExchangeRateCommand(currency?.Trim().ToUpperInvariant(), effectiveFrom, value), prefix: string.Empty);
        if (ok)
        {
            TempData["Flash"] = L["Common.Saved"].Value;
            return RedirectToPage(pageName: null, pageHandler: null, routeValues: null, fragment: "rates");
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Themes = await Mediator.Send(new GetThemesQuery(), ct);
        Instruments = await Mediator.Send(new GetInstrumentsQuery(), ct);
        Indicators = await Mediator.Send(new GetIndicatorsQuery(), ct);
        Rates = await Mediator.Send(new GetExchangeRatesQuery(), ct);
    }
}
