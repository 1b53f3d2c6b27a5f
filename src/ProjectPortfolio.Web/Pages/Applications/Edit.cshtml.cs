using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Application.Applications;
using ProjectPortfolio.Application.Catalogue;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Members;
using ProjectPortfolio.Application.Partners;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Domain.Applications;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Projects;
using ProjectPortfolio.Web.Infrastructure;
using AppRoles = ProjectPortfolio.Application.Common.Security.Roles;

namespace ProjectPortfolio.Web.Pages.Applications;

[Authorize(Roles = AppRoles.Administrator + "," + AppRoles.ProgrammeOfficer)]
public class EditModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PortfolioPageModel(mediator, localizer)
{
    private const int BlankRows = 2;

    [FromRoute] public Guid? Id { get; set; }
    [BindProperty] public ApplicationInput Input { get; set; } = new();

    public IReadOnlyList<MemberOption> Members { get; private set; } = [];
    public IReadOnlyList<ProjectListItem> Projects { get; private set; } = [];
    public IReadOnlyList<PartnerListItem> Partners { get; private set; } = [];
    public IReadOnlyList<ThemeDto> Themes { get; private set; } = [];
    public IReadOnlyList<InstrumentDto> Instruments { get; private set; } = [];
    public IReadOnlyList<IndicatorDto> Indicators { get; private set; } = [];

    public sealed class ApplicationInput
    {
        public int Version { get; set; }
        public Guid? ApplicantMemberId { get; set; }
        public ApplicationKind? Kind { get; set; } = ApplicationKind.NewProject;
        public Guid? ContinuesProjectId { get; set; }
        public string? Currency { get; set; }
        public string? Title { get; set; }
        public string? Summary { get; set; }
        public string? TitleEn { get; set; }
        public string? SummaryEn { get; set; }
        public string? Theme { get; set; }
        public string? Instrument { get; set; }
        public string? Requested { get; set; }
        public string? TotalBudget { get; set; }
        public DateOnly? PlannedStart { get; set; }
        public DateOnly? PlannedEnd { get; set; }
        public List<LineInput> CoFinancing { get; set; } = [];
        public List<ResultInput> ExpectedResults { get; set; } = [];
    }

    public sealed class LineInput
    {
        public Guid? PartnerId { get; set; }
        public string? Amount { get; set; }
        public string? Currency { get; set; }
        public CoFinancingStatus Status { get; set; }
    }

    public sealed class ResultInput
    {
        public string? Indicator { get; set; }
        public string? Target { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            ApplicationDetail a;
            try { a = await Mediator.Send(new GetApplicationDetailQuery(id), HttpContext.RequestAborted); }
            catch (NotFoundException) { return NotFound(); }
            if (a.Status != ApplicationStatus.Draft) return RedirectToPage("/Applications/Details", new { id });
            Input = InputOf(a);
        }
        await LoadOptionsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var lines = new List<PlanLineInput>();
        foreach (var (line, i) in Input.CoFinancing.Select((l, i) => (l, i)).Where(x => x.l.PartnerId is not null || !string.IsNullOrWhiteSpace(x.l.Amount)))
        {
            if (line.PartnerId is null) ModelState.AddModelError("Input.CoFinancing", L["Applications.LineNeedsPartner"]);
            else if (!Format.TryParseAmount(line.Amount, out var amount)) ModelState.AddModelError("Input.CoFinancing", L["Form.InvalidAmount"]);
            else lines.Add(new PlanLineInput(line.PartnerId.Value, amount, line.Currency ?? "EUR", line.Status));
        }
        var results = new List<ExpectedResultInput>();
        foreach (var result in Input.ExpectedResults.Where(r => !string.IsNullOrWhiteSpace(r.Indicator) || !string.IsNullOrWhiteSpace(r.Target)))
        {
            if (string.IsNullOrWhiteSpace(result.Indicator) || !Format.TryParseAmount(result.Target, out var target))
                ModelState.AddModelError("Input.ExpectedResults", L["Applications.ResultNeedsTarget"]);
            else results.Add(new ExpectedResultInput(result.Indicator, (double)target));
        }
        decimal? requested = ReadAmount(Input.Requested, "Input.Requested");
        decimal? budget = ReadAmount(Input.TotalBudget, "Input.TotalBudget");

        if (ModelState.IsValid)
        {
            if (Id is { } id)
            {
                var (ok, _) = await TrySendAsync(new UpdateApplicationCommand
                {
                    Id = id, Version = Input.Version, Title = Input.Title, TitleEn = Input.TitleEn, Summary = Input.Summary, SummaryEn = Input.SummaryEn, Theme = Input.Theme, Instrument = Input.Instrument,
                    Requested = requested, TotalBudget = budget, PlannedStart = Input.PlannedStart, PlannedEnd = Input.PlannedEnd,
                    CoFinancing = lines, ExpectedResults = results,
                });
                if (ok) return Saved(id);
                if (Conflict is not null) await ShowConflictAsync(id, requested, budget);
            }
            else
            {
                var continuation = Input.Kind == ApplicationKind.Continuation;
                var (ok, newId) = await TrySendAsync(new CreateApplicationCommand
                {
                    ApplicantMemberId = Input.ApplicantMemberId, Kind = Input.Kind,
                    ContinuesProjectId = continuation ? Input.ContinuesProjectId : null,
                    Title = Input.Title, TitleEn = Input.TitleEn, Summary = Input.Summary, SummaryEn = Input.SummaryEn,
                    Theme = string.IsNullOrWhiteSpace(Input.Theme) ? null : Input.Theme,
                    Instrument = string.IsNullOrWhiteSpace(Input.Instrument) ? null : Input.Instrument,
                    Requested = requested, TotalBudget = budget, PlannedStart = Input.PlannedStart, PlannedEnd = Input.PlannedEnd,
                    // For a continuation, empty lists mean "take them from the project".
                    CoFinancing = continuation && lines.Count == 0 ? null : lines,
                    ExpectedResults = continuation && results.Count == 0 ? null : results,
                });
                if (ok) return Saved(newId);
            }
        }
        await LoadOptionsAsync();
        return Page();
    }

