using ProjectPortfolio.Domain.Applications;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Finance;

namespace ProjectPortfolio.Domain.BureauSessions;

public enum SessionStatus { Planned, Held, Closed }

public enum DecisionOutcome { Approved, Rejected, Deferred }

public enum ConditionKind { Policy, Performance, Fiduciary }

/// <summary>A meeting of the Bureau [Réunion du Bureau], which decides a batch of applications against an
/// envelope per funding instrument. Closing the session locks its decisions.</summary>
public class BureauSession : AggregateRoot
{
    private readonly List<AgendaItem> _agenda = [];
    private readonly List<SessionEnvelope> _envelopes = [];
    private readonly List<SessionAttendance> _attendance = [];
    private readonly List<FundingDecision> _decisions = [];

    private BureauSession() { Code = Place = string.Empty; }

    public BureauSession(string code, DateOnly date, string place)
    {
        Code = Codes.Normalise(code, "Code", 40);
        Date = date;
        Place = Guard.Text(place, "Place", 200);
        Status = SessionStatus.Planned;
    }

    public string Code { get; private set; }
    public DateOnly Date { get; private set; }
    public string Place { get; private set; }
    public SessionStatus Status { get; private set; }

    public IReadOnlyCollection<AgendaItem> Agenda => _agenda;
    public IReadOnlyCollection<SessionEnvelope> Envelopes => _envelopes;
    public IReadOnlyCollection<SessionAttendance> Attendance => _attendance;
    public IReadOnlyCollection<FundingDecision> Decisions => _decisions;

    public void Reschedule(DateOnly date, string place)
    {
        RequireOpen();
        Date = date;
        Place = Guard.Text(place, "Place", 200);
    }

    public void SetEnvelope(Guid instrumentId, Money amount)
    {
        RequireOpen();
        if (amount.MinorUnits < 0) throw new DomainException("Envelope.negative", "An envelope cannot be negative.");
        var existing = _envelopes.SingleOrDefault(e => e.InstrumentId == instrumentId);
        if (existing is not null) _envelopes.Remove(existing);
        _envelopes.Add(new SessionEnvelope(Id, instrumentId, amount));
    }

    public void RecordAttendance(string attendeeName, string? userId)
    {
        RequireOpen();
        var name = Guard.Text(attendeeName, "AttendeeName", 200);
        if (_attendance.Any(a => a.AttendeeName == name)) return;
        _attendance.Add(new SessionAttendance(Id, name, userId));
    }

    /// <summary>Replaces the list of those present: names left out are removed, new ones added, the ones kept keep
    /// their record. Locked once the session is closed, like the decisions the attendance validates.</summary>
    public void ReplaceAttendance(IEnumerable<string> attendeeNames)
    {
        RequireOpen();
        var names = attendeeNames.Select(n => Guard.Text(n, "AttendeeName", 200)).Distinct(StringComparer.Ordinal).ToList();
        _attendance.RemoveAll(a => !names.Contains(a.AttendeeName, StringComparer.Ordinal));
        foreach (var name in names.Where(n => _attendance.All(a => a.AttendeeName != n)))
            _attendance.Add(new SessionAttendance(Id, name, null));
    }

    /// <summary>True once the application is on this session's agenda, decided or not. An application deferred here
    /// belongs on the next session's agenda, not again on this one.</summary>
    public bool IsOnAgenda(Guid applicationId) => _agenda.Any(a => a.ApplicationId == applicationId);

    public AgendaItem PlaceOnAgenda(GrantApplication application)
    {
        RequireOpen();
        if (_agenda.Any(a => a.ApplicationId == application.Id))
            throw new DomainException("Agenda.duplicate", "The application is already on this session's agenda.");
        application.PlaceOnAgenda(Id);
        var item = new AgendaItem(Id, application.Id, _agenda.Count + 1);
        _agenda.Add(item);
        return item;
    }

    /// <summary>Approved amounts already awarded from <paramref name="instrumentId"/>'s envelope, each converted into
    /// <paramref name="currency"/> (the envelope's) with <paramref name="rates"/> (those in force on the session date):
    /// applications in different currencies share one envelope, and minor units of different currencies never add up.</summary>
    public long AwardedMinor(Guid instrumentId, string currency, RateTable rates) =>
        _decisions.Where(d => d.Outcome == DecisionOutcome.Approved && d.InstrumentId == instrumentId)
            .Sum(d => rates.ToMinor(d.AwardedMinor ?? 0, d.Currency ?? currency, currency));

