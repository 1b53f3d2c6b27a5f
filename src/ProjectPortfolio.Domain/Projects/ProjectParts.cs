using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Domain.Projects;

public enum CoFinancingStatus { Expected, Confirmed }

public enum MilestoneStatus { Planned, Done, Cancelled }

/// <summary>Another member taking part in a project led by someone else.</summary>
public class ProjectPartnerMember
{
    private ProjectPartnerMember() { }

    internal ProjectPartnerMember(Guid projectId, Guid memberId)
    {
        ProjectId = projectId;
        MemberId = memberId;
    }

    public Guid ProjectId { get; private set; }
    public Guid MemberId { get; private set; }
}

/// <summary>A partner's share of a project's budget, in the partner's own currency.</summary>
public class ProjectCoFinancing : Entity
{
    private ProjectCoFinancing() { Currency = string.Empty; }

    internal ProjectCoFinancing(Guid projectId, Guid partnerId, Money amount, CoFinancingStatus status, Money? received)
    {
        if (!amount.IsPositive)
            throw new DomainException("CoFinancing.not-positive", "A co-financing amount must be greater than zero.");
        if (received is not null && (received.Currency != amount.Currency || received.MinorUnits < 0))
            throw new DomainException("CoFinancing.received", "The amount received is a non-negative amount in the line's currency.");
        ProjectId = projectId;
        PartnerId = partnerId;
        Currency = amount.Currency;
        AmountMinor = amount.MinorUnits;
        Status = status;
        ReceivedMinor = received?.MinorUnits ?? 0;
    }

    public Guid ProjectId { get; private set; }
    public Guid PartnerId { get; private set; }
    public string Currency { get; private set; }
    public long AmountMinor { get; private set; }
    public long ReceivedMinor { get; private set; }
    public CoFinancingStatus Status { get; private set; }
    /// <summary>When the amount received was last recorded (null until someone records it).</summary>
    public DateOnly? ReceivedOn { get; private set; }

    public Money Amount => new(AmountMinor, Currency);

    /// <summary>Records the total received so far from the partner. Money arriving means the partner is committed,
    /// so an expected line becomes confirmed.</summary>
    internal void RecordReceived(Money received, DateOnly receivedOn)
    {
        if (received.Currency != Currency)
            throw new DomainException("Amount.currency", $"This co-financing line is in {Currency}.");
        if (received.MinorUnits < 0)
            throw new DomainException("Amount.negative", "The amount received cannot be negative.");
        if (received.MinorUnits > AmountMinor)
            throw new DomainException("Amount.above-line", "The amount received cannot exceed the line's amount.");
        ReceivedMinor = received.MinorUnits;
        ReceivedOn = receivedOn;
        Status = CoFinancingStatus.Confirmed;
    }
}

/// <summary>A planned payment of part of the grant, and the payment once made.</summary>
public class DisbursementTranche : Entity
{
    private readonly List<TrancheCondition> _conditions = [];

    private DisbursementTranche() { }

    internal DisbursementTranche(Guid projectId, int sequence, DateOnly plannedDate, long plannedMinor)
    {
        ProjectId = projectId;
        Sequence = sequence;
        PlannedDate = plannedDate;
        PlannedMinor = plannedMinor;
    }

    public Guid ProjectId { get; private set; }
    public int Sequence { get; private set; }
    public DateOnly PlannedDate { get; private set; }
    public long PlannedMinor { get; private set; }
    public DateOnly? PaidDate { get; private set; }
    public long? PaidMinor { get; private set; }

    public bool IsPaid => PaidDate is not null;

    public IReadOnlyCollection<TrancheCondition> Conditions => _conditions;

    internal TrancheCondition AddCondition(TrancheConditionKind kind, Guid? milestoneId, string? text)
    {
        if (IsPaid) throw new DomainException("Tranche.already-paid", "This tranche has already been paid.");
        var condition = new TrancheCondition(Id, kind, milestoneId, text);
        _conditions.Add(condition);
        return condition;
    }

    internal void Pay(DateOnly paidOn, long amountMinor)
    {
        if (IsPaid) throw new DomainException("Tranche.already-paid", "This tranche has already been paid.");
        if (amountMinor <= 0) throw new DomainException("Tranche.not-positive", "A payment must be greater than zero.");
        PaidDate = paidOn;
        PaidMinor = amountMinor;
    }
}

/// <summary>A step of the project's plan [Jalon]. "Late" is not stored: it is a planned milestone whose
/// date has passed, which depends on today.</summary>
public class Milestone : Entity
{
    private Milestone() { Title = string.Empty; }

    internal Milestone(Guid projectId, string title, string? titleEn, DateOnly plannedDate)
    {
        ProjectId = projectId;
        Title = Guard.Text(title, "Title", 200);
        TitleEn = Guard.OptionalText(titleEn, "TitleEn", 200);
        PlannedDate = plannedDate;
        Status = MilestoneStatus.Planned;
    }

    public Guid ProjectId { get; private set; }
    public string Title { get; private set; }
    public string? TitleEn { get; private set; }
    public DateOnly PlannedDate { get; private set; }
    public DateOnly? ActualDate { get; private set; }
    public MilestoneStatus Status { get; private set; }

    public bool IsLate(DateOnly today) => Status == MilestoneStatus.Planned && PlannedDate < today;

    internal void Complete(DateOnly completedOn)
    {
        if (Status != MilestoneStatus.Planned)
            throw new DomainException("Milestone.not-planned", "Only a planned milestone can be completed.");
        Status = MilestoneStatus.Done;
        ActualDate = completedOn;
    }

    internal void Cancel()
    {
        if (Status != MilestoneStatus.Planned)
            throw new DomainException("Milestone.not-planned", "Only a planned milestone can be cancelled.");
        Status = MilestoneStatus.Cancelled;
    }
}

/// <summary>What a project aims at on one indicator: from a baseline to a target by a date.</summary>
public class IndicatorTarget : Entity
{
    private IndicatorTarget() { }

    internal IndicatorTarget(Guid projectId, Guid indicatorId, double baseline, double target, DateOnly targetDate)
    {
        ProjectId = projectId;
        IndicatorId = indicatorId;
        Update(baseline, target, targetDate);
    }

    public Guid ProjectId { get; private set; }
    public Guid IndicatorId { get; private set; }
    public double Baseline { get; private set; }
    public double Target { get; private set; }
    public DateOnly TargetDate { get; private set; }

    internal void Update(double baseline, double target, DateOnly targetDate)
    {
        if (!double.IsFinite(baseline) || !double.IsFinite(target) || baseline < 0 || target < 0)
            throw new DomainException("Target.invalid", "Baseline and target are non-negative numbers.");
        Baseline = baseline;
        Target = target;
        TargetDate = targetDate;
    }
}
