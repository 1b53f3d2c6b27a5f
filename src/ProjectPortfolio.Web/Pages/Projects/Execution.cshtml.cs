using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Application.Catalogue;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Application.Projects.Execution;
using ProjectPortfolio.Domain.Projects;
using ProjectPortfolio.Web.Infrastructure;
using AppRoles = ProjectPortfolio.Application.Common.Security.Roles;

namespace ProjectPortfolio.Web.Pages.Projects;

/// <summary>The follow-up of a project for the officers who run it: milestones, tranches and their release
/// conditions, payments, co-financing received and indicator targets. Every form sends the use case the JSON API
/// sends, with the version of the project it was drawn from; a refused form comes back with what was typed and
/// the reason beside it. Everyone else reads the same figures, read-only, on the project page.</summary>
[Authorize(Roles = AppRoles.Administrator + "," + AppRoles.ProgrammeOfficer)]
public class ExecutionModel(IMediator mediator, IStringLocalizer<SharedResource> localizer, TimeProvider clock) : PortfolioPageModel(mediator, localizer)
{
    [FromRoute] public Guid Id { get; set; }

    public ProjectDetail Project { get; private set; } = null!;
    public IReadOnlyList<IndicatorDto> Indicators { get; private set; } = [];

    [BindProperty] public MilestoneInput Milestone { get; set; } = new();
    [BindProperty] public RowInput Complete { get; set; } = new();
    [BindProperty] public RowInput Cancel { get; set; } = new();
    [BindProperty] public TrancheInput Tranche { get; set; } = new();
    [BindProperty] public ConditionInput Met { get; set; } = new();
    [BindProperty] public PayInput Pay { get; set; } = new();
    [BindProperty] public ReceivedInput Received { get; set; } = new();
    [BindProperty] public TargetInput Target { get; set; } = new();
    [BindProperty] public TargetInput Remove { get; set; } = new();

    /// <summary>The row whose form was refused, so that its form shows what was typed and why.</summary>
    public Guid? FailedRow { get; private set; }

    public sealed class MilestoneInput
    {
        public int Version { get; set; }
        public string? Title { get; set; }
        public string? TitleEn { get; set; }
        public DateOnly? PlannedDate { get; set; }
    }

    /// <summary>A step on one row (a milestone): which row, and the date it happened for a completion.</summary>
    public sealed class RowInput
    {
        public int Version { get; set; }
        public Guid RowId { get; set; }
        public DateOnly? ActualDate { get; set; }
    }

    public sealed class TrancheInput
    {
        public int Version { get; set; }
        public DateOnly? PlannedDate { get; set; }
        public string? Amount { get; set; }
        public List<Guid> MilestoneIds { get; set; } = [];
        /// <summary>Decision conditions, one a line.</summary>
        public string? Decisions { get; set; }
        /// <summary>Reports to approve, one a line.</summary>
        public string? Reports { get; set; }
    }

    public sealed class ConditionInput
    {
        public int Version { get; set; }
        public Guid TrancheId { get; set; }
        public Guid ConditionId { get; set; }
        public string? Note { get; set; }
    }

    public sealed class PayInput
    {
        public int Version { get; set; }
        public Guid RowId { get; set; }
        public DateOnly? PaidDate { get; set; }
        public string? Amount { get; set; }
    }

    public sealed class ReceivedInput
    {
        public int Version { get; set; }
        public Guid RowId { get; set; }
        public string? Amount { get; set; }
        public DateOnly? ReceivedOn { get; set; }
    }

