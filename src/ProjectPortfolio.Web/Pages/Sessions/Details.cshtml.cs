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

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostScheduleAsync()
    {
        var (ok, count) = await TrySendAsync(new ScheduleApplicationsCommand(Id, null), prefix: string.Empty);
        return await AfterAsync(ok, string.Format(System.Globalization.CultureInfo.CurrentCulture, L["Sessions.Scheduled"].Value, count));
    }

    /// <summary>One form per agenda item: the button pressed is the outcome; the free text is the rejection or
    /// deferral reason, or, for an approval beyond the remaining envelope, the reason for the override.</summary>
    public async Task<IActionResult> OnPostDecideAsync(Guid applicationId, DecisionOutcome? outcome, string? awardedAmount, string? reason)
    {
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
        var (ok, result) = await TrySendAsync(new RecordDecisionCommand(Id, applicationId, outcome, amount, null,
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
