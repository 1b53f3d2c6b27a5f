using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Application.Applications;
using ProjectPortfolio.Application.Auditing;
using ProjectPortfolio.Application.Common.Models;
using ProjectPortfolio.Application.Attachments;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Domain.Applications;
using ProjectPortfolio.Domain.Documents;
using ProjectPortfolio.Web.Infrastructure;
using AppRoles = ProjectPortfolio.Application.Common.Security.Roles;

namespace ProjectPortfolio.Web.Pages.Applications;

// Donors follow projects, not requests (ApplicationScope shows them none): the pages refuse them outright.
[Authorize(Roles = AppRoles.Administrator + "," + AppRoles.ProgrammeOfficer + "," + AppRoles.BureauMember + "," + AppRoles.Applicant)]
public class DetailsModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PortfolioPageModel(mediator, localizer)
{
    [FromRoute] public Guid Id { get; set; }

    public ApplicationDetail Dossier { get; private set; } = null!;
    public IReadOnlyList<AttachmentRow> Attachments { get; private set; } = [];

    /// <summary>The application's history, for officers and administrators only (null for the other roles).</summary>
    public PaginatedList<AuditHistoryItem>? History { get; private set; }

    public string HistoryUrl(int page) => RecordHistory.Url($"/Applications/Details/{Id}", page);

    /// <summary>The checklist as the officer filled it in, shown again when it is refused so that no answer is lost.</summary>
    public IReadOnlyDictionary<Guid, ScreeningAnswerForm>? TypedAnswers { get; private set; }
    public string? TypedScreeningComment { get; private set; }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("File", L["Attachments.ChooseFile"]);
            return await ReloadAsync();
        }
        try
        {
            await using var content = file.OpenReadStream();
            var (ok, _) = await TrySendAsync(new UploadAttachmentCommand(AttachmentOwner.Application, Id, file.FileName, content), prefix: string.Empty);
            if (ok)
            {
                TempData["Flash"] = L["Attachments.Uploaded"].Value;
                return RedirectToPage(pageName: null, pageHandler: null, routeValues: new { id = Id }, fragment: "attachments");
            }
        }
        catch (FileTooLargeException ex)
        {
            ModelState.AddModelError("File", ex.Message);
        }
        return await ReloadAsync();
    }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostSubmitAsync(int version) =>
        StepAsync(new SubmitApplicationCommand(Id, version), "Applications.Submitted");

    public Task<IActionResult> OnPostScreenAsync(int version, List<ScreeningAnswerForm>? answers, string? comment)
    {
        var typed = (answers ?? []).Where(a => a is not null).ToList();
        TypedAnswers = typed.GroupBy(a => a.CriterionId).ToDictionary(g => g.Key, g => g.First());
        TypedScreeningComment = comment;
        // A criterion left unanswered posts no radio value: it is not an answer, and the use case says what is missing.
        var given = typed.Where(a => a.Answer is { } value && Enum.IsDefined(value))
            .Select(a => new ScreeningAnswerInput(a.CriterionId, a.Answer!.Value, a.Comment)).ToList();
        return StepAsync(new ScreenApplicationCommand(Id, version, given, comment), "Applications.Screened");
    }

    public sealed class ScreeningAnswerForm
    {
        public Guid CriterionId { get; set; }
        public ScreeningAnswerValue? Answer { get; set; }
        public string? Comment { get; set; }
    }

    public async Task<IActionResult> OnPostRecommendAsync(int version, bool recommended, string? proposedAmount, string? comment)
    {
        decimal? amount = Format.TryParseAmount(proposedAmount, out var parsed) ? parsed : null;
        if (recommended && amount is null) ModelState.AddModelError("ProposedAmount", L["Form.InvalidAmount"]);
        return ModelState.IsValid
            ? await StepAsync(new RecommendApplicationCommand(Id, version, recommended, amount, comment), "Applications.Recommended")
            : await ReloadAsync();
    }

    public Task<IActionResult> OnPostOpinionAsync(OpinionValue? opinion, string? comment) =>
        StepAsync(new GiveOpinionCommand(Id, opinion, comment), "Applications.OpinionSaved");

    private async Task<IActionResult> StepAsync(IRequest<MediatR.Unit> command, string done)
    {
        try
        {
            var (ok, _) = await TrySendAsync(command, prefix: string.Empty);
            if (ok)
            {
                TempData["Flash"] = L[done].Value;
                return RedirectToPage(new { id = Id });
            }
        }
        catch (ForbiddenAccessException)
        {
            return Forbid();
        }
        return await ReloadAsync();
    }

    private async Task<IActionResult> ReloadAsync() => await LoadAsync() ? Page() : NotFound();

    private async Task<bool> LoadAsync()
    {
        try
        {
            Dossier = await Mediator.Send(new GetApplicationDetailQuery(Id), HttpContext.RequestAborted);
            Attachments = await Mediator.Send(new GetAttachmentsQuery(AttachmentOwner.Application, Id), HttpContext.RequestAborted);
            if (RecordHistory.IsVisibleTo(User))
                History = await Mediator.Send(new GetRecordHistoryQuery(AuditedRecord.Application, Id, RecordHistory.PageOf(Request), RecordHistory.PageSize),
                    HttpContext.RequestAborted);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