    public sealed class TargetInput
    {
        public int Version { get; set; }
        public string? IndicatorCode { get; set; }
        public string? Baseline { get; set; }
        public string? Target { get; set; }
        public DateOnly? TargetDate { get; set; }
    }

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnGetAsync(string? target)
    {
        if (!await LoadAsync()) return NotFound();
        // "Modifier" on a target row opens the target form filled with that target.
        if (Project.Targets.FirstOrDefault(t => string.Equals(t.IndicatorCode, target, StringComparison.OrdinalIgnoreCase)) is { } chosen)
        {
            Target = new TargetInput
            {
                IndicatorCode = chosen.IndicatorCode, Baseline = Text(chosen.Baseline), Target = Text(chosen.Target), TargetDate = chosen.TargetDate,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostMilestoneAsync()
    {
        if (ModelState.IsValid)
        {
            var (ok, _) = await SendAsync(new AddMilestoneCommand(Id, Milestone.Version, Milestone.Title, Milestone.TitleEn, Milestone.PlannedDate), nameof(Milestone));
            if (ok) return Done("Execution.MilestoneAdded", "milestones");
        }
        return await ReloadAsync();
    }

    public async Task<IActionResult> OnPostCompleteAsync()
    {
        FailedRow = Complete.RowId;
        if (ModelState.IsValid)
        {
            var (ok, _) = await SendAsync(new CompleteMilestoneCommand(Id, Complete.RowId, Complete.Version, Complete.ActualDate), nameof(Complete));
            if (ok) return Done("Execution.MilestoneCompleted", "milestones");
        }
        return await ReloadAsync();
    }

    public async Task<IActionResult> OnPostCancelAsync()
    {
        FailedRow = Cancel.RowId;
        var (ok, _) = await SendAsync(new CancelMilestoneCommand(Id, Cancel.RowId, Cancel.Version), nameof(Cancel));
        if (ok) return Done("Execution.MilestoneCancelled", "milestones");
        return await ReloadAsync();
    }

    public async Task<IActionResult> OnPostTrancheAsync()
    {
        var amount = ReadAmount(Tranche.Amount, "Tranche.Amount", required: true);
        if (ModelState.IsValid)
        {
            var conditions = Tranche.MilestoneIds.Distinct().Select(m => new TrancheConditionInput(TrancheConditionKind.MilestoneDone, m, null))
                .Concat(Lines(Tranche.Decisions).Select(t => new TrancheConditionInput(TrancheConditionKind.DecisionConditionMet, null, t)))
                .Concat(Lines(Tranche.Reports).Select(t => new TrancheConditionInput(TrancheConditionKind.ReportApproved, null, t)))
                .ToList();
            var (ok, _) = await SendAsync(new AddTrancheCommand(Id, Tranche.Version, Tranche.PlannedDate, amount, conditions), nameof(Tranche));
            if (ok) return Done("Execution.TrancheAdded", "tranches");
        }
        return await ReloadAsync();
    }

    public async Task<IActionResult> OnPostMetAsync()
    {
        FailedRow = Met.ConditionId;
        var (ok, _) = await SendAsync(new MarkConditionMetCommand(Id, Met.TrancheId, Met.ConditionId, Met.Version, Met.Note), nameof(Met));
        if (ok) return Done("Execution.ConditionMet", "tranches");
        return await ReloadAsync();
    }

    public async Task<IActionResult> OnPostPayAsync()
    {
        FailedRow = Pay.RowId;
        var amount = ReadAmount(Pay.Amount, "Pay.Amount", required: false);
        if (ModelState.IsValid)
        {
            var (ok, _) = await SendAsync(new PayTrancheCommand(Id, Pay.RowId, Pay.Version, Pay.PaidDate, amount), nameof(Pay));
            if (ok) return Done("Execution.TranchePaid", "tranches");
        }
        return await ReloadAsync();
    }

    public async Task<IActionResult> OnPostReceivedAsync()
    {
        FailedRow = Received.RowId;
        var amount = ReadAmount(Received.Amount, "Received.Amount", required: true);
        if (ModelState.IsValid)
        {
            var (ok, _) = await SendAsync(new RecordCoFinancingReceivedCommand(Id, Received.RowId, Received.Version, amount, Received.ReceivedOn), nameof(Received));
            if (ok) return Done("Execution.ReceivedRecorded", "co-financing");
        }
        return await ReloadAsync();
    }

    public async Task<IActionResult> OnPostTargetAsync()
    {
        var baseline = ReadAmount(Target.Baseline, "Target.Baseline", required: true);
        var target = ReadAmount(Target.Target, "Target.Target", required: true);
        if (ModelState.IsValid)
        {
            var (ok, _) = await SendAsync(new SetTargetCommand(Id, Target.IndicatorCode, Target.Version, (double?)baseline, (double?)target, Target.TargetDate),
                nameof(Target));
            if (ok) return Done("Execution.TargetSaved", "targets");
        }
        return await ReloadAsync();
    }

    public async Task<IActionResult> OnPostRemoveAsync()
    {
        var (ok, _) = await SendAsync(new RemoveTargetCommand(Id, Remove.IndicatorCode, Remove.Version), nameof(Remove));
        if (ok) return Done("Execution.TargetRemoved", "targets");
        return await ReloadAsync();
    }

    /// <summary>Why a tranche cannot be paid now, in words: the conditions still awaited, or an exhausted grant.</summary>
    public string? WhyNotPayable(TrancheRow tranche)
    {
        if (tranche.IsPayable || tranche.PaidDate is not null) return null;
        var english = Format.IsEnglish;
        var waiting = tranche.Conditions.Where(c => !c.IsMet).Select(c => c.Kind switch
        {
            TrancheConditionKind.MilestoneDone => L["Execution.WaitingMilestone", (english && c.MilestoneTitleEn is not null ? c.MilestoneTitleEn : c.MilestoneTitle) ?? "?"].Value,
            TrancheConditionKind.DecisionConditionMet => L["Execution.WaitingDecision", c.Text ?? ""].Value,
            _ => L["Execution.WaitingReport", c.Text ?? ""].Value,
        }).ToList();
        if (waiting.Count == 0) return L["Execution.NoBalance"];
        return L["Execution.WaitingFor"] + " " + string.Join(", ", waiting);
    }

    /// <summary>Whether the form of this handler was just refused: a folded form opens to show what was typed and why.</summary>
    public bool Refused(string handler) =>
        HttpMethods.IsPost(Request.Method) && !ModelState.IsValid && string.Equals(Request.Query["handler"], handler, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this row's form was just refused: only that row shows what was typed and why.</summary>
    public bool IsFailed(Guid rowId) => FailedRow == rowId && !ModelState.IsValid;

    /// <summary>Every message for a form whose fields share a prefix ("Pay." ...), for row forms too small for one per field.</summary>
    public string ErrorsOf(string prefix) => string.Join(" ", ModelState
        .Where(e => e.Key == prefix || e.Key.StartsWith(prefix + ".", StringComparison.Ordinal) || e.Key.StartsWith(prefix + "[", StringComparison.Ordinal))
        .SelectMany(e => e.Value!.Errors).Select(e => e.ErrorMessage));

    /// <summary>As <see cref="PortfolioPageModel.TrySendAsync{T}"/>; a row deleted or changed meanwhile (a stale page)
    /// is a message on the reloaded page rather than an error page.</summary>
    private async Task<(bool Ok, T? Result)> SendAsync<T>(IRequest<T> request, string prefix)
    {
        try
        {
            var sent = await TrySendAsync(request, prefix);
            // The page is drawn again from what is stored now, with the new version in every form: the generic advice
            // to reload elsewhere does not apply here; the form sent stays open with what was typed.
            if (!sent.Ok && ModelState[string.Empty]?.Errors.Any(e => e.ErrorMessage == L["Error.Conflict"].Value) == true)
            {
                ModelState[string.Empty]!.Errors.Clear();
                ModelState.AddModelError(string.Empty, L["Execution.Conflict"]);
            }
            return sent;
        }
        catch (NotFoundException)
        {
            ModelState.AddModelError(prefix, L["Execution.Gone"]);
            return (false, default);
        }
    }

    private static IEnumerable<string> Lines(string? text) =>
        (text ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    private static string Text(double value) => value.ToString("0.##########", System.Globalization.CultureInfo.CurrentCulture);

    private decimal? ReadAmount(string? text, string field, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) ModelState.AddModelError(field, L["Execution.Required"]);
            return null;
        }
        if (Format.TryParseAmount(text, out var amount)) return amount;
        ModelState.AddModelError(field, L["Form.InvalidAmount"]);
        return null;
    }

    private RedirectToPageResult Done(string message, string fragment)
    {
        TempData["Flash"] = L[message].Value;
        return RedirectToPage(pageName: null, pageHandler: null, routeValues: new { id = Id }, fragment: fragment);
    }

    private async Task<IActionResult> ReloadAsync() => await LoadAsync() ? Page() : NotFound();

    private async Task<bool> LoadAsync()
    {
        try
        {
            Project = await Mediator.Send(new GetProjectDetailQuery(Id), HttpContext.RequestAborted);
        }
        catch (NotFoundException)
        {
            return false;
        }
        Indicators = await Mediator.Send(new GetIndicatorsQuery(), HttpContext.RequestAborted);
        return true;
    }
}
