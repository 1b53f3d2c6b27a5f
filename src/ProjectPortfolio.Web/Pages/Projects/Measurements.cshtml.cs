using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Application.Attachments;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Measurements;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Indicators;
using ProjectPortfolio.Web.Infrastructure;
using AppRoles = ProjectPortfolio.Application.Common.Security.Roles;

namespace ProjectPortfolio.Web.Pages.Projects;

/// <summary>A project's indicators and measurements: what is achieved against each target, each period's value
/// with its status and revisions, and the workflow's steps (record, edit, attach evidence, submit, approve or
/// return, correct). One form at a time, chosen in the URL (?indicator=, ?edit=, ?correct=), so that it shows
/// exactly the disaggregation its indicator allows.</summary>
// Applicants do not read measurements (yet): refused before anything is loaded, as the API refuses them.
[Microsoft.AspNetCore.Authorization.Authorize(Roles = AppRoles.Administrator + "," + AppRoles.ProgrammeOfficer + "," + AppRoles.BureauMember + "," + AppRoles.Donor)]
public class MeasurementsModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PortfolioPageModel(mediator, localizer)
{
    public const string FormAnchor = "measurement-form";

    [FromRoute] public Guid Id { get; set; }

    public ProjectMeasurements Results { get; private set; } = null!;
    public IReadOnlyDictionary<Guid, IReadOnlyList<AttachmentRow>> Files { get; private set; } = new Dictionary<Guid, IReadOnlyList<AttachmentRow>>();

    /// <summary>The form on display: record for an indicator, edit a draft or returned value, or correct an approved one.</summary>
    public FormMode? Mode { get; private set; }
    public IndicatorResults? FormIndicator { get; private set; }
    public MeasurementRow? FormMeasurement { get; private set; }

    [BindProperty] public MeasurementInput Input { get; set; } = new();

    /// <summary>The measurement whose return form was rejected, and what was typed in it.</summary>
    public Guid? ReturnFor { get; private set; }
    public string? ReturnComment { get; private set; }

    public bool CanWrite => User.IsInRole(Roles.ProgrammeOfficer) || User.IsInRole(Roles.Administrator);
    /// <summary>Who is reading, named as the workflow names people (see <see cref="MeasurementRules.Actor"/>).</summary>
    public string? Me => User.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value ?? User.FindFirst(System.Security.Claims.ClaimTypes.Name)?.Value;

    public enum FormMode { Record, Edit, Correct }

