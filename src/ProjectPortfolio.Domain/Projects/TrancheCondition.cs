using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Domain.Projects;

public enum TrancheConditionKind { MilestoneDone, DecisionConditionMet, ReportApproved }

/// <summary>What a tranche's release condition asks for. A milestone condition names one of the project's
/// milestones; the two others are a free text (the Bureau's condition, the report expected).</summary>
public sealed record TrancheConditionSpec(TrancheConditionKind Kind, Guid? MilestoneId, string? Text);

/// <summary>A release condition [condition de versement] of a disbursement tranche. A milestone condition is
/// met when its milestone is done: that is computed from the milestone, never copied here, so the two cannot
/// disagree. The other kinds are marked met by an officer, who, when and with an optional note.</summary>
public class TrancheCondition : Entity
{
    public const int TextMaxLength = 1000;
    public const int NoteMaxLength = 2000;

    private TrancheCondition() { }

    internal TrancheCondition(Guid trancheId, TrancheConditionKind kind, Guid? milestoneId, string? text)
    {
        if (!Enum.IsDefined(kind))
            throw new DomainException("Kind.invalid", "Unknown kind of release condition.");
        TrancheId = trancheId;
        Kind = kind;
        if (kind == TrancheConditionKind.MilestoneDone)
        {
            if (milestoneId is null || milestoneId == Guid.Empty)
                throw new DomainException("MilestoneId.required", "A milestone condition names one of the project's milestones.");
            MilestoneId = milestoneId;
            Text = null;
        }
        else
        {
            MilestoneId = null;
            Text = Guard.Text(text, "Text", TextMaxLength);
        }
    }

    public Guid TrancheId { get; private set; }
    public TrancheConditionKind Kind { get; private set; }
    public Guid? MilestoneId { get; private set; }
    public string? Text { get; private set; }
    public DateTime? MetAtUtc { get; private set; }
    public string? MetBy { get; private set; }
    public string? MetNote { get; private set; }

    public bool IsMarkedByOfficer => Kind != TrancheConditionKind.MilestoneDone;

    internal void MarkMet(string by, DateTime atUtc, string? note)
    {
        if (!IsMarkedByOfficer)
            throw new DomainException("Condition.automatic", "A milestone condition is met when its milestone is recorded as done; it cannot be marked by hand.");
        if (MetAtUtc is not null)
            throw new DomainException("Condition.already-met", "This condition is already met.");
        MetBy = Guard.Text(by, "MetBy", 256);
        MetAtUtc = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
        MetNote = Guard.OptionalText(note, "Note", NoteMaxLength);
    }
}