    /// <summary>Approves without exchange rates: fine while every amount is in the envelope's currency; any other
    /// currency is refused (Rate.missing) rather than counted at par.</summary>
    public FundingDecision Approve(GrantApplication application, Money awarded, IEnumerable<DecisionConditionSpec> conditions,
        string? overrideReason, DateTime nowUtc) => Approve(application, awarded, conditions, overrideReason, nowUtc, RateTable.None);

    public FundingDecision Approve(GrantApplication application, Money awarded, IEnumerable<DecisionConditionSpec> conditions,
        string? overrideReason, DateTime nowUtc, RateTable rates)
    {
        RequireDecidable(application);
        if (!awarded.IsPositive)
            throw new DomainException("Awarded.not-positive", "The awarded amount must be greater than zero.");
        if (awarded.Currency != application.Currency || awarded.MinorUnits > application.RequestedMinor)
            throw new DomainException("Awarded.exceeds-request", "The awarded amount cannot exceed the amount requested.");
        var instrumentId = application.InstrumentId
            ?? throw new DomainException("InstrumentId.required", "The application has no funding instrument.");
        var envelope = _envelopes.SingleOrDefault(e => e.InstrumentId == instrumentId);
        var remaining = envelope is null ? 0 : envelope.AmountMinor - AwardedMinor(instrumentId, envelope.Currency, rates);
        var awardedInEnvelopeCurrency = envelope is null ? awarded.MinorUnits : rates.ToMinor(awarded.MinorUnits, awarded.Currency, envelope.Currency);
        var reason = Guard.OptionalText(overrideReason, "OverrideReason", 2000);
        if (awardedInEnvelopeCurrency > remaining && reason is null)
            throw new DomainException("Envelope.exceeded", "This approval goes beyond the remaining envelope: an override needs a reason.");
        var decision = FundingDecision.Approved(Id, application.Id, instrumentId, awarded, conditions, reason, nowUtc);
        application.RecordOutcome(DecisionOutcome.Approved);
        Add(decision);
        return decision;
    }

    public FundingDecision Reject(GrantApplication application, string reason, DateTime nowUtc)
    {
        RequireDecidable(application);
        var decision = FundingDecision.Rejected(Id, application.Id, application.InstrumentId, Guard.Text(reason, "Reason", 2000), nowUtc);
        application.RecordOutcome(DecisionOutcome.Rejected);
        Add(decision);
        return decision;
    }

    public FundingDecision Defer(GrantApplication application, string? reason, DateTime nowUtc)
    {
        RequireDecidable(application);
        var decision = FundingDecision.Deferred(Id, application.Id, application.InstrumentId, Guard.OptionalText(reason, "Reason", 2000), nowUtc);
        application.RecordOutcome(DecisionOutcome.Deferred);
        Add(decision);
        return decision;
    }

    /// <summary>Corrects the amount of an approval after the fact. The decision keeps its history: every amendment
    /// records the previous and new amounts, who made it, when and why. Allowed once the session is closed (before,
    /// the Bureau is still deciding and a decision is simply taken again).</summary>
    public DecisionAmendment AmendAward(GrantApplication application, Money newAwarded, string reason, string amendedBy, DateTime nowUtc)
    {
        if (Status != SessionStatus.Closed)
            throw new DomainException("Amendment.session-open", "Only a closed session's decisions are amended; an open session decides again.");
        var decision = _decisions.SingleOrDefault(d => d.ApplicationId == application.Id && d.Outcome == DecisionOutcome.Approved)
            ?? throw new DomainException("Amendment.not-approved", "Only an approval can be amended.");
        if (!newAwarded.IsPositive)
            throw new DomainException("Awarded.not-positive", "The awarded amount must be greater than zero.");
        if (newAwarded.Currency != application.Currency || newAwarded.MinorUnits > application.RequestedMinor)
            throw new DomainException("Awarded.exceeds-request", "The awarded amount cannot exceed the amount requested.");
        return decision.Amend(newAwarded.MinorUnits, Guard.Text(reason, "Reason", 2000), Guard.Text(amendedBy, "AmendedBy", 256), nowUtc);
    }

