using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Application.Catalogue;
using ProjectPortfolio.Application.Partners;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Web.Infrastructure;

namespace ProjectPortfolio.Web.Pages.Portfolio;

/// <summary>The filters shared by the results dashboard and its drill-down, read from the query string with the
/// API's names, so that a figure's link carries exactly the filters that produced it.</summary>
public abstract class PortfolioFilterPageModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PortfolioPageModel(mediator, localizer)
{
    [BindProperty(SupportsGet = true)] public string? Country { get; set; }
    [BindProperty(SupportsGet = true)] public string? Theme { get; set; }
    [BindProperty(SupportsGet = true)] public string? Instrument { get; set; }
    [BindProperty(SupportsGet = true)] public string? Partner { get; set; }
    [BindProperty(SupportsGet = true)] public string? Programme { get; set; }
    /// <summary>Kept as typed (ISO text): a date that does not read is shown back with its error.</summary>
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public IReadOnlyList<string> CountryOptions { get; private set; } = [];
    public IReadOnlyList<ThemeDto> Themes { get; private set; } = [];
    public IReadOnlyList<InstrumentDto> Instruments { get; private set; } = [];
    public IReadOnlyList<PartnerOption> Partners { get; private set; } = [];
    public IReadOnlyList<ProgrammeDto> Programmes { get; private set; } = [];

    protected DateOnly? FromDate { get; private set; }
    protected DateOnly? ToDate { get; private set; }

    protected async Task LoadOptionsAsync()
    {
        var ct = HttpContext.RequestAborted;
        CountryOptions = await Mediator.Send(new GetProjectCountriesQuery(), ct);
        Themes = await Mediator.Send(new GetThemesQuery(), ct);
        Instruments = await Mediator.Send(new GetInstrumentsQuery(), ct);
        Partners = await Mediator.Send(new GetPartnerOptionsQuery(), ct);
        Programmes = await Mediator.Send(new GetProgrammesQuery(), ct);
    }

    /// <summary>Reads the period; a date that is not ISO is an error next to its field and nothing is computed.</summary>
    protected bool ReadPeriod()
    {
        ModelState.Clear();
        if (IsoDate.TryParse(From, out var from)) FromDate = from;
        else ModelState.AddModelError(nameof(From), L["Portfolio.InvalidDate"]);
        if (IsoDate.TryParse(To, out var to)) ToDate = to;
        else ModelState.AddModelError(nameof(To), L["Portfolio.InvalidDate"]);
        return ModelState.IsValid;
    }

    private Dictionary<string, string?> Filters() => new()
    {
        ["country"] = Country, ["theme"] = Theme, ["instrument"] = Instrument, ["partner"] = Partner, ["programme"] = Programme,
        ["from"] = From, ["to"] = To,
    };

    private static string WithQuery(string path, IEnumerable<KeyValuePair<string, string?>> query) =>
        QueryHelpers.AddQueryString(path, query.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)));

    public string SummaryUrl() => WithQuery("/portfolio", Filters());

    /// <summary>The portfolio report (PDF) for the same filters, in the page's language.</summary>
    public string ReportUrl() =>
        WithQuery("/api/reports/portfolio.pdf", Filters().Append(KeyValuePair.Create("lang", (string?)(Format.IsEnglish ? "en" : "fr"))));
    /// <summary>The page that issues the portfolio report for the same filters into the archive of issued reports.</summary>
    public string IssueUrl() =>
        WithQuery("/reports/issue", new[] { KeyValuePair.Create("kind", (string?)"portfolio-pdf") }.Concat(Filters()));
    /// <summary>The portfolio workbook (.xlsx) for the same filters, in the page's language.</summary>
    public string WorkbookUrl(bool english) =>
        WithQuery("/api/reports/portfolio.xlsx", Filters().Append(KeyValuePair.Create("lang", (string?)(english ? "en" : "fr"))));

    /// <summary>The drill-down of a figure: the same filters, the indicator, and a country when the figure is one bar.</summary>
    public string DrillDownUrl(string indicator, string? country = null)
    {
        var query = Filters();
        if (country is not null) query["country"] = country;
        return WithQuery("/portfolio/projects", new[] { KeyValuePair.Create("indicator", (string?)indicator) }.Concat(query));
    }

    /// <summary>The active filters in words, for the drill-down's heading and the charts' descriptions.</summary>
    public IReadOnlyList<string> FilterWords()
    {
        var english = Format.IsEnglish;
        var words = new List<string>();
        if (!string.IsNullOrWhiteSpace(Country)) words.Add(CountryNames.Get(Country.Trim()));
        if (Themes.FirstOrDefault(t => string.Equals(t.Code, Theme?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } theme)
            words.Add(english ? theme.NameEn : theme.NameFr);
        if (Instruments.FirstOrDefault(i => string.Equals(i.Code, Instrument?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } instrument)
            words.Add(english ? instrument.NameEn : instrument.NameFr);
        if (Partners.FirstOrDefault(p => string.Equals(p.Code, Partner?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } partner) words.Add(partner.Name);
        if (Programmes.FirstOrDefault(p => string.Equals(p.Code, Programme?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } programme) words.Add(programme.Name);
        if (FromDate is { } from && ToDate is { } to) words.Add(L["Portfolio.PeriodFromTo", Format.Date(from), Format.Date(to)]);
        else if (FromDate is { } since) words.Add(L["Portfolio.PeriodFrom", Format.Date(since)]);
        else if (ToDate is { } until) words.Add(L["Portfolio.PeriodTo", Format.Date(until)]);
        return words;
    }

    /// <summary>The active filters in one line, or the whole portfolio when there is none.</summary>
    public string FilterText() => FilterWords() is { Count: > 0 } words ? string.Join(" · ", words) : L["Portfolio.Everything"].Value;
}
