using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Domain.Projects;

public enum ProjectStatus { Approved, Ongoing, Suspended, Completed, Closed, Cancelled }

/// <summary>A funded project [Projet]: created by a Bureau approval (or entered for the record), then
/// followed through milestones, disbursements and indicators. A continuation phase points to the
/// project it continues (<see cref="PredecessorId"/>), which gives the lineage of a cooperation.</summary>
public class Project : AggregateRoot
{
    public const int TitleMaxLength = 200;
    public const int SummaryMaxLength = 4000;

    private static readonly Dictionary<ProjectStatus, ProjectStatus[]> AllowedTransitions = new()
    {
        [ProjectStatus.Approved] = [ProjectStatus.Ongoing, ProjectStatus.Cancelled],
        [ProjectStatus.Ongoing] = [ProjectStatus.Suspended, ProjectStatus.Completed, ProjectStatus.Cancelled],
        [ProjectStatus.Suspended] = [ProjectStatus.Ongoing, ProjectStatus.Cancelled],
        [ProjectStatus.Completed] = [ProjectStatus.Closed, ProjectStatus.Ongoing],
        [ProjectStatus.Closed] = [],
        [ProjectStatus.Cancelled] = [],
    };

    private readonly List<ProjectPartnerMember> _partnerMembers = [];
    private readonly List<ProjectCoFinancing> _coFinancing = [];
    private readonly List<DisbursementTranche> _tranches = [];
    private readonly List<Milestone> _milestones = [];
    private readonly List<IndicatorTarget> _targets = [];

    private Project() { Code = Title = Country = Currency = string.Empty; }

    public Project(string code, ProjectDetails details, Money grant, Guid? predecessorId, Guid? sourceApplicationId)
    {
        if (!grant.IsPositive)
            throw new DomainException("Grant.not-positive", "The awarded grant must be greater than zero.");
        Code = Codes.Normalise(code, "Code", 40);
        Currency = grant.Currency;
        GrantMinor = grant.MinorUnits;
        PredecessorId = predecessorId;
        SourceApplicationId = sourceApplicationId;
        Status = ProjectStatus.Approved;
        Title = string.Empty;
        Country = string.Empty;
        Apply(details);
    }

    public string Code { get; private set; }
    public string Title { get; private set; }
    public string? TitleEn { get; private set; }
    public string? Summary { get; private set; }
    public string? SummaryEn { get; private set; }
    public Guid LeadMemberId { get; private set; }
    public string Country { get; private set; }
    public Guid ThemeId { get; private set; }
    public Guid InstrumentId { get; private set; }
    public Guid? ProgrammeId { get; private set; }
    public Guid? PredecessorId { get; private set; }
    public Guid? SourceApplicationId { get; private set; }
    public ProjectStatus Status { get; private set; }
    public DateOnly PlannedStart { get; private set; }
    public DateOnly PlannedEnd { get; private set; }
    public DateOnly? ActualStart { get; private set; }
    public DateOnly? ActualEnd { get; private set; }

    /// <summary>Currency of the grant and of its disbursement tranches.</summary>
    public string Currency { get; private set; }
    public long GrantMinor { get; private set; }
    public Money Grant => new(GrantMinor, Currency);

    public IReadOnlyCollection<ProjectPartnerMember> PartnerMembers => _partnerMembers;
    public IReadOnlyCollection<ProjectCoFinancing> CoFinancing => _coFinancing;
    public IReadOnlyCollection<DisbursementTranche> Tranches => _tranches;
    public IReadOnlyCollection<Milestone> Milestones => _milestones;
    public IReadOnlyCollection<IndicatorTarget> Targets => _targets;

    public void UpdateDetails(ProjectDetails details) => Apply(details);

