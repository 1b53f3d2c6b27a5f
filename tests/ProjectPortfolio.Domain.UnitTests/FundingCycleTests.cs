using ProjectPortfolio.Domain.Applications;
using ProjectPortfolio.Domain.BureauSessions;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Finance;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Domain.UnitTests;

public class FundingCycleTests
{
    private static readonly Guid Instrument = Guid.NewGuid();
    private static readonly DateTime Now = new(2024, 5, 24, 10, 0, 0, DateTimeKind.Utc);

    private static GrantApplication CompleteDraft(long requested = 5_000_000)
    {
        var application = new GrantApplication("DS-2024-001", Guid.NewGuid(), ApplicationKind.NewProject, null, "Centre de santé", "EUR");
        application.EditDraft("Centre de santé", null, "Construire un centre de santé", null, Guid.NewGuid(), Instrument,
            new Money(requested, "EUR"), new Money(requested * 2, "EUR"), new DateOnly(2024, 7, 1), new DateOnly(2026, 6, 30));
        application.SetExpectedResults([(Guid.NewGuid(), 3)]);
        return application;
    }

    [Test]
    public void A_planned_session_is_held_once_it_records_its_first_decision()
    {
        var (session, application) = Scheduled();
        Assert.That(session.Status, Is.EqualTo(SessionStatus.Planned));
        session.Defer(application, "Dossier à compléter", Now);
        Assert.That(session.Status, Is.EqualTo(SessionStatus.Held));
        Assert.That(Assert.Throws<DomainException>(session.MarkHeld)!.Code, Is.EqualTo("Session.transition"));
    }

    [Test]
    public void A_screening_answers_every_criterion_of_the_checklist_once()
    {
        var application = CompleteDraft();
        application.Submit(Now);
        Guid first = Guid.NewGuid(), second = Guid.NewGuid();

        var incomplete = Assert.Throws<DomainException>(() => application.RecordScreening([first, second], [(first, ScreeningAnswerValue.Yes, null)], "Vu"));
        Assert.That(incomplete!.Code, Is.EqualTo("ScreeningAnswers.incomplete"));
        var unknown = Assert.Throws<DomainException>(() => application.RecordScreening([first],
            [(first, ScreeningAnswerValue.Yes, null), (second, ScreeningAnswerValue.No, null)], null));
        Assert.That(unknown!.Code, Is.EqualTo("ScreeningAnswers.unknown"));
        Assert.That(application.Status, Is.EqualTo(ApplicationStatus.Submitted));
        Assert.That(application.ScreeningComment, Is.Null, "a refused screening changes nothing");

        application.RecordScreening([first, second], [(first, ScreeningAnswerValue.Yes, null), (second, ScreeningAnswerValue.NotApplicable, "Sans objet")], "Éligible");
        Assert.That(application.Status, Is.EqualTo(ApplicationStatus.Screened));
        Assert.That(application.ScreeningAnswers, Has.Count.EqualTo(2));
    }

    private static (BureauSession Session, GrantApplication Application) Scheduled(long envelope = 10_000_000)
    {
        var application = CompleteDraft();
        application.Submit(Now);
        application.RecordScreening([], [], "Éligible");
        application.Recommend(true, new Money(5_000_000, "EUR"), null);
        var session = new BureauSession("BUREAU-2024-05", new DateOnly(2024, 5, 24), "Lausanne");
        session.SetEnvelope(Instrument, new Money(envelope, "EUR"));
        session.PlaceOnAgenda(application);
        return (session, application);
    }