    public void MarkHeld()
    {
        if (Status != SessionStatus.Planned) throw new DomainException("Session.transition", "Only a planned session can be marked as held.");
        Status = SessionStatus.Held;
    }

    /// <summary>The reason recorded on the applications a session closes without deciding (both languages: it is
    /// stored once and printed in the minutes in either).</summary>
    public const string NotExaminedReason = "Non examinée en séance / Not examined in session";

    /// <summary>Closes the session and locks its decisions. An agenda item left undecided is deferred with
    /// <see cref="NotExaminedReason"/>: the deferral is a decision like any other (it appears in the minutes), and the
    /// application comes back on the next session's agenda instead of staying scheduled forever.
    /// <paramref name="agendaApplications"/> holds at least every undecided application of the agenda.</summary>
    public void Close(IEnumerable<GrantApplication> agendaApplications, DateTime nowUtc)
    {
        if (Status == SessionStatus.Closed) throw new DomainException("Session.closed", "The session is already closed.");
        var applications = agendaApplications.ToDictionary(a => a.Id);
        foreach (var item in _agenda.Where(i => _decisions.All(d => d.ApplicationId != i.ApplicationId)).OrderBy(i => i.Order).ToList())
        {
            if (!applications.TryGetValue(item.ApplicationId, out var application))
                throw new InvalidOperationException($"Closing the session needs the undecided application {item.ApplicationId}.");
            Defer(application, NotExaminedReason, nowUtc);
        }
        Status = SessionStatus.Closed;
    }

    /// <summary>A decision means the Bureau has met: a planned session becomes held with its first decision.</summary>
    private void Add(FundingDecision decision)
    {
        _decisions.Add(decision);
        if (Status == SessionStatus.Planned) Status = SessionStatus.Held;
    }

    private void RequireDecidable(GrantApplication application)
    {
        RequireOpen();
        if (_agenda.All(a => a.ApplicationId != application.Id))
            throw new DomainException("Decision.not-on-agenda", "Only an application on this session's agenda can be decided.");
        if (_decisions.Any(d => d.ApplicationId == application.Id))
            throw new DomainException("Decision.duplicate", "This application has already been decided in this session.");
    }

    private void RequireOpen()
    {
        if (Status == SessionStatus.Closed)
            throw new DomainException("Session.closed", "The session is closed: its agenda and decisions are locked.");
    }
}

public class AgendaItem : Entity
{
    private AgendaItem() { }

    internal AgendaItem(Guid sessionId, Guid applicationId, int order)
    {
        SessionId = sessionId;
        ApplicationId = applicationId;
        Order = order;
    }

    public Guid SessionId { get; private set; }
    public Guid ApplicationId { get; private set; }
    public int Order { get; private set; }
}

public class SessionEnvelope : Entity
{
    private SessionEnvelope() { Currency = string.Empty; }

    internal SessionEnvelope(Guid sessionId, Guid instrumentId, Money amount)
    {
        SessionId = sessionId;
        InstrumentId = instrumentId;
        Currency = amount.Currency;
        AmountMinor = amount.MinorUnits;
    }

    public Guid SessionId { get; private set; }
    public Guid InstrumentId { get; private set; }
    public string Currency { get; private set; }
    public long AmountMinor { get; private set; }
}

public class SessionAttendance : Entity
{
    private SessionAttendance() { AttendeeName = string.Empty; }

    internal SessionAttendance(Guid sessionId, string attendeeName, string? userId)
    {
        SessionId = sessionId;
        AttendeeName = attendeeName;
        UserId = userId;
    }

    public Guid SessionId { get; private set; }
    public string AttendeeName { get; private set; }
    public string? UserId { get; private set; }
}

public sealed record DecisionConditionSpec(ConditionKind Kind, string Text, DateOnly Deadline);

/// <summary>The Bureau's decision on one agenda item [Décision].</summary>
public class FundingDecision : Entity
{
    private readonly List<DecisionCondition> _conditions = [];
    private readonly List<DecisionAmendment> _amendments = [];

    private FundingDecision() { }

    private FundingDecision(Guid sessionId, Guid applicationId, Guid? instrumentId, DecisionOutcome outcome, DateTime nowUtc)
    {
        SessionId = sessionId;
        ApplicationId = applicationId;
        InstrumentId = instrumentId;
        Outcome = outcome;
        DecidedAtUtc = nowUtc;
    }

