using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.BureauSessions;
using ProjectPortfolio.Domain.Finance;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Domain.Applications;

public enum ApplicationKind { NewProject, Continuation }

public enum ApplicationStatus { Draft, Submitted, Screened, Recommended, NotRecommended, Scheduled, Approved, Rejected, Deferred, Withdrawn }

/// <summary>A member's request for a grant [Demande de subvention]. A draft may be incomplete; submitting
/// checks completeness; the Bureau's decision is the only way to Approved, Rejected or Deferred.</summary>
public class GrantApplication : AggregateRoot
{
    public const int TitleMaxLength = 200;
    public const int SummaryMaxLength = 4000;

    private readonly List<CoFinancingPlanLine> _coFinancing = [];
    private readonly List<ExpectedResult> _expectedResults = [];
    private readonly List<ScreeningAnswer> _screeningAnswers = [];
    private readonly List<BureauOpinion> _opinions = [];

    private GrantApplication() { Reference = Title = Currency = string.Empty; }

    public GrantApplication(string reference, Guid applicantMemberId, ApplicationKind kind, Guid? continuesProjectId, string title, string currency)
    {
        if (kind == ApplicationKind.Continuation && continuesProjectId is null)
            throw new DomainException("ContinuesProjectId.required", "A continuation names the project it continues.");
        if (kind == ApplicationKind.NewProject && continuesProjectId is not null)
            throw new DomainException("ContinuesProjectId.forbidden", "A new project does not continue another one.");
        if (!Currencies.IsKnown(currency))
            throw new DomainException("Currency.unknown", $"Unknown currency '{currency}'.");
        Reference = Codes.Normalise(reference, "Reference", 40);
        ApplicantMemberId = applicantMemberId;
        Kind = kind;
        ContinuesProjectId = continuesProjectId;
        Title = Guard.Text(title, "Title", TitleMaxLength);
        Currency = currency.ToUpperInvariant();
        Status = ApplicationStatus.Draft;
    }

    public string Reference { get; private set; }
    public Guid ApplicantMemberId { get; private set; }
    public ApplicationKind Kind { get; private set; }
    public Guid? ContinuesProjectId { get; private set; }
    public string Title { get; private set; }
    public string? TitleEn { get; private set; }
    public string? Summary { get; private set; }
    public string? SummaryEn { get; private set; }
    public Guid? ThemeId { get; private set; }
    public Guid? InstrumentId { get; private set; }
    public string Currency { get; private set; }
    public long? RequestedMinor { get; private set; }
    public long? TotalBudgetMinor { get; private set; }
    public DateOnly? PlannedStart { get; private set; }
    public DateOnly? PlannedEnd { get; private set; }
    public ApplicationStatus Status { get; private set; }
    public DateTime? SubmittedAtUtc { get; private set; }
    public string? ScreeningComment { get; private set; }
    public long? ProposedMinor { get; private set; }
    public string? RecommendationComment { get; private set; }
    public Guid? SessionId { get; private set; }

    public IReadOnlyCollection<CoFinancingPlanLine> CoFinancing => _coFinancing;
    public IReadOnlyCollection<ExpectedResult> ExpectedResults => _expectedResults;
    public IReadOnlyCollection<ScreeningAnswer> ScreeningAnswers => _screeningAnswers;
    public IReadOnlyCollection<BureauOpinion> Opinions => _opinions;

    public bool IsEditable => Status is ApplicationStatus.Draft;

    public void EditDraft(string title, string? titleEn, string? summary, string? summaryEn, Guid? themeId, Guid? instrumentId,
        Money? requested, Money? totalBudget, DateOnly? plannedStart, DateOnly? plannedEnd)
    {
        if (!IsEditable)
            throw new DomainException("Application.not-editable", "Only a draft application can be edited.");
        if (requested is not null && requested.Currency != Currency || totalBudget is not null && totalBudget.Currency != Currency)
            throw new DomainException("Currency.mismatch", $"Amounts of this application are in {Currency}.");
        if (requested is { MinorUnits: < 0 } || totalBudget is { MinorUnits: < 0 })
            throw new DomainException("Amount.negative", "Amounts cannot be negative.");
        Guard.OptionalDateRange(plannedStart, plannedEnd, "PlannedEnd");
        Title = Guard.Text(title, "Title", TitleMaxLength);
        TitleEn = Guard.OptionalText(titleEn, "TitleEn", TitleMaxLength);
        Summary = Guard.OptionalText(summary, "Summary", SummaryMaxLength);
        SummaryEn = Guard.OptionalText(summaryEn, "SummaryEn", SummaryMaxLength);
        ThemeId = themeId;
        InstrumentId = instrumentId;
        RequestedMinor = requested?.MinorUnits;
        TotalBudgetMinor = totalBudget?.MinorUnits;
        PlannedStart = plannedStart;
        PlannedEnd = plannedEnd;
    }

