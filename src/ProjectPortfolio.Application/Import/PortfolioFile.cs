namespace ProjectPortfolio.Application.Import;

// The JSON shapes of docs/import-format.md. Enumerations are read as strings and parsed per record so that a
// misspelt value is reported with its record, not as a failure of the whole file.
#pragma warning disable CA1812
public sealed record PortfolioFile(
    string? Format,
    List<MemberRecord>? Members,
    List<PartnerRecord>? Partners,
    List<ProgrammeRecord>? Programmes,
    List<ProjectRecord>? Projects,
    List<SessionRecord>? BureauSessions,
    List<ApplicationRecord>? Applications);

public sealed record MoneyRecord(decimal Amount, string? Currency);

public sealed record MemberRecord(string? Code, string? Name, string? Kind, string? Country, string? Region);

public sealed record PartnerRecord(string? Code, string? Name, string? Kind, string? Country);

public sealed record ProgrammeRecord(string? Code, string? Name, string? Description);

public sealed record ProjectRecord(
    string? Code, string? Title, string? TitleEn, string? Summary, string? SummaryEn, string? LeadMember, List<string>? PartnerMembers,
    string? Country, string? Theme, string? Instrument, string? Programme, string? Predecessor, string? Status,
    DateOnly? PlannedStart, DateOnly? PlannedEnd, DateOnly? ActualStart, DateOnly? ActualEnd, MoneyRecord? Grant,
    List<CoFinancingRecord>? CoFinancing, List<TrancheRecord>? Tranches, List<MilestoneRecord>? Milestones,
    List<TargetRecord>? Targets, List<MeasurementRecord>? Measurements);

public sealed record CoFinancingRecord(string? Partner, MoneyRecord? Amount, string? Status, MoneyRecord? Received);

public sealed record TrancheRecord(DateOnly? PlannedDate, MoneyRecord? Amount, DateOnly? PaidDate, MoneyRecord? PaidAmount);

public sealed record MilestoneRecord(string? Title, string? TitleEn, DateOnly? PlannedDate, DateOnly? ActualDate, string? Status);

public sealed record TargetRecord(string? Indicator, double? Baseline, double? Target, DateOnly? TargetDate);

public sealed record MeasurementRecord(string? Indicator, DateOnly? PeriodStart, DateOnly? PeriodEnd, double? Value,
    List<PartRecord>? Disaggregation, string? Evidence, string? Status);

public sealed record PartRecord(string? Sex, string? AgeGroup, double? Value);

public sealed record SessionRecord(string? Code, DateOnly? Date, string? Place, string? Status, List<EnvelopeRecord>? Envelopes);

public sealed record EnvelopeRecord(string? Instrument, MoneyRecord? Amount);

public sealed record ApplicationRecord(
    string? Reference, string? Applicant, string? Title, string? TitleEn, string? Summary, string? SummaryEn, string? Theme, string? Instrument,
    string? Kind, string? Continues, MoneyRecord? Requested, MoneyRecord? TotalBudget, DateOnly? PlannedStart, DateOnly? PlannedEnd,
    List<PlanLineRecord>? CoFinancing, List<ExpectedResultRecord>? ExpectedResults, string? Status, string? Session, DecisionRecord? Decision);

public sealed record PlanLineRecord(string? Partner, MoneyRecord? Amount, string? Status);

public sealed record ExpectedResultRecord(string? Indicator, double? Target);

public sealed record DecisionRecord(string? Outcome, MoneyRecord? Awarded, List<ConditionRecord>? Conditions, string? Reason, string? Project);

public sealed record ConditionRecord(string? Kind, string? Text, DateOnly? Deadline);
#pragma warning restore CA1812