    [Test]
    public void An_incomplete_draft_cannot_be_submitted_and_says_what_is_missing()
    {
        var application = new GrantApplication("DS-2024-002", Guid.NewGuid(), ApplicationKind.NewProject, null, "Titre", "EUR");
        var problems = application.CompletenessProblems().Select(p => p.Field).ToList();
        Assert.That(problems, Is.SupersetOf(new[] { "Summary", "ThemeId", "InstrumentId", "Requested", "ExpectedResults" }));
        Assert.That(() => application.Submit(Now), Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Application.incomplete"));
        Assert.That(application.Status, Is.EqualTo(ApplicationStatus.Draft));
    }

    [Test]
    public void Requested_above_budget_is_incomplete()
    {
        var application = CompleteDraft();
        application.EditDraft("T", null, "S", null, Guid.NewGuid(), Instrument, new Money(10, "EUR"), new Money(5, "EUR"), null, null);
        Assert.That(application.CompletenessProblems(), Does.Contain(("Requested", "exceeds-budget")));
    }

    [Test]
    public void A_continuation_names_the_project_it_continues() =>
        Assert.That(() => new GrantApplication("DS-1", Guid.NewGuid(), ApplicationKind.Continuation, null, "T", "EUR"), Throws.TypeOf<DomainException>());

    [Test]
    public void Approval_cannot_exceed_the_amount_requested()
    {
        var (session, application) = Scheduled();
        Assert.That(() => session.Approve(application, new Money(5_000_001, "EUR"), [], null, Now),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Awarded.exceeds-request"));
        Assert.That(application.Status, Is.EqualTo(ApplicationStatus.Scheduled));
        Assert.That(session.Decisions, Is.Empty);
    }

    [Test]
    public void Approval_beyond_the_remaining_envelope_needs_an_override_reason()
    {
        var (session, application) = Scheduled(envelope: 4_000_000);
        Assert.That(() => session.Approve(application, new Money(5_000_000, "EUR"), [], null, Now),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Envelope.exceeded"));
        var decision = session.Approve(application, new Money(5_000_000, "EUR"), [], "Priorité du Bureau", Now);
        Assert.That(decision.EnvelopeOverrideReason, Is.EqualTo("Priorité du Bureau"));
        Assert.That(session.AwardedMinor(Instrument, "EUR", RateTable.None), Is.EqualTo(5_000_000));
        Assert.That(application.Status, Is.EqualTo(ApplicationStatus.Approved));
    }

    [Test]
    public void Only_an_application_on_the_agenda_can_be_decided()
    {
        var (session, _) = Scheduled();
        var stranger = CompleteDraft();
        Assert.That(() => session.Reject(stranger, "Hors champ", Now),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Decision.not-on-agenda"));
    }

    [Test]
    public void A_closed_session_locks_its_decisions()
    {
        var (session, application) = Scheduled();
        session.Close([application], Now);
        Assert.That(() => session.Defer(application, null, Now), Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Session.closed"));
    }

    [Test]
    public void A_rejection_needs_a_reason_and_a_deferred_application_can_come_back()
    {
        var (session, application) = Scheduled();
        Assert.That(() => session.Reject(application, " ", Now), Throws.TypeOf<DomainException>());
        session.Defer(application, "Compléments demandés", Now);
        Assert.That(application.Status, Is.EqualTo(ApplicationStatus.Deferred));
        var next = new BureauSession("BUREAU-2024-11", new DateOnly(2024, 11, 20), "Paris");
        next.PlaceOnAgenda(application);
        Assert.That(application.Status, Is.EqualTo(ApplicationStatus.Scheduled));
        Assert.That(application.SessionId, Is.EqualTo(next.Id));
    }

    private static readonly RateTable Cfa = new(new Dictionary<string, long> { ["XOF"] = 655_957_000 });

    [Test]
    public void Co_financing_in_francs_is_converted_before_it_is_compared_with_a_euro_budget()
    {
        var application = CompleteDraft(requested: 5_000_000);  // budget 100 000,00 EUR
        application.SetCoFinancing([(Guid.NewGuid(), new Money(100_000_000, "XOF"), CoFinancingStatus.Expected)]);
        Assert.That(application.CoFinancingInApplicationCurrency(Cfa), Is.EqualTo(152_449.02m).Within(0.01m));
        Assert.That(application.CompletenessProblems(Cfa), Does.Contain(("CoFinancing", "exceeds-budget")));
        Assert.That(application.CompletenessProblems(), Does.Contain(("CoFinancing", "no-rate")), "without rates, francs are never counted at par");
        Assert.That(() => application.Submit(Now, Cfa), Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Application.incomplete"));

        application.SetCoFinancing([(Guid.NewGuid(), new Money(50_000_000, "XOF"), CoFinancingStatus.Expected)]);
        application.Submit(Now, Cfa);
        Assert.That(application.Status, Is.EqualTo(ApplicationStatus.Submitted));
    }

    [Test]
    public void A_rate_table_converts_through_the_euro_and_refuses_a_currency_without_rate()
    {
        Assert.That(Cfa.ToMinor(1_000_000, "EUR", "XOF"), Is.EqualTo(6_559_570));
        Assert.That(Cfa.ToMinor(655_957, "XOF", "EUR"), Is.EqualTo(100_000));
        Assert.That(Cfa.CanConvert("GBP", "EUR"), Is.False);
        Assert.That(() => Cfa.ToMinor(100, "GBP", "EUR"), Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Rate.missing"));
    }

    [Test]
    public void An_award_in_francs_is_compared_with_a_euro_envelope_in_euros()
    {
        var application = new GrantApplication("DS-2024-003", Guid.NewGuid(), ApplicationKind.NewProject, null, "Forages", "XOF");
        application.EditDraft("Forages", null, "Dix forages", null, Guid.NewGuid(), Instrument,
            new Money(6_000_000, "XOF"), new Money(10_000_000, "XOF"), new DateOnly(2024, 7, 1), new DateOnly(2026, 6, 30));
        application.SetExpectedResults([(Guid.NewGuid(), 3)]);
        application.Submit(Now);
        application.RecordScreening([], [], "Éligible");
        var session = new BureauSession("BUREAU-2024-05", new DateOnly(2024, 5, 24), "Lausanne");
        session.SetEnvelope(Instrument, new Money(2_000_000, "EUR"));
        session.PlaceOnAgenda(application);

        Assert.That(() => session.Approve(application, new Money(5_000_000, "XOF"), [], null, Now),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Rate.missing"), "never compared at par");
        session.Approve(application, new Money(5_000_000, "XOF"), [], null, Now, Cfa);
        Assert.That(session.AwardedMinor(Instrument, "EUR", Cfa), Is.EqualTo(762_245));
    }

    [Test]
    public void Closing_defers_what_the_Bureau_did_not_examine()
    {
        var (session, application) = Scheduled();
        session.Close([application], Now);
        Assert.That(session.Status, Is.EqualTo(SessionStatus.Closed));
        Assert.That(application.Status, Is.EqualTo(ApplicationStatus.Deferred));
        var decision = session.Decisions.Single();
        Assert.That((decision.Outcome, decision.Reason), Is.EqualTo((DecisionOutcome.Deferred, BureauSession.NotExaminedReason)));
        var next = new BureauSession("BUREAU-2024-11", new DateOnly(2024, 11, 20), "Paris");
        next.PlaceOnAgenda(application);
        Assert.That(application.Status, Is.EqualTo(ApplicationStatus.Scheduled));
    }
}