    private void Apply(ProjectDetails d)
    {
        Guard.DateRange(d.PlannedStart, d.PlannedEnd, "PlannedEnd");
        Guard.OptionalDateRange(d.ActualStart, d.ActualEnd, "ActualEnd");
        if (d.ActualEnd is not null && d.ActualStart is null)
            throw new DomainException("ActualStart.required", "A project that ended must have started.");
        if (d.LeadMemberId == Guid.Empty) throw new DomainException("LeadMemberId.required", "The lead member is required.");
        if (d.ThemeId == Guid.Empty) throw new DomainException("ThemeId.required", "The theme is required.");
        if (d.InstrumentId == Guid.Empty) throw new DomainException("InstrumentId.required", "The funding instrument is required.");
        Title = Guard.Text(d.Title, "Title", TitleMaxLength);
        TitleEn = Guard.OptionalText(d.TitleEn, "TitleEn", TitleMaxLength);
        Summary = Guard.OptionalText(d.Summary, "Summary", SummaryMaxLength);
        SummaryEn = Guard.OptionalText(d.SummaryEn, "SummaryEn", SummaryMaxLength);
        LeadMemberId = d.LeadMemberId;
        Country = Guard.CountryCode(d.Country);
        ThemeId = d.ThemeId;
        InstrumentId = d.InstrumentId;
        ProgrammeId = d.ProgrammeId;
        PlannedStart = d.PlannedStart;
        PlannedEnd = d.PlannedEnd;
        ActualStart = d.ActualStart;
        ActualEnd = d.ActualEnd;
    }

    public bool CanMoveTo(ProjectStatus target) => target == Status || AllowedTransitions[Status].Contains(target);

    public void ChangeStatus(ProjectStatus target)
    {
        if (target == Status) return;
        if (!AllowedTransitions[Status].Contains(target))
            throw new DomainException("Status.transition", $"A project cannot go from {Status} to {target}.");
        Status = target;
    }