    public void SetCoFinancing(IEnumerable<(Guid PartnerId, Money Amount, CoFinancingStatus Status)> lines)
    {
        if (!IsEditable) throw new DomainException("Application.not-editable", "Only a draft application can be edited.");
        var list = lines.ToList();
        if (list.GroupBy(l => l.PartnerId).Any(g => g.Count() > 1))
            throw new DomainException("CoFinancing.duplicate-partner", "Each partner appears once in the co-financing plan.");
        if (list.Any(l => !l.Amount.IsPositive))
            throw new DomainException("CoFinancing.not-positive", "Co-financing amounts must be greater than zero.");
        _coFinancing.Clear();
        _coFinancing.AddRange(list.Select(l => new CoFinancingPlanLine(Id, l.PartnerId, l.Amount, l.Status)));
    }

    public void SetExpectedResults(IEnumerable<(Guid IndicatorId, double Target)> results)
    {
        if (!IsEditable) throw new DomainException("Application.not-editable", "Only a draft application can be edited.");
        var list = results.ToList();
        if (list.GroupBy(r => r.IndicatorId).Any(g => g.Count() > 1))
            throw new DomainException("ExpectedResults.duplicate", "Each indicator appears once in the expected results.");
        if (list.Any(r => !double.IsFinite(r.Target) || r.Target <= 0))
            throw new DomainException("ExpectedResults.target", "Each expected result has a target greater than zero.");
        _expectedResults.Clear();
        _expectedResults.AddRange(list.Select(r => new ExpectedResult(Id, r.IndicatorId, r.Target)));
    }

    /// <summary>The reasons a draft cannot be submitted yet, as (field, code) pairs; empty when complete. Without
    /// rates, a co-financing line in another currency cannot be compared with the budget: that is a problem too.</summary>
    public IReadOnlyList<(string Field, string Code)> CompletenessProblems() => CompletenessProblems(RateTable.None);

