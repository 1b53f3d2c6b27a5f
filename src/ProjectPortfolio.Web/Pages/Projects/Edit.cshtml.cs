using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Application.Catalogue;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Members;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Domain.Projects;
using ProjectPortfolio.Web.Infrastructure;
using AppRoles = ProjectPortfolio.Application.Common.Security.Roles;

namespace ProjectPortfolio.Web.Pages.Projects;

[Authorize(Roles = AppRoles.Administrator + "," + AppRoles.ProgrammeOfficer)]
public class EditModel(IMediator mediator, IStringLocalizer<SharedResource> localizer, FluentValidation.IValidator<CreateProjectCommand> createValidator)
    : PortfolioPageModel(mediator, localizer)
{
    [FromRoute] public Guid? Id { get; set; }

    [BindProperty] public ProjectInput Input { get; set; } = new();

    public string? Code { get; private set; }
    public IReadOnlyList<MemberOption> Members { get; private set; } = [];
    public IReadOnlyList<ThemeDto> Themes { get; private set; } = [];
    public IReadOnlyList<InstrumentDto> Instruments { get; private set; } = [];
    public IReadOnlyList<ProgrammeDto> Programmes { get; private set; } = [];

    public sealed class ProjectInput
    {
        public int Version { get; set; }
        public string? Code { get; set; }
        public string? Title { get; set; }
        public string? TitleEn { get; set; }
        public string? Summary { get; set; }
        public string? SummaryEn { get; set; }
        public Guid? LeadMemberId { get; set; }
        public List<Guid> PartnerMemberIds { get; set; } = [];
        public string? Country { get; set; }
        public string? Theme { get; set; }
        public string? Instrument { get; set; }
        public Guid? ProgrammeId { get; set; }
        public DateOnly? PlannedStart { get; set; }
        public DateOnly? PlannedEnd { get; set; }
        public DateOnly? ActualStart { get; set; }
        public DateOnly? ActualEnd { get; set; }
        public ProjectStatus? Status { get; set; }
        public string? GrantAmount { get; set; }
        public string? Currency { get; set; } = "EUR";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            ProjectDetail p;
            try { p = await Mediator.Send(new GetProjectDetailQuery(id), HttpContext.RequestAborted); }
            catch (NotFoundException) { return NotFound(); }
            Code = p.Code;
            Input = InputOf(p);
        }
        await LoadOptionsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // A value the binder could not read (a malformed date) is already reported next to its field.
        if (ModelState.IsValid)
        {
            if (Id is { } id)
            {
                var (ok, _) = await TrySendAsync(new UpdateProjectCommand
                {
                    Id = id, Version = Input.Version, Title = Input.Title, TitleEn = Input.TitleEn, Summary = Input.Summary, SummaryEn = Input.SummaryEn,
                    LeadMemberId = Input.LeadMemberId, PartnerMemberIds = Input.PartnerMemberIds, Country = Input.Country, Theme = Input.Theme,
                    Instrument = Input.Instrument, ProgrammeId = Input.ProgrammeId, PlannedStart = Input.PlannedStart, PlannedEnd = Input.PlannedEnd,
                    ActualStart = Input.ActualStart, ActualEnd = Input.ActualEnd, Status = Input.Status,
                });
                if (ok)
                {
                    TempData["Flash"] = L["Projects.Saved"].Value;
                    return RedirectToPage("/Projects/Details", new { id });
                }
            }
            else
            {
                var amountIsReadable = Format.TryParseAmount(Input.GrantAmount, out var amount);
                var command = new CreateProjectCommand
                {
                    Code = Input.Code, Title = Input.Title, TitleEn = Input.TitleEn, Summary = Input.Summary, SummaryEn = Input.SummaryEn,
                    LeadMemberId = Input.LeadMemberId, PartnerMemberIds = Input.PartnerMemberIds, Country = Input.Country, Theme = Input.Theme,
                    Instrument = Input.Instrument, ProgrammeId = Input.ProgrammeId, PlannedStart = Input.PlannedStart, PlannedEnd = Input.PlannedEnd,
                    ActualStart = Input.ActualStart, ActualEnd = Input.ActualEnd,
                    GrantAmount = amountIsReadable ? amount : null, Currency = Input.Currency,
                };
                var ok = false;
                Guid newId = default;
                if (amountIsReadable || string.IsNullOrWhiteSpace(Input.GrantAmount))
                {
                    (ok, newId) = await TrySendAsync(command);
                }
                else
                {
                    // Unreadable amount: report it, and the other fields' problems too, without saving anything.
                    ModelState.AddModelError("Input.GrantAmount", L["Form.InvalidAmount"]);
                    var others = await createValidator.ValidateAsync(command, HttpContext.RequestAborted);
                    foreach (var error in others.Errors.Where(e => e.PropertyName != nameof(CreateProjectCommand.GrantAmount)))
                        ModelState.AddModelError("Input." + error.PropertyName, error.ErrorMessage);
                }
                if (ok && ModelState.IsValid)
                {
                    TempData["Flash"] = L["Projects.Created"].Value;
                    return RedirectToPage("/Projects/Details", new { id = newId });
                }
            }
        }
        await LoadOptionsAsync();
        if (Id is { } existing)
        {
            Code = (await Mediator.Send(new GetProjectDetailQuery(existing), HttpContext.RequestAborted)).Code;
            if (Conflict is not null) await ShowConflictAsync(existing);
        }
        return Page();
    }

    /// <summary>The stored project in the form's shape (what an edit starts from, and what a conflict compares with).</summary>
    private static ProjectInput InputOf(ProjectDetail p) => new()
    {
        Version = p.Version, Title = p.Title, TitleEn = p.TitleEn, Summary = p.Summary, SummaryEn = p.SummaryEn,
        LeadMemberId = p.LeadMemberId, PartnerMemberIds = p.PartnerMembers.Select(m => m.Id).ToList(), Country = p.Country,
        Theme = p.ThemeCode, Instrument = p.InstrumentCode, ProgrammeId = p.ProgrammeId, PlannedStart = p.PlannedStart,
        PlannedEnd = p.PlannedEnd, ActualStart = p.ActualStart, ActualEnd = p.ActualEnd, Status = p.Status,
    };

    /// <summary>Someone saved the project meanwhile: keep what was typed, show what they saved, take their version.</summary>
    private async Task ShowConflictAsync(Guid id)
    {
        var stored = await Mediator.Send(new GetProjectDetailQuery(id), HttpContext.RequestAborted);
        // Code, grant and currency are not on the edit form: the same defaults on both sides, never a difference.
        var english = Format.IsEnglish;
        ShowConflict(InputOf(stored), Input, stored.Version, v => Input.Version = v, (field, value) => (field, value) switch
        {
            (_, null) => null,
            (nameof(ProjectInput.LeadMemberId), Guid member) => Members.FirstOrDefault(m => m.Id == member)?.Name,
            (nameof(ProjectInput.PartnerMemberIds), IEnumerable<Guid> members) =>
                string.Join(", ", members.Select(m => Members.FirstOrDefault(o => o.Id == m)?.Name ?? m.ToString()).Order(StringComparer.CurrentCulture)),
            (nameof(ProjectInput.Theme), string theme) => Themes.FirstOrDefault(t => t.Code == theme) is { } t ? (english ? t.NameEn : t.NameFr) : theme,
            (nameof(ProjectInput.Instrument), string instrument) => Instruments.FirstOrDefault(i => i.Code == instrument) is { } i ? (english ? i.NameEn : i.NameFr) : instrument,
            (nameof(ProjectInput.ProgrammeId), Guid programme) => Programmes.FirstOrDefault(g => g.Id == programme)?.Name,
            (nameof(ProjectInput.Status), ProjectStatus status) => L["ProjectStatus." + status].Value,
            _ => null,
        });
    }

    private async Task LoadOptionsAsync()
    {
        var ct = HttpContext.RequestAborted;
        Members = await Mediator.Send(new GetMemberOptionsQuery(), ct);
        Themes = await Mediator.Send(new GetThemesQuery(), ct);
        Instruments = await Mediator.Send(new GetInstrumentsQuery(), ct);
        Programmes = await Mediator.Send(new GetProgrammesQuery(), ct);
    }
}