    internal static FundingDecision Approved(Guid sessionId, Guid applicationId, Guid instrumentId, Money awarded,
        IEnumerable<DecisionConditionSpec> conditions, string? overrideReason, DateTime nowUtc)
    {
        var decision = new FundingDecision(sessionId, applicationId, instrumentId, DecisionOutcome.Approved, nowUtc)
        {
            Currency = awarded.Currency,
            AwardedMinor = awarded.MinorUnits,
            EnvelopeOverrideReason = overrideReason,
        };
        decision._conditions.AddRange(conditions.Select(c => new DecisionCondition(decision.Id, c.Kind, Guard.Text(c.Text, "Condition", 1000), c.Deadline)));
        return decision;
    }

    internal static FundingDecision Rejected(Guid sessionId, Guid applicationId, Guid? instrumentId, string reason, DateTime nowUtc) =>
        new(sessionId, applicationId, instrumentId, DecisionOutcome.Rejected, nowUtc) { Reason = reason };

    internal static FundingDecision Deferred(Guid sessionId, Guid applicationId, Guid? instrumentId, string? reason, DateTime nowUtc) =>
        new(sessionId, applicationId, instrumentId, DecisionOutcome.Deferred, nowUtc) { Reason = reason };

    public Guid SessionId { get; private set; }
    public Guid ApplicationId { get; private set; }
    public Guid? InstrumentId { get; private set; }
    public DecisionOutcome Outcome { get; private set; }
    public string? Currency { get; private set; }
    public long? AwardedMinor { get; private set; }
    public string? Reason { get; private set; }
    public string? EnvelopeOverrideReason { get; private set; }
    public DateTime DecidedAtUtc { get; private set; }
    /// <summary>The project the approval created.</summary>
    public Guid? ProjectId { get; private set; }

    public IReadOnlyCollection<DecisionCondition> Conditions => _conditions;
    public IReadOnlyCollection<DecisionAmendment> Amendments => _amendments;

    internal DecisionAmendment Amend(long newAwardedMinor, string reason, string amendedBy, DateTime nowUtc)
    {
        if (newAwardedMinor == AwardedMinor)
            throw new DomainException("Amendment.no-change", "The amended amount is the same as the current one.");
        var amendment = new DecisionAmendment(Id, AwardedMinor ?? 0, newAwardedMinor, reason, amendedBy, nowUtc);
        _amendments.Add(amendment);
        AwardedMinor = newAwardedMinor;
        return amendment;
    }

    public void LinkProject(Guid projectId)
    {
        if (Outcome != DecisionOutcome.Approved) throw new DomainException("Decision.not-approved", "Only an approval creates a project.");
        if (ProjectId is not null) throw new DomainException("Decision.project-exists", "This approval already created its project.");
        ProjectId = projectId;
    }
}

public class DecisionCondition : Entity
{
    private DecisionCondition() { Text = string.Empty; }

    internal DecisionCondition(Guid decisionId, ConditionKind kind, string text, DateOnly deadline)
    {
        DecisionId = decisionId;
        Kind = kind;
        Text = text;
        Deadline = deadline;
    }

    public Guid DecisionId { get; private set; }
    public ConditionKind Kind { get; private set; }
    public string Text { get; private set; }
    public DateOnly Deadline { get; private set; }
}

/// <summary>A correction of a decision after its session closed: what the amount was, what it became, and why.</summary>
public class DecisionAmendment : Entity
{
    private DecisionAmendment() { Reason = AmendedBy = string.Empty; }

    internal DecisionAmendment(Guid decisionId, long previousAwardedMinor, long newAwardedMinor, string reason, string amendedBy, DateTime amendedAtUtc)
    {
        DecisionId = decisionId;
        PreviousAwardedMinor = previousAwardedMinor;
        NewAwardedMinor = newAwardedMinor;
        Reason = reason;
        AmendedBy = amendedBy;
        AmendedAtUtc = amendedAtUtc;
    }

    public Guid DecisionId { get; private set; }
    public long PreviousAwardedMinor { get; private set; }
    public long NewAwardedMinor { get; private set; }
    public string Reason { get; private set; }
    public string AmendedBy { get; private set; }
    public DateTime AmendedAtUtc { get; private set; }
}