    /// <summary>The reasons a draft cannot be submitted yet, as (field, code) pairs; empty when complete. Each
    /// co-financing line is converted into the application's currency with <paramref name="rates"/> (the rates in
    /// force on the planned start) before the plan is compared with the total budget.</summary>
    public IReadOnlyList<(string Field, string Code)> CompletenessProblems(RateTable rates)
    {
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(Summary)) problems.Add(("Summary", "required"));
        if (ThemeId is null) problems.Add(("ThemeId", "required"));
        if (InstrumentId is null) problems.Add(("InstrumentId", "required"));
        if (RequestedMinor is null or <= 0) problems.Add(("Requested", "not-positive"));
        if (TotalBudgetMinor is null) problems.Add(("TotalBudget", "required"));
        else if (RequestedMinor > TotalBudgetMinor) problems.Add(("Requested", "exceeds-budget"));
        if (PlannedStart is null) problems.Add(("PlannedStart", "required"));
        if (PlannedEnd is null) problems.Add(("PlannedEnd", "required"));
        if (_expectedResults.Count == 0) problems.Add(("ExpectedResults", "required"));
        if (CurrenciesWithoutRate(rates).Count > 0) problems.Add(("CoFinancing", "no-rate"));
        else if (TotalBudgetMinor is { } budget && CoFinancingInApplicationCurrency(rates) > Currencies.ToMajor(budget, Currency))
            problems.Add(("CoFinancing", "exceeds-budget"));
        return problems;
    }

    /// <summary>The currencies of the co-financing plan that cannot be converted into the application's currency.</summary>
    public IReadOnlyList<string> CurrenciesWithoutRate(RateTable rates) =>
        _coFinancing.Select(c => c.Currency).Distinct().Where(c => !rates.CanConvert(c, Currency)).OrderBy(c => c, StringComparer.Ordinal).ToList();

    /// <summary>The co-financing plan in major units of the application's currency (every currency must have a rate).</summary>
    public decimal CoFinancingInApplicationCurrency(RateTable rates) => _coFinancing.Sum(c => rates.ToMajor(c.AmountMinor, c.Currency, Currency));

    public void Submit(DateTime nowUtc) => Submit(nowUtc, RateTable.None);

    public void Submit(DateTime nowUtc, RateTable rates)
    {
        RequireStatus("submit", ApplicationStatus.Draft);
        var problems = CompletenessProblems(rates);
        if (problems.Count > 0)
        {
            var missing = CurrenciesWithoutRate(rates);
            throw new DomainException("Application.incomplete",
                "The application is incomplete: " + string.Join(", ", problems.Select(p => $"{p.Field} {p.Code}")) + "."
                + (missing.Count == 0 ? "" : $" No exchange rate converts {string.Join(", ", missing)} into {Currency}: an administrator adds one under exchange rates."));
        }
        Status = ApplicationStatus.Submitted;
        SubmittedAtUtc = nowUtc;
    }

    /// <summary>Records the eligibility checklist and the screening comment. Every criterion of
    /// <paramref name="checklist"/> is answered exactly once, so that the Bureau never reads a half-screened dossier
    /// (an import of past applications passes an empty checklist: their screening happened on paper). May be redone
    /// until a recommendation is made.</summary>
    public void RecordScreening(IReadOnlyCollection<Guid> checklist, IEnumerable<(Guid CriterionId, ScreeningAnswerValue Answer, string? Comment)> answers, string? comment)
    {
        RequireStatus("screen", ApplicationStatus.Submitted, ApplicationStatus.Screened);
        var list = answers.ToList();
        if (list.GroupBy(a => a.CriterionId).Any(g => g.Count() > 1))
            throw new DomainException("ScreeningAnswers.duplicate", "Each criterion is answered once.");
        if (list.Any(a => !checklist.Contains(a.CriterionId)))
            throw new DomainException("ScreeningAnswers.unknown", "An answer names a criterion that is not on the checklist.");
        var unanswered = checklist.Count(c => list.All(a => a.CriterionId != c));
        if (unanswered > 0)
            throw new DomainException("ScreeningAnswers.incomplete", $"Every criterion of the checklist is answered: {unanswered} without an answer.");
        var built = list.Select(a => new ScreeningAnswer(Id, a.CriterionId, a.Answer, a.Comment)).ToList();
        ScreeningComment = Guard.OptionalText(comment, "ScreeningComment", 4000);
        _screeningAnswers.Clear();
        _screeningAnswers.AddRange(built);
        Status = ApplicationStatus.Screened;
    }

    /// <summary>A Bureau member gives (or revises) an opinion while the application is before the Bureau.</summary>
    public BureauOpinion GiveOpinion(string userId, string memberName, OpinionValue opinion, string? comment, DateTime nowUtc)
    {
        RequireStatus("give an opinion on", ApplicationStatus.Screened, ApplicationStatus.Recommended, ApplicationStatus.NotRecommended, ApplicationStatus.Scheduled);
        if (string.IsNullOrWhiteSpace(userId)) throw new DomainException("UserId.required", "An opinion is given by a signed-in Bureau member.");
        var existing = _opinions.SingleOrDefault(o => o.UserId == userId);
        if (existing is not null)
        {
            existing.Update(opinion, comment, nowUtc);
            return existing;
        }
        var created = new BureauOpinion(Id, userId, memberName, opinion, comment, nowUtc);
        _opinions.Add(created);
        return created;
    }

    public void Recommend(bool recommended, Money? proposed, string? comment)
    {
        RequireStatus("recommend", ApplicationStatus.Screened, ApplicationStatus.Recommended, ApplicationStatus.NotRecommended);
        if (recommended)
        {
            if (proposed is null || !proposed.IsPositive || proposed.Currency != Currency || proposed.MinorUnits > RequestedMinor)
                throw new DomainException("Proposed.invalid", "A recommendation proposes an amount greater than zero and at most the amount requested.");
            ProposedMinor = proposed.MinorUnits;
        }
        else ProposedMinor = null;
        RecommendationComment = Guard.OptionalText(comment, "RecommendationComment", 4000);
        Status = recommended ? ApplicationStatus.Recommended : ApplicationStatus.NotRecommended;
    }

    internal void PlaceOnAgenda(Guid sessionId)
    {
        RequireStatus("schedule", ApplicationStatus.Screened, ApplicationStatus.Recommended, ApplicationStatus.NotRecommended, ApplicationStatus.Deferred);
        SessionId = sessionId;
        Status = ApplicationStatus.Scheduled;
    }

    internal void RecordOutcome(DecisionOutcome outcome)
    {
        RequireStatus("decide", ApplicationStatus.Scheduled);
        Status = outcome switch
        {
            DecisionOutcome.Approved => ApplicationStatus.Approved,
            DecisionOutcome.Rejected => ApplicationStatus.Rejected,
            DecisionOutcome.Deferred => ApplicationStatus.Deferred,
            _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
        };
    }

    public void Withdraw()
    {
        RequireStatus("withdraw", ApplicationStatus.Draft, ApplicationStatus.Submitted, ApplicationStatus.Screened,
            ApplicationStatus.Recommended, ApplicationStatus.NotRecommended, ApplicationStatus.Deferred);
        Status = ApplicationStatus.Withdrawn;
    }

    private void RequireStatus(string action, params ApplicationStatus[] allowed)
    {
        if (!allowed.Contains(Status))
            throw new DomainException("Application.transition", $"Cannot {action} an application that is {Status}.");
    }
}

public class CoFinancingPlanLine : Entity
{
    private CoFinancingPlanLine() { Currency = string.Empty; }

    internal CoFinancingPlanLine(Guid applicationId, Guid partnerId, Money amount, CoFinancingStatus status)
    {
        ApplicationId = applicationId;
        PartnerId = partnerId;
        Currency = amount.Currency;
        AmountMinor = amount.MinorUnits;
        Status = status;
    }

    public Guid ApplicationId { get; private set; }
    public Guid PartnerId { get; private set; }
    public string Currency { get; private set; }
    public long AmountMinor { get; private set; }
    public CoFinancingStatus Status { get; private set; }
}

public class ExpectedResult : Entity
{
    private ExpectedResult() { }

    internal ExpectedResult(Guid applicationId, Guid indicatorId, double target)
    {
        ApplicationId = applicationId;
        IndicatorId = indicatorId;
        Target = target;
    }

    public Guid ApplicationId { get; private set; }
    public Guid IndicatorId { get; private set; }
    public double Target { get; private set; }
}