    public sealed class MeasurementInput
    {
        public string? Indicator { get; set; }
        public Guid? MeasurementId { get; set; }
        public int Version { get; set; }
        public DateOnly? PeriodStart { get; set; }
        public DateOnly? PeriodEnd { get; set; }
        public string? Value { get; set; }
        public string? Female { get; set; }
        public string? Male { get; set; }
        public string? Under15 { get; set; }
        public string? From15To24 { get; set; }
        public string? From25To64 { get; set; }
        public string? Over64 { get; set; }
        public string? Evidence { get; set; }
        public string? EvidenceLink { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string? indicator, Guid? edit, Guid? correct)
    {
        if (!await LoadAsync()) return NotFound();
        if (!CanWrite) return Page();
        if (edit is { } editId && Find(editId) is { } editing && editing.Row.Status is MeasurementStatus.Draft or MeasurementStatus.Returned)
        {
            Open(FormMode.Edit, editing.Indicator, editing.Row);
            Fill(editing.Row);
        }
        else if (correct is { } correctId && Find(correctId) is { } correcting && correcting.Row is { Status: MeasurementStatus.Approved, IsCurrent: true })
        {
            Open(FormMode.Correct, correcting.Indicator, correcting.Row);
            Fill(correcting.Row);
        }
        else if (Results.Indicators.FirstOrDefault(i => string.Equals(i.Code, indicator, StringComparison.OrdinalIgnoreCase) && i.HasTarget) is { } chosen)
        {
            Open(FormMode.Record, chosen, null);
            Input = new MeasurementInput { Indicator = chosen.Code };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRecordAsync()
    {
        var value = ReadValue(out var parts);
        if (ModelState.IsValid)
        {
            var (ok, created) = await TrySendAsync(new RecordMeasurementCommand
            {
                ProjectId = Id, Indicator = Input.Indicator, PeriodStart = Input.PeriodStart, PeriodEnd = Input.PeriodEnd,
                Value = value, Parts = parts, Evidence = Input.Evidence, EvidenceLink = Input.EvidenceLink,
            });
            if (ok) return Done("Measurements.Recorded", new { id = Id, edit = created });
        }
        return await ReloadFormAsync(FormMode.Record);
    }

    public async Task<IActionResult> OnPostEditAsync()
    {
        var value = ReadValue(out var parts);
        if (ModelState.IsValid)
        {
            var (ok, _) = await TrySendAsync(new UpdateMeasurementCommand
            {
                Id = Input.MeasurementId ?? Guid.Empty, Version = Input.Version, Value = value, Parts = parts, Evidence = Input.Evidence, EvidenceLink = Input.EvidenceLink,
            });
            if (ok) return Done("Measurements.Saved", new { id = Id, edit = Input.MeasurementId });
        }
        return await ReloadFormAsync(FormMode.Edit);
    }

    public async Task<IActionResult> OnPostCorrectAsync()
    {
        var value = ReadValue(out var parts);
        if (ModelState.IsValid)
        {
            var (ok, created) = await TrySendAsync(new CorrectMeasurementCommand
            {
                Id = Input.MeasurementId ?? Guid.Empty, Version = Input.Version, Value = value, Parts = parts, Evidence = Input.Evidence, EvidenceLink = Input.EvidenceLink,
            });
            if (ok) return Done("Measurements.Corrected", new { id = Id, edit = created });
        }
        return await ReloadFormAsync(FormMode.Correct);
    }

    public Task<IActionResult> OnPostSubmitAsync(Guid measurementId, int version) =>
        StepAsync(new SubmitMeasurementCommand(measurementId, version), "Measurements.Submitted");

    public Task<IActionResult> OnPostApproveAsync(Guid measurementId, int version) =>
        StepAsync(new ApproveMeasurementCommand(measurementId, version), "Measurements.Approved");

    public async Task<IActionResult> OnPostReturnAsync(Guid measurementId, int version, string? comment)
    {
        var result = await StepAsync(new ReturnMeasurementCommand(measurementId, version, comment), "Measurements.Returned", prefix: "Return");
        if (!ModelState.IsValid)
        {
            ReturnFor = measurementId;
            ReturnComment = comment;
        }
        return result;
    }

    public async Task<IActionResult> OnPostUploadAsync(Guid measurementId, IFormFile? file)
    {
        if (file is null || file.Length == 0) ModelState.AddModelError("File", L["Attachments.ChooseFile"]);
        else
        {
            try
            {
                await using var content = file.OpenReadStream();
                var (ok, _) = await TrySendAsync(new AttachMeasurementEvidenceCommand(measurementId, file.FileName, content), prefix: string.Empty);
                if (ok) return Done("Attachments.Uploaded", new { id = Id, edit = measurementId });
            }
            catch (FileTooLargeException ex)
            {
                ModelState.AddModelError("File", ex.Message);
            }
        }
        if (!await LoadAsync()) return NotFound();
        if (Find(measurementId) is { } found && CanWrite) { Open(FormMode.Edit, found.Indicator, found.Row); Fill(found.Row); }
        return Page();
    }

    private async Task<IActionResult> StepAsync(IRequest<MediatR.Unit> command, string done, string prefix = "")
    {
        try
        {
            var (ok, _) = await TrySendAsync(command, prefix);
            if (ok) return Done(done, new { id = Id });
        }
        catch (ForbiddenAccessException)
        {
            return Forbid();
        }
        return await LoadAsync() ? Page() : NotFound();
    }

    private RedirectToPageResult Done(string message, object routeValues)
    {
        TempData["Flash"] = L[message].Value;
        return RedirectToPage(pageName: null, pageHandler: null, routeValues: routeValues, fragment: FormAnchor);
    }

    /// <summary>Reads the typed numbers the French or English way; an unreadable one is an error beside its field.</summary>
    private double? ReadValue(out List<MeasurementPartInput> parts)
    {
        parts = [];
        var value = Number(Input.Value, nameof(Input.Value), required: true);
        foreach (var (text, field, sex, age) in new (string?, string, Sex?, AgeGroup?)[]
                 {
                     (Input.Female, nameof(Input.Female), Sex.Female, null), (Input.Male, nameof(Input.Male), Sex.Male, null),
                     (Input.Under15, nameof(Input.Under15), null, AgeGroup.Under15), (Input.From15To24, nameof(Input.From15To24), null, AgeGroup.From15To24),
                     (Input.From25To64, nameof(Input.From25To64), null, AgeGroup.From25To64), (Input.Over64, nameof(Input.Over64), null, AgeGroup.Over64),
                 })
        {
            if (Number(text, field, required: false) is { } part) parts.Add(new MeasurementPartInput(sex, age, part));
        }
        return value;
    }

    private double? Number(string? text, string field, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) ModelState.AddModelError("Input." + field, L["Measurements.ValueRequired"]);
            return null;
        }
        if (Format.TryParseAmount(text, out var number)) return (double)number;
        ModelState.AddModelError("Input." + field, L["Measurements.InvalidNumber"]);
        return null;
    }

