using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Application.BureauSessions;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Domain.BureauSessions;
using ProjectPortfolio.Web.Infrastructure;
using AppRoles = ProjectPortfolio.Application.Common.Security.Roles;

namespace ProjectPortfolio.Web.Pages.Sessions;

[Authorize(Roles = AppRoles.Administrator + "," + AppRoles.ProgrammeOfficer + "," + AppRoles.BureauMember)]
public class DetailsModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PortfolioPageModel(mediator, localizer)
{
    [FromRoute] public Guid Id { get; set; }

    public SessionDetail Session { get; private set; } = null!;

    /// <summary>The decision form as it was typed, shown again on its agenda line when the decision is refused.</summary>
    public DecisionForm? TypedDecision { get; private set; }

    /// <summary>Rows offered for conditions on an approval (the API takes any number).</summary>
    public const int ConditionRows = 3;

    public sealed class DecisionForm
    {
        public Guid ApplicationId { get; set; }
        public string? AwardedAmount { get; set; }
        public string? Reason { get; set; }
        public List<ConditionForm> Conditions { get; set; } = [];
    }

    public sealed class ConditionForm
    {
        public ConditionKind? Kind { get; set; }
        public string? Text { get; set; }
        public DateOnly? Deadline { get; set; }
    }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostScheduleAsync()
    {
        var (ok, count) = await TrySendAsync(new ScheduleApplicationsCommand(Id, null), prefix: string.Empty);
        return await AfterAsync(ok, string.Format(System.Globalization.CultureInfo.CurrentCulture, L["Sessions.Scheduled"].Value, count));
    }

    /// <summary>One form per agenda item: the button pressed is the outcome; the free text is the rejection or
    /// deferral reason, or, for an approval beyond the remaining envelope, the reason for the override.</summary>
    public async Task<IActionResult> OnPostDecideAsync(Guid applicationId, DecisionOutcome? outcome, string? awardedAmount, string? reason, List<ConditionForm>? conditions)
    {
        TypedDecision = new DecisionForm { ApplicationId = applicationId, AwardedAmount = awardedAmount, Reason = reason, Conditions = conditions ?? [] };
        decimal? amount = null;
        if (outcome == DecisionOutcome.Approved)
        {
            if (Format.TryParseAmount(awardedAmount, out var parsed)) amount = parsed;
            else
            {
                ModelState.AddModelError("AwardedAmount", L["Form.InvalidAmount"]);
                return await LoadAsync() ? Page() : NotFound();
            }
        }
        // Blank rows are the form's spare lines, not conditions; a row with text keeps whatever it lacks for the
        // use case to name.
        var given = outcome == DecisionOutcome.Approved
            ? (conditions ?? []).Where(c => c is not null && !string.IsNullOrWhiteSpace(c.Text))
                .Select(c => new ConditionInput(c.Kind ?? ConditionKind.Performance, c.Text, c.Deadline)).ToList()
            : null;
        var (ok, result) = await TrySendAsync(new RecordDecisionCommand(Id, applicationId, outcome, amount, given,
            outcome == DecisionOutcome.Approved ? null : reason, outcome == DecisionOutcome.Approved ? reason : null), prefix: string.Empty);
        return await AfterAsync(ok, result?.ProjectCode is { } code
            ? string.Format(System.Globalization.CultureInfo.CurrentCulture, L["Sessions.ApprovedFlash"].Value, code)
            : L["Sessions.DecisionRecorded"].Value);
    }

    public async Task<IActionResult> OnPostAmendAsync(Guid applicationId, string? newAwardedAmount, string? reason)
    {
        if (!Format.TryParseAmount(newAwardedAmount, out var amount))
        {
            ModelState.AddModelError("NewAwardedAmount", L["Form.InvalidAmount"]);
            return await LoadAsync() ? Page() : NotFound();
        }
        var (ok, _) = await TrySendAsync(new AmendDecisionCommand(Id, applicationId, amount, reason), prefix: string.Empty);
        return await AfterAsync(ok, L["Sessions.Amended"].Value);
    }

    public async Task<IActionResult> OnPostCloseAsync(int version)
    {
        var (ok, _) = await TrySendAsync(new CloseSessionCommand(Id, version), prefix: string.Empty);
        return await AfterAsync(ok, L["Sessions.Closed"].Value);
    }

    private async Task<IActionResult> AfterAsync(bool ok, string flash)
    {
        if (ok)
        {
            TempData["Flash"] = flash;
            return RedirectToPage(new { id = Id });
        }
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        try
        {
            Session = await Mediator.Send(new GetSessionDetailQuery(Id), HttpContext.RequestAborted);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
