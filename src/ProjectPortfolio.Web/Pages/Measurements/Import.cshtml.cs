using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Application.Catalogue;
using ProjectPortfolio.Application.Measurements.Import;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Web.Infrastructure;
using AppRoles = ProjectPortfolio.Application.Common.Security.Roles;

namespace ProjectPortfolio.Web.Pages.Measurements;

/// <summary>The Excel import of measurements: download the period's template, upload it filled in, and see either
/// how many measurements were submitted or every error with its row and column.</summary>
[Authorize(Roles = AppRoles.Administrator + "," + AppRoles.ProgrammeOfficer)]
public class ImportModel(IMediator mediator, IStringLocalizer<SharedResource> localizer, TimeProvider clock) : PortfolioPageModel(mediator, localizer)
{
    [BindProperty(SupportsGet = true)] public string? PeriodStart { get; set; }
    [BindProperty(SupportsGet = true)] public string? PeriodEnd { get; set; }
    [BindProperty(SupportsGet = true)] public string? Country { get; set; }
    [BindProperty(SupportsGet = true)] public string? Programme { get; set; }
    [BindProperty(SupportsGet = true)] public string? Theme { get; set; }
    [BindProperty] public IFormFile? Workbook { get; set; }

    public IReadOnlyList<string> CountryOptions { get; private set; } = [];
    public IReadOnlyList<ThemeDto> Themes { get; private set; } = [];
    public IReadOnlyList<ProgrammeDto> Programmes { get; private set; } = [];
    public MeasurementImportResult? Result { get; private set; }

    public async Task OnGetAsync()
    {
        DefaultPeriod();
        await LoadOptionsAsync();
    }

    /// <summary>The template as a download; a refused period or filter comes back next to its field.</summary>
    public async Task<IActionResult> OnGetTemplateAsync()
    {
        var language = Format.IsEnglish ? "en" : "fr";
        var (ok, file) = await TrySendAsync(new GetMeasurementTemplateQuery(PeriodStart, PeriodEnd, language, Country, Programme, Theme), prefix: "");
        if (ok) return File(file!.Content, file.ContentType, file.FileName);
        PascalCaseKeys();
        await LoadOptionsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadOptionsAsync();
        ModelState.Clear();
        if (Workbook is null || Workbook.Length == 0)
        {
            ModelState.AddModelError(nameof(Workbook), L["Import.FileRequired"]);
            return Page();
        }
        if (Workbook.Length > MeasurementImportLimits.MaxBytes)
        {
            ModelState.AddModelError(nameof(Workbook), L["Import.FileTooLarge"]);
            return Page();
        }
        await using var content = new MemoryStream();
        await Workbook.CopyToAsync(content, HttpContext.RequestAborted);
        content.Position = 0;
        var (ok, result) = await TrySendAsync(new ImportMeasurementsCommand(Workbook.FileName, content), prefix: "");
        if (ok) Result = result;
        return Page();
    }

    /// <summary>The previous calendar quarter: the period most often reported.</summary>
    private void DefaultPeriod()
    {
        if (!string.IsNullOrWhiteSpace(PeriodStart) || !string.IsNullOrWhiteSpace(PeriodEnd)) return;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var quarterStart = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        var start = quarterStart.AddMonths(-3);
        PeriodStart = IsoDate.Format(start);
        PeriodEnd = IsoDate.Format(quarterStart.AddDays(-1));
    }

    private async Task LoadOptionsAsync()
    {
        var ct = HttpContext.RequestAborted;
        CountryOptions = await Mediator.Send(new GetProjectCountriesQuery(), ct);
        Themes = await Mediator.Send(new GetThemesQuery(), ct);
        Programmes = await Mediator.Send(new GetProgrammesQuery(), ct);
    }

    /// <summary>The use case names its fields as the API does (periodStart); the page's inputs are PeriodStart, and
    /// the error summary links to them by id.</summary>
    private void PascalCaseKeys()
    {
        foreach (var key in ModelState.Keys.Where(k => k.Length > 0 && char.IsLower(k[0])).ToList())
        {
            var errors = ModelState[key]!.Errors.Select(e => e.ErrorMessage).ToList();
            ModelState.Remove(key);
            foreach (var error in errors) ModelState.AddModelError(char.ToUpperInvariant(key[0]) + key[1..], error);
        }
    }
}