    /// <summary>The shortest sequence of legal steps from Approved to <paramref name="target"/>, used to
    /// bring an imported historical project to its recorded status through the same rules.</summary>
    public static IReadOnlyList<ProjectStatus> PathFromApproved(ProjectStatus target) => target switch
    {
        ProjectStatus.Approved => [],
        ProjectStatus.Ongoing => [ProjectStatus.Ongoing],
        ProjectStatus.Suspended => [ProjectStatus.Ongoing, ProjectStatus.Suspended],
        ProjectStatus.Completed => [ProjectStatus.Ongoing, ProjectStatus.Completed],
        ProjectStatus.Closed => [ProjectStatus.Ongoing, ProjectStatus.Completed, ProjectStatus.Closed],
        ProjectStatus.Cancelled => [ProjectStatus.Cancelled],
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    public void SetPartnerMembers(IEnumerable<Guid> memberIds)
    {
        var ids = memberIds.Where(id => id != LeadMemberId).Distinct().ToList();
        _partnerMembers.RemoveAll(p => !ids.Contains(p.MemberId));
        foreach (var id in ids.Where(id => _partnerMembers.All(p => p.MemberId != id)))
            _partnerMembers.Add(new ProjectPartnerMember(Id, id));
    }

    public ProjectCoFinancing AddCoFinancing(Guid partnerId, Money amount, CoFinancingStatus status, Money? received)
    {
        if (_coFinancing.Any(c => c.PartnerId == partnerId))
            throw new DomainException("CoFinancing.duplicate-partner", "This partner already has a co-financing line on the project.");
        var line = new ProjectCoFinancing(Id, partnerId, amount, status, received);
        _coFinancing.Add(line);
        return line;
    }

    public DisbursementTranche AddTranche(DateOnly plannedDate, Money amount) => AddTranche(plannedDate, amount, []);

    /// <summary>Plans a tranche of the grant with its release conditions. The planned tranches may not add up to
    /// more than the grant; a milestone condition must name a milestone of this project that is not cancelled.</summary>
    public DisbursementTranche AddTranche(DateOnly plannedDate, Money amount, IReadOnlyCollection<TrancheConditionSpec> conditions)
    {
        if (amount.Currency != Currency)
            throw new DomainException("Tranche.currency", $"Tranches are paid in the grant's currency ({Currency}).");
        if (!amount.IsPositive)
            throw new DomainException("Tranche.not-positive", "A tranche must be greater than zero.");
        var planned = _tranches.Sum(t => t.PlannedMinor) + amount.MinorUnits;
        if (planned > GrantMinor)
            throw new DomainException("Tranche.exceeds-grant",
                $"The tranches would add up to more than the grant: {Currencies.ToMajor(GrantMinor - _tranches.Sum(t => t.PlannedMinor), Currency)} {Currency} is left to plan.");
        foreach (var spec in conditions.Where(c => c.Kind == TrancheConditionKind.MilestoneDone))
        {
            if (spec.MilestoneId is null || spec.MilestoneId == Guid.Empty)
                throw new DomainException("MilestoneId.required", "A milestone condition names one of the project's milestones.");
            var milestone = _milestones.SingleOrDefault(m => m.Id == spec.MilestoneId)
                ?? throw new DomainException("MilestoneId.unknown", "A release condition names a milestone that is not on this project.");
            if (milestone.Status == MilestoneStatus.Cancelled)
                throw new DomainException("MilestoneId.cancelled", $"The milestone '{milestone.Title}' is cancelled: it can no longer release a tranche.");
        }
        if (conditions.Where(c => c.Kind == TrancheConditionKind.MilestoneDone).GroupBy(c => c.MilestoneId).Any(g => g.Count() > 1))
            throw new DomainException("MilestoneId.duplicate", "The same milestone is named twice among the conditions.");
        var tranche = new DisbursementTranche(Id, _tranches.Count + 1, plannedDate, amount.MinorUnits);
        foreach (var spec in conditions) tranche.AddCondition(spec.Kind, spec.MilestoneId, spec.Text);
        _tranches.Add(tranche);
        return tranche;
    }

    /// <summary>Whether a release condition is met now: a milestone condition follows its milestone.</summary>
    public bool IsMet(TrancheCondition condition) => condition.Kind == TrancheConditionKind.MilestoneDone
        ? _milestones.Any(m => m.Id == condition.MilestoneId && m.Status == MilestoneStatus.Done)
        : condition.MetAtUtc is not null;

    /// <summary>The conditions still missing before the tranche can be paid, described for people.</summary>
    public IReadOnlyList<string> MissingConditions(Guid trancheId) =>
        FindTranche(trancheId).Conditions.Where(c => !IsMet(c)).Select(Describe).ToList();

    public bool IsPayable(Guid trancheId)
    {
        var tranche = FindTranche(trancheId);
        return !tranche.IsPaid && tranche.Conditions.All(IsMet) && RemainingBalance.IsPositive;
    }

    private string Describe(TrancheCondition c) => c.Kind switch
    {
        TrancheConditionKind.MilestoneDone => $"milestone '{_milestones.SingleOrDefault(m => m.Id == c.MilestoneId)?.Title}' done",
        TrancheConditionKind.DecisionConditionMet => $"decision condition '{c.Text}' met",
        _ => $"report '{c.Text}' approved",
    };

    public void MarkConditionMet(Guid trancheId, Guid conditionId, string by, DateTime atUtc, string? note)
    {
        var tranche = FindTranche(trancheId);
        var condition = tranche.Conditions.SingleOrDefault(c => c.Id == conditionId)
            ?? throw new DomainException("Condition.not-found", "No such condition on this tranche.");
        if (tranche.IsPaid) throw new DomainException("Tranche.already-paid", "This tranche has already been paid.");
        condition.MarkMet(by, atUtc, note);
    }

    /// <summary>Pays a tranche once, when every release condition is met, within the remaining grant balance.</summary>
    public void PayTranche(Guid trancheId, DateOnly paidOn, Money amount)
    {
        var tranche = FindTranche(trancheId);
        if (tranche.IsPaid) throw new DomainException("Tranche.already-paid", "This tranche has already been paid.");
        var missing = MissingConditions(trancheId);
        if (missing.Count > 0)
            throw new DomainException("Tranche.conditions-unmet", "The tranche cannot be paid yet. Missing: " + string.Join("; ", missing) + ".");
        if (amount.Currency != Currency)
            throw new DomainException("Amount.currency", $"Tranches are paid in the grant's currency ({Currency}).");
        if (!amount.IsPositive)
            throw new DomainException("Amount.not-positive", "A payment must be greater than zero.");
        var remaining = RemainingBalance;
        if (amount.MinorUnits > remaining.MinorUnits)
            throw new DomainException("Amount.exceeds-balance", $"The payment exceeds the remaining grant balance ({remaining.Amount} {Currency}).");
        tranche.Pay(paidOn, amount.MinorUnits);
    }

    private DisbursementTranche FindTranche(Guid trancheId) =>
        _tranches.SingleOrDefault(t => t.Id == trancheId)
        ?? throw new DomainException("Tranche.not-found", "No such tranche on this project.");

    /// <summary>What is left of the grant to pay: the grant minus the payments made.</summary>
    public Money RemainingBalance => new(GrantMinor - _tranches.Sum(t => t.PaidMinor ?? 0), Currency);

    public void RecordCoFinancingReceived(Guid lineId, Money received, DateOnly receivedOn)
    {
        var line = _coFinancing.SingleOrDefault(c => c.Id == lineId)
            ?? throw new DomainException("CoFinancing.not-found", "No such co-financing line on this project.");
        line.RecordReceived(received, receivedOn);
    }

    /// <summary>Follows an amended Bureau decision. The grant cannot fall below what is already paid or planned in tranches.</summary>
    public void AmendGrant(Money newGrant)
    {
        if (newGrant.Currency != Currency)
            throw new DomainException("Grant.currency", $"The grant is in {Currency}.");
        if (!newGrant.IsPositive)
            throw new DomainException("Grant.not-positive", "The awarded grant must be greater than zero.");
        if (newGrant.MinorUnits < _tranches.Sum(t => t.PaidMinor ?? 0))
            throw new DomainException("Grant.below-disbursed", "The grant cannot be less than what has already been paid.");
        if (newGrant.MinorUnits < _tranches.Sum(t => t.PlannedMinor))
            throw new DomainException("Grant.below-tranches", "The planned tranches add up to more than the new grant: adjust them first.");
        GrantMinor = newGrant.MinorUnits;
    }

    public Money DisbursedTotal => new(_tranches.Sum(t => t.PaidMinor ?? 0), Currency);

    public Milestone AddMilestone(string title, string? titleEn, DateOnly plannedDate)
    {
        var milestone = new Milestone(Id, title, titleEn, plannedDate);
        _milestones.Add(milestone);
        return milestone;
    }

    public void CompleteMilestone(Guid milestoneId, DateOnly completedOn) => FindMilestone(milestoneId).Complete(completedOn);

    /// <summary>Cancels a planned milestone, unless an unpaid tranche waits for it: that tranche could never be
    /// released, so its conditions must change first.</summary>
    public void CancelMilestone(Guid milestoneId)
    {
        var milestone = FindMilestone(milestoneId);
        var waiting = _tranches.FirstOrDefault(t => !t.IsPaid && t.Conditions.Any(c => c.MilestoneId == milestoneId));
        if (waiting is not null && milestone.Status == MilestoneStatus.Planned)
            throw new DomainException("Milestone.releases-tranche", $"Tranche {waiting.Sequence} waits for this milestone: it cannot be cancelled.");
        milestone.Cancel();
    }

    private Milestone FindMilestone(Guid milestoneId) =>
        _milestones.SingleOrDefault(m => m.Id == milestoneId)
        ?? throw new DomainException("Milestone.not-found", "No such milestone on this project.");

    public IndicatorTarget SetTarget(Guid indicatorId, double baseline, double target, DateOnly targetDate)
    {
        var existing = _targets.SingleOrDefault(t => t.IndicatorId == indicatorId);
        if (existing is not null)
        {
            existing.Update(baseline, target, targetDate);
            return existing;
        }
        var created = new IndicatorTarget(Id, indicatorId, baseline, target, targetDate);
        _targets.Add(created);
        return created;
    }

    /// <summary>Removes a target. Measurements live in their own aggregate, so the caller says whether any exist:
    /// a target with measurements stays, or the results would lose their reference.</summary>
    public void RemoveTarget(Guid indicatorId, bool hasMeasurements)
    {
        var target = _targets.SingleOrDefault(t => t.IndicatorId == indicatorId)
            ?? throw new DomainException("Target.not-found", "This project has no target for that indicator.");
        if (hasMeasurements)
            throw new DomainException("Target.has-measurements", "Measurements are recorded for this indicator: its target cannot be removed.");
        _targets.Remove(target);
    }

    /// <summary>Records the application whose approval created this project (once).</summary>
    public void LinkSourceApplication(Guid applicationId)
    {
        if (SourceApplicationId is not null && SourceApplicationId != applicationId)
            throw new DomainException("SourceApplication.exists", "The project already comes from another application.");
        SourceApplicationId = applicationId;
    }

    public bool HasTargetFor(Guid indicatorId) => _targets.Any(t => t.IndicatorId == indicatorId);
}

/// <summary>What an officer may edit on a project; the grant, the code and the lineage are not here
/// because they come from the Bureau's decision.</summary>
public sealed record ProjectDetails(
    string Title,
    string? TitleEn,
    string? Summary,
    string? SummaryEn,
    Guid LeadMemberId,
    string Country,
    Guid ThemeId,
    Guid InstrumentId,
    Guid? ProgrammeId,
    DateOnly PlannedStart,
    DateOnly PlannedEnd,
    DateOnly? ActualStart,
    DateOnly? ActualEnd);