    private async Task<IActionResult> ReloadFormAsync(FormMode mode)
    {
        if (!await LoadAsync()) return NotFound();
        if (mode == FormMode.Record)
        {
            var indicator = Results.Indicators.FirstOrDefault(i => string.Equals(i.Code, Input.Indicator, StringComparison.OrdinalIgnoreCase));
            if (indicator is not null) Open(mode, indicator, null);
        }
        else if (Input.MeasurementId is { } measurementId && Find(measurementId) is { } found)
        {
            Open(mode, found.Indicator, found.Row);
        }
        return Page();
    }

    private void Open(FormMode mode, IndicatorResults indicator, MeasurementRow? row)
    {
        Mode = mode;
        FormIndicator = indicator;
        FormMeasurement = row;
    }

    private void Fill(MeasurementRow row)
    {
        string? Part(Sex? sex, AgeGroup? age) => row.Parts.FirstOrDefault(p => p.Sex == sex && p.AgeGroup == age) is { } p ? Text(p.Value) : null;
        static string Text(double v) => v.ToString("0.##########", CultureInfo.CurrentCulture);
        Input = new MeasurementInput
        {
            Indicator = row.IndicatorCode, MeasurementId = row.Id, Version = row.Version, PeriodStart = row.PeriodStart, PeriodEnd = row.PeriodEnd,
            Value = Text(row.Value), Female = Part(Sex.Female, null), Male = Part(Sex.Male, null),
            Under15 = Part(null, AgeGroup.Under15), From15To24 = Part(null, AgeGroup.From15To24), From25To64 = Part(null, AgeGroup.From25To64),
            Over64 = Part(null, AgeGroup.Over64), Evidence = row.Evidence, EvidenceLink = row.EvidenceLink,
        };
    }

    private (IndicatorResults Indicator, MeasurementRow Row)? Find(Guid measurementId)
    {
        foreach (var indicator in Results.Indicators)
            foreach (var period in indicator.Periods)
                if (period.Current.Id == measurementId) return (indicator, period.Current);
        return null;
    }

    private async Task<bool> LoadAsync()
    {
        try
        {
            Results = await Mediator.Send(new GetProjectMeasurementsQuery(Id), HttpContext.RequestAborted);
        }
        catch (NotFoundException)
        {
            return false;
        }
        catch (ForbiddenAccessException)
        {
            return false;
        }
        var files = new Dictionary<Guid, IReadOnlyList<AttachmentRow>>();
        foreach (var row in Results.Indicators.SelectMany(i => i.Periods).SelectMany(p => p.History.Prepend(p.Current)).Where(r => r.AttachmentCount > 0))
            files[row.Id] = await Mediator.Send(new GetAttachmentsQuery(Domain.Documents.AttachmentOwner.Measurement, row.Id), HttpContext.RequestAborted);
        Files = files;
        return true;
    }
}