    private static ApplicationInput InputOf(ApplicationDetail a) => new()
    {
        Version = a.Version, Currency = a.Currency, Title = a.Title, TitleEn = a.TitleEn, Summary = a.Summary, SummaryEn = a.SummaryEn, Theme = a.ThemeCode, Instrument = a.InstrumentCode,
        Requested = a.RequestedMinor is null ? null : Format.AmountInput(Currencies.ToMajor(a.RequestedMinor.Value, a.Currency)),
        TotalBudget = a.TotalBudgetMinor is null ? null : Format.AmountInput(Currencies.ToMajor(a.TotalBudgetMinor.Value, a.Currency)),
        PlannedStart = a.PlannedStart, PlannedEnd = a.PlannedEnd,
        CoFinancing = a.CoFinancing.Select(c => new LineInput { PartnerId = c.PartnerId, Amount = Format.AmountInput(Currencies.ToMajor(c.AmountMinor, c.Currency)), Currency = c.Currency, Status = c.Status }).ToList(),
        ExpectedResults = a.ExpectedResults.Select(r => new ResultInput { Indicator = r.IndicatorCode, Target = Format.Number(r.Target) }).ToList(),
    };

    /// <summary>The fields of the edit form as they compare: amounts as numbers (not as typed), and the co-financing
    /// plan and expected results each as one readable line, blank rows left out.</summary>
    private sealed record Comparison(string? Title, string? TitleEn, string? Summary, string? SummaryEn, string? Theme, string? Instrument,
        decimal? Requested, decimal? TotalBudget, DateOnly? PlannedStart, DateOnly? PlannedEnd, string CoFinancing, string ExpectedResults);

    private Comparison ComparisonOf(ApplicationInput input, decimal? requested, decimal? budget) => new(
        input.Title, input.TitleEn, input.Summary, input.SummaryEn, input.Theme, input.Instrument, requested, budget, input.PlannedStart, input.PlannedEnd,
        string.Join("; ", input.CoFinancing.Where(l => l.PartnerId is not null)
            .Select(l => $"{Partners.FirstOrDefault(p => p.Id == l.PartnerId)?.Name ?? l.PartnerId.ToString()} {(Format.TryParseAmount(l.Amount, out var amount) ? Format.AmountInput(amount) : l.Amount)} {l.Currency} ({L["CoFinancingStatus." + l.Status].Value})")
            .Order(StringComparer.Ordinal)),
        string.Join("; ", input.ExpectedResults.Where(r => !string.IsNullOrWhiteSpace(r.Indicator))
            .Select(r => $"{r.Indicator} {(Format.TryParseAmount(r.Target, out var target) ? Format.Number((double)target) : r.Target)}")
            .Order(StringComparer.Ordinal)));

    /// <summary>Someone saved the draft meanwhile: keep what was typed, show what they saved, take their version.</summary>
    private async Task ShowConflictAsync(Guid id, decimal? requested, decimal? budget)
    {
        var stored = await Mediator.Send(new GetApplicationDetailQuery(id), HttpContext.RequestAborted);
        // The lists name partners: loaded before the comparison reads them.
        Partners = (await Mediator.Send(new GetPartnersQuery(PageSize: 100), HttpContext.RequestAborted)).Items;
        var storedInput = InputOf(stored);
        decimal? Major(long? minor) => minor is null ? null : Currencies.ToMajor(minor.Value, stored.Currency);
        ShowConflict(ComparisonOf(storedInput, Major(stored.RequestedMinor), Major(stored.TotalBudgetMinor)), ComparisonOf(Input, requested, budget),
            stored.Version, v => Input.Version = v);
    }

    private RedirectToPageResult Saved(Guid id)
    {
        TempData["Flash"] = L["Applications.DraftSaved"].Value;
        return RedirectToPage("/Applications/Details", new { id });
    }

    private decimal? ReadAmount(string? text, string key)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Format.TryParseAmount(text, out var value)) return value;
        ModelState.AddModelError(key, L["Form.InvalidAmount"]);
        return null;
    }

    private async Task LoadOptionsAsync()
    {
        var ct = HttpContext.RequestAborted;
        while (Input.CoFinancing.Count(l => l.PartnerId is null && string.IsNullOrWhiteSpace(l.Amount)) < BlankRows) Input.CoFinancing.Add(new LineInput());
        while (Input.ExpectedResults.Count(r => string.IsNullOrWhiteSpace(r.Indicator)) < BlankRows) Input.ExpectedResults.Add(new ResultInput());
        Members = await Mediator.Send(new GetMemberOptionsQuery(), ct);
        Projects = (await Mediator.Send(new GetProjectsQuery(Sort: "code", PageSize: 100), ct)).Items;
        Partners = (await Mediator.Send(new GetPartnersQuery(PageSize: 100), ct)).Items;
        Themes = await Mediator.Send(new GetThemesQuery(), ct);
        Instruments = await Mediator.Send(new GetInstrumentsQuery(), ct);
        Indicators = await Mediator.Send(new GetIndicatorsQuery(), ct);
    }
}
