using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Applications;
using ProjectPortfolio.Application.BureauSessions;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Domain.Applications;
using ProjectPortfolio.Domain.BureauSessions;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Application.FunctionalTests;

public class FundingCycleTests : FunctionalTest
{
    private async Task<Guid> MemberIdAsync(string code) => await QueryAsync(db => db.Members.Where(m => m.Code == code).Select(m => m.Id).SingleAsync());
    private async Task<Guid> PartnerIdAsync(string code) => await QueryAsync(db => db.Partners.Where(p => p.Code == code).Select(p => p.Id).SingleAsync());

    private async Task<Guid> CompleteDraftAsync(decimal requested = 90_000)
    {
        await ImportSampleAsync();
        return await SendAsync(new CreateApplicationCommand
        {
            ApplicantMemberId = await MemberIdAsync("RUMONGE"), Kind = ApplicationKind.NewProject, Title = "Marché couvert de Rumonge",
            Summary = "Un marché couvert pour les vendeuses du lac Tanganyika.", Theme = "gender-equality", Instrument = "COOP_FUND",
            Requested = requested, TotalBudget = 150_000, PlannedStart = new DateOnly(2027, 1, 1), PlannedEnd = new DateOnly(2028, 12, 31),
            CoFinancing = [new PlanLineInput(await PartnerIdAsync("UE"), 40_000, "EUR", CoFinancingStatus.Confirmed)],
            ExpectedResults = [new ExpectedResultInput("WOMEN_SUPPORTED", 400)],
        });
    }

    private async Task<List<ScreeningAnswerInput>> AllYesAsync() =>
        (await QueryAsync(db => db.EligibilityCriteria.Select(c => c.Id).ToListAsync())).Select(c => new ScreeningAnswerInput(c, ScreeningAnswerValue.Yes, null)).ToList();

    [Test]
    public async Task A_screening_that_leaves_a_criterion_unanswered_is_refused_and_changes_nothing()
    {
        var application = await CompleteDraftAsync(50_000);
        await SendAsync(new SubmitApplicationCommand(application, await VersionAsync(application)));
        var allYes = await AllYesAsync();
        Assert.That(allYes, Has.Count.GreaterThan(1), "the sample checklist has several criteria");

        var missingOne = Assert.ThrowsAsync<ValidationException>(async () => await SendAsync(
            new ScreenApplicationCommand(application, await VersionAsync(application), allYes.Skip(1).ToList(), "Incomplet")));
        Assert.That(missingOne!.Errors["Answers"].Single(), Does.Contain("chaque critère"));
        Assert.ThrowsAsync<ValidationException>(async () => await SendAsync(
            new ScreenApplicationCommand(application, await VersionAsync(application), [], null)));
        Assert.ThrowsAsync<ValidationException>(async () => await SendAsync(
            new ScreenApplicationCommand(application, await VersionAsync(application), [.. allYes, new ScreeningAnswerInput(Guid.NewGuid(), ScreeningAnswerValue.No, null)], null)));

        var dossier = await SendAsync(new GetApplicationDetailQuery(application));
        Assert.That(dossier.Status, Is.EqualTo(ApplicationStatus.Submitted));
        Assert.That(dossier.ScreeningComment, Is.Null);
        Assert.That(dossier.Screening.All(s => s.Answer is null), Is.True);
    }

    private async Task<int> VersionAsync(Guid applicationId) => (await SendAsync(new GetApplicationDetailQuery(applicationId))).Version;

    private async Task<(Guid Session, Guid Application)> ScheduledAsync(decimal envelope = 100_000, decimal requested = 90_000)
    {
        var application = await CompleteDraftAsync(requested);
        await SendAsync(new SubmitApplicationCommand(application, await VersionAsync(application)));
        var criteria = await QueryAsync(db => db.EligibilityCriteria.Select(c => c.Id).ToListAsync());
        await SendAsync(new ScreenApplicationCommand(application, await VersionAsync(application),
            criteria.Select(c => new ScreeningAnswerInput(c, ScreeningAnswerValue.Yes, null)).ToList(), "Dossier complet."));
        await SendAsync(new RecommendApplicationCommand(application, await VersionAsync(application), true, requested - 10_000, "Priorité genre."));
        var session = await SendAsync(new CreateSessionCommand(new DateOnly(2026, 12, 10), "Paris", [new EnvelopeInput("COOP_FUND", envelope, "EUR")]));
        await SendAsync(new ScheduleApplicationsCommand(session, [application]));
        return (session, application);
    }

    [Test]
    public async Task From_draft_to_decision_the_approval_creates_the_project_without_re_keying()
    {
        var (session, application) = await ScheduledAsync();
        User.SignInAs("bureau@portfolio.local", Roles.BureauMember);
        await SendAsync(new GiveOpinionCommand(application, OpinionValue.Favourable, "Très bon dossier."));
        User.SignInAs("officer@portfolio.local", Roles.ProgrammeOfficer);

        var result = await SendAsync(new RecordDecisionCommand(session, application, DecisionOutcome.Approved, 80_000,
            [new ConditionInput(ConditionKind.Fiduciary, "Ouvrir un compte dédié", new DateOnly(2027, 2, 1))], null, null));

        Assert.That(result.ProjectCode, Is.EqualTo("AIMF-2026-001"));
        var project = await SendAsync(new GetProjectDetailQuery(result.ProjectId!.Value));
        Assert.Multiple(() =>
        {
            Assert.That(project.Title, Is.EqualTo("Marché couvert de Rumonge"));
            Assert.That((project.GrantMinor, project.Currency), Is.EqualTo((8_000_000L, "EUR")));
            Assert.That(project.Country, Is.EqualTo("BI"));
            Assert.That(project.ThemeCode, Is.EqualTo("gender-equality"));
            Assert.That(project.CoFinancing.Single().PartnerName, Is.EqualTo("Union européenne"));
            Assert.That(project.Targets.Single().IndicatorCode, Is.EqualTo("WOMEN_SUPPORTED"));
            Assert.That(project.Tranches.Single().PlannedMinor, Is.EqualTo(4_000_000));
            Assert.That(project.Status, Is.EqualTo(ProjectStatus.Approved));
        });
        var dossier = await SendAsync(new GetApplicationDetailQuery(application));
        Assert.That(dossier.Status, Is.EqualTo(ApplicationStatus.Approved));
        Assert.That(dossier.Opinions.Single().Opinion, Is.EqualTo(OpinionValue.Favourable));
        Assert.That(dossier.Decision!.ProjectCode, Is.EqualTo("AIMF-2026-001"));
        Assert.That(dossier.Decision.Conditions.Single().Kind, Is.EqualTo(ConditionKind.Fiduciary));
        var detail = await SendAsync(new GetSessionDetailQuery(session));
        Assert.That(detail.Envelopes.Single().RemainingMinor, Is.EqualTo(2_000_000), "the remaining envelope follows the decisions");
        Assert.That(detail.Summary.NewProjectsApproved, Is.EqualTo(1));
    }

    [Test]
    public async Task A_continuation_is_prefilled_from_its_project_and_becomes_a_new_phase()
    {
        await ImportSampleAsync();
        var nyanza = await QueryAsync(db => db.Projects.Include(p => p.CoFinancing).Include(p => p.Targets).SingleAsync(p => p.Code == "AIMF-2024-006"));
        var application = await SendAsync(new CreateApplicationCommand
        {
            // No member given: a continuation is applied for by the continued project's lead member.
            Kind = ApplicationKind.Continuation, ContinuesProjectId = nyanza.Id,
            Title = "Centre d'information touristique de Nyanza — phase 3", Summary = "Suite.", Requested = 50_000, TotalBudget = 80_000,
            PlannedStart = new DateOnly(2027, 1, 1), PlannedEnd = new DateOnly(2028, 6, 30),
        });
        var dossier = await SendAsync(new GetApplicationDetailQuery(application));
        Assert.That(dossier.ApplicantMemberId, Is.EqualTo(nyanza.LeadMemberId));
        Assert.That(dossier.ThemeCode, Is.EqualTo("tourism"));
        Assert.That(dossier.ContinuesProjectCode, Is.EqualTo("AIMF-2024-006"));
        Assert.That(dossier.CoFinancing.Select(c => c.PartnerId), Is.EquivalentTo(nyanza.CoFinancing.Select(c => c.PartnerId)));
        Assert.That(dossier.ExpectedResults.Count, Is.EqualTo(nyanza.Targets.Count));

        await SendAsync(new SubmitApplicationCommand(application, dossier.Version));
        await SendAsync(new ScreenApplicationCommand(application, await VersionAsync(application), await AllYesAsync(), null));
        var session = await SendAsync(new CreateSessionCommand(new DateOnly(2026, 12, 10), "Paris", [new EnvelopeInput("COOP_FUND", 60_000, "EUR")]));
        await SendAsync(new ScheduleApplicationsCommand(session, null));
        var result = await SendAsync(new RecordDecisionCommand(session, application, DecisionOutcome.Approved, 50_000, null, null, null));
        var phase = await SendAsync(new GetProjectDetailQuery(result.ProjectId!.Value));
        Assert.That(phase.Predecessor!.Code, Is.EqualTo("AIMF-2024-006"));
        var previous = await SendAsync(new GetProjectDetailQuery(nyanza.Id));
        Assert.That(previous.Successors.Select(s => s.Code), Does.Contain(result.ProjectCode));
    }

    [Test]
    public async Task A_new_project_application_still_needs_its_member()
    {
        await ImportSampleAsync();
        var error = Assert.ThrowsAsync<ProjectPortfolio.Application.Common.Exceptions.ValidationException>(() => SendAsync(new CreateApplicationCommand
        {
            Kind = ApplicationKind.NewProject, Title = "Sans ville",
        }));
        Assert.That(error!.Errors.Keys, Does.Contain("ApplicantMemberId"));
    }

    [Test]
    public async Task An_incomplete_draft_cannot_be_submitted()
    {
        await ImportSampleAsync();
        var draft = await SendAsync(new CreateApplicationCommand { ApplicantMemberId = await MemberIdAsync("DAKAR"), Kind = ApplicationKind.NewProject, Title = "Idée" });
        var error = Assert.ThrowsAsync<DomainException>(async () => await SendAsync(new SubmitApplicationCommand(draft, await VersionAsync(draft))));
        Assert.That(error!.Code, Is.EqualTo("Application.incomplete"));
        var dossier = await SendAsync(new GetApplicationDetailQuery(draft));
        Assert.That(dossier.Status, Is.EqualTo(ApplicationStatus.Draft));
        Assert.That(dossier.CompletenessProblems, Does.Contain("Summary.required").And.Contain("ExpectedResults.required"));
    }

    [Test]
    public async Task Approving_more_than_requested_or_an_application_not_on_the_agenda_changes_nothing()
    {
        var (session, application) = await ScheduledAsync();
        var projects = await QueryAsync(db => db.Projects.CountAsync());
        Assert.That(Assert.ThrowsAsync<DomainException>(() => SendAsync(new RecordDecisionCommand(session, application, DecisionOutcome.Approved, 90_000.01m, null, null, null)))!.Code,
            Is.EqualTo("Awarded.exceeds-request"));
        var stranger = await SendAsync(new CreateApplicationCommand { ApplicantMemberId = await MemberIdAsync("DAKAR"), Kind = ApplicationKind.NewProject, Title = "Autre" });
        Assert.That(Assert.ThrowsAsync<DomainException>(() => SendAsync(new RecordDecisionCommand(session, stranger, DecisionOutcome.Rejected, null, null, "Hors sujet", null)))!.Code,
            Is.EqualTo("Decision.not-on-agenda"));
        Assert.That(await QueryAsync(db => db.Projects.CountAsync()), Is.EqualTo(projects));
        Assert.That((await SendAsync(new GetApplicationDetailQuery(application))).Status, Is.EqualTo(ApplicationStatus.Scheduled));
    }

    [Test]
    public async Task Beyond_the_remaining_envelope_an_approval_needs_an_override_reason()
    {
        var (session, application) = await ScheduledAsync(envelope: 50_000);
        Assert.That(Assert.ThrowsAsync<DomainException>(() => SendAsync(new RecordDecisionCommand(session, application, DecisionOutcome.Approved, 80_000, null, null, null)))!.Code,
            Is.EqualTo("Envelope.exceeded"));
        await SendAsync(new RecordDecisionCommand(session, application, DecisionOutcome.Approved, 80_000, null, null, "Arbitrage du Bureau en séance"));
        var detail = await SendAsync(new GetSessionDetailQuery(session));
        Assert.That(detail.Envelopes.Single().RemainingMinor, Is.EqualTo(-3_000_000));
    }

    [Test]
    public async Task A_closed_session_locks_its_decisions()
    {
        var (session, application) = await ScheduledAsync();
        var detail = await SendAsync(new GetSessionDetailQuery(session));
        await SendAsync(new CloseSessionCommand(session, detail.Version));
        Assert.That(Assert.ThrowsAsync<DomainException>(() => SendAsync(new RecordDecisionCommand(session, application, DecisionOutcome.Deferred, null, null, null, null)))!.Code,
            Is.EqualTo("Session.closed"));
    }

    [Test]
    public async Task A_deferred_application_comes_back_on_the_next_session_s_agenda()
    {
        var (session, application) = await ScheduledAsync();
        await SendAsync(new RecordDecisionCommand(session, application, DecisionOutcome.Deferred, null, null, "Compléter le budget", null));
        var next = await SendAsync(new CreateSessionCommand(new DateOnly(2027, 5, 20), "Dakar", [new EnvelopeInput("COOP_FUND", 100_000, "EUR")]));
        await SendAsync(new ScheduleApplicationsCommand(next, null));
        var agenda = (await SendAsync(new GetSessionDetailQuery(next))).Agenda;
        Assert.That(agenda.Select(a => a.ApplicationId), Does.Contain(application));
        var approved = await SendAsync(new RecordDecisionCommand(next, application, DecisionOutcome.Approved, 70_000, null, null, null));
        Assert.That(approved.ProjectCode, Is.EqualTo("AIMF-2027-001"));
    }

    [Test]
    public async Task A_rejection_needs_a_reason()
    {
        var (session, application) = await ScheduledAsync();
        var error = Assert.ThrowsAsync<ValidationException>(() => SendAsync(new RecordDecisionCommand(session, application, DecisionOutcome.Rejected, null, null, " ", null)));
        Assert.That(error!.Errors.Keys, Does.Contain("Reason"));
    }

    [Test]
    public async Task Bureau_members_give_opinions_but_edit_and_decide_nothing()
    {
        var (session, application) = await ScheduledAsync();
        User.SignInAs("bureau@portfolio.local", Roles.BureauMember);
        Assert.ThrowsAsync<ForbiddenAccessException>(() => SendAsync(new UpdateApplicationCommand { Id = application, Version = 1, Title = "Modifié" }));
        Assert.ThrowsAsync<ForbiddenAccessException>(() => SendAsync(new RecordDecisionCommand(session, application, DecisionOutcome.Approved, 1, null, null, null)));
        await SendAsync(new GiveOpinionCommand(application, OpinionValue.Reserved, "À revoir"));
        await SendAsync(new GiveOpinionCommand(application, OpinionValue.Favourable, "Après lecture du budget"));
        var opinions = (await SendAsync(new GetApplicationDetailQuery(application))).Opinions;
        Assert.That(opinions.Single().Opinion, Is.EqualTo(OpinionValue.Favourable), "a member revises the opinion, it is not counted twice");
        User.SignInAs("officer@portfolio.local", Roles.ProgrammeOfficer);
        Assert.ThrowsAsync<ForbiddenAccessException>(() => SendAsync(new GiveOpinionCommand(application, OpinionValue.Favourable, null)));
    }

    [Test]
    public async Task A_submitted_application_can_no_longer_be_edited()
    {
        var application = await CompleteDraftAsync();
        await SendAsync(new SubmitApplicationCommand(application, await VersionAsync(application)));
        var error = Assert.ThrowsAsync<DomainException>(async () => await SendAsync(new UpdateApplicationCommand { Id = application, Version = await VersionAsync(application), Title = "Changé" }));
        Assert.That(error!.Code, Is.EqualTo("Application.not-editable"));
    }

    [Test]
    public async Task The_Lausanne_session_summary_shows_7_continuations_and_5_new_projects()
    {
        await ImportSampleAsync();
        var lausanne = (await SendAsync(new GetSessionsQuery())).Single(s => s.Date == new DateOnly(2024, 5, 24));
        var detail = await SendAsync(new GetSessionDetailQuery(lausanne.Id));
        Assert.That(detail.Place, Is.EqualTo("Lausanne"));
        Assert.That((detail.Summary.ContinuationsApproved, detail.Summary.NewProjectsApproved), Is.EqualTo((7, 5)));
        Assert.That(detail.Summary.ByOutcome[DecisionOutcome.Approved], Is.EqualTo(12));
        Assert.That(detail.Agenda.TakeWhile(a => a.Kind == ApplicationKind.NewProject).Count(), Is.EqualTo(detail.Agenda.Count(a => a.Kind == ApplicationKind.NewProject)),
            "new projects are grouped apart from continuations");
    }

    [Test]
    public async Task The_co_financing_plan_is_totalled_in_euros_with_the_rates_in_force()
    {
        await ImportSampleAsync();
        var application = await SendAsync(new CreateApplicationCommand
        {
            ApplicantMemberId = await MemberIdAsync("OUAGADOUGOU"), Kind = ApplicationKind.NewProject, Title = "Forages", PlannedStart = new DateOnly(2027, 1, 1),
            CoFinancing =
            [
                new PlanLineInput(await PartnerIdAsync("UE"), 10_000, "EUR", CoFinancingStatus.Confirmed),
                new PlanLineInput(await PartnerIdAsync("FRANCE"), 655_957, "XOF", CoFinancingStatus.Expected),
            ],
        });
        Assert.That((await SendAsync(new GetApplicationDetailQuery(application))).CoFinancingEur, Is.EqualTo(11_000m));
    }

    [Test]
    public async Task Only_administrators_add_exchange_rates_and_one_per_currency_and_date()
    {
        var command = new ProjectPortfolio.Application.ExchangeRates.AddExchangeRateCommand("CHF", new DateOnly(2026, 1, 1), 0.94m);
        Assert.ThrowsAsync<ForbiddenAccessException>(() => SendAsync(command));
        User.SignInAs("admin@portfolio.local", Roles.Administrator);
        await SendAsync(command);
        Assert.That(Assert.ThrowsAsync<ValidationException>(() => SendAsync(command))!.Errors.Keys, Does.Contain("EffectiveFrom"));
        Assert.That(Assert.ThrowsAsync<ValidationException>(() => SendAsync(command with { Currency = "EUR" }))!.Errors.Keys, Does.Contain("Currency"));
        Assert.That(Assert.ThrowsAsync<ValidationException>(() => SendAsync(command with { UnitsPerEuro = -1 }))!.Errors.Keys, Does.Contain("UnitsPerEuro"));
        var rates = await SendAsync(new ProjectPortfolio.Application.ExchangeRates.GetExchangeRatesQuery());
        Assert.That(rates.Where(r => r.Currency == "CHF").Select(r => r.UnitsPerEuro), Does.Contain(0.94m));
    }

    [Test]
    public async Task After_closing_a_decision_is_corrected_by_an_amendment_with_a_reason_and_the_project_follows()
    {
        var (session, application) = await ScheduledAsync();
        var approval = await SendAsync(new RecordDecisionCommand(session, application, DecisionOutcome.Approved, 80_000, null, null, null));
        Assert.That(Assert.ThrowsAsync<DomainException>(() => SendAsync(new AmendDecisionCommand(session, application, 70_000, "Erreur de saisie")))!.Code,
            Is.EqualTo("Amendment.session-open"));
        await SendAsync(new CloseSessionCommand(session, (await SendAsync(new GetSessionDetailQuery(session))).Version));

        Assert.That(Assert.ThrowsAsync<ValidationException>(() => SendAsync(new AmendDecisionCommand(session, application, 70_000, " ")))!.Errors.Keys, Does.Contain("Reason"));
        Assert.That(Assert.ThrowsAsync<DomainException>(() => SendAsync(new AmendDecisionCommand(session, application, 95_000, "Plus que demandé")))!.Code,
            Is.EqualTo("Awarded.exceeds-request"));
        // The first tranche (half of 80 000) is planned: the grant cannot fall below it.
        Assert.That(Assert.ThrowsAsync<DomainException>(() => SendAsync(new AmendDecisionCommand(session, application, 30_000, "Réduction")))!.Code,
            Is.EqualTo("Grant.below-tranches"));
        Assert.That((await SendAsync(new GetProjectDetailQuery(approval.ProjectId!.Value))).GrantMinor, Is.EqualTo(8_000_000), "a refused amendment changes nothing");

        await SendAsync(new AmendDecisionCommand(session, application, 75_000, "Cofinancement de l'UE revu à la hausse"));

        var detail = await SendAsync(new GetSessionDetailQuery(session));
        var amendment = detail.Amendments.Single();
        Assert.That((amendment.PreviousAwardedMinor, amendment.NewAwardedMinor, amendment.Reason), Is.EqualTo((8_000_000L, 7_500_000L, "Cofinancement de l'UE revu à la hausse")));
        Assert.That(detail.Agenda.Single(a => a.ApplicationId == application).AwardedMinor, Is.EqualTo(7_500_000));
        Assert.That((await SendAsync(new GetProjectDetailQuery(approval.ProjectId!.Value))).GrantMinor, Is.EqualTo(7_500_000));
    }

    [Test]
    public async Task Co_financing_in_another_currency_is_converted_into_the_application_s_currency_before_it_is_compared_with_the_budget()
    {
        await ImportSampleAsync();
        var draft = new CreateApplicationCommand
        {
            ApplicantMemberId = await MemberIdAsync("OUAGADOUGOU"), Kind = ApplicationKind.NewProject, Title = "Forages", Summary = "Dix forages.",
            Theme = "water-sanitation", Instrument = "COOP_FUND", Requested = 50_000, TotalBudget = 100_000,
            PlannedStart = new DateOnly(2027, 1, 1), PlannedEnd = new DateOnly(2028, 12, 31),
            ExpectedResults = [new ExpectedResultInput("PEOPLE_WATER_ACCESS", 5000)],
            // 100 000 000 XOF is about 152 449 EUR, more than the 100 000 EUR budget.
            CoFinancing = [new PlanLineInput(await PartnerIdAsync("FRANCE"), 100_000_000, "XOF", CoFinancingStatus.Expected)],
        };
        var application = await SendAsync(draft);
        var error = Assert.ThrowsAsync<DomainException>(async () => await SendAsync(new SubmitApplicationCommand(application, await VersionAsync(application))));
        Assert.That(error!.Code, Is.EqualTo("Application.incomplete"));
        Assert.That(error.Message, Does.Contain("CoFinancing exceeds-budget"));
        Assert.That((await SendAsync(new GetApplicationDetailQuery(application))).CompletenessProblems, Does.Contain("CoFinancing.exceeds-budget"));

        // A currency without any rate cannot be compared: a completeness problem that names the currency.
        var update = new UpdateApplicationCommand
        {
            Id = application, Version = await VersionAsync(application), Title = draft.Title, Summary = draft.Summary, Theme = draft.Theme,
            Instrument = draft.Instrument, Requested = draft.Requested, TotalBudget = draft.TotalBudget, PlannedStart = draft.PlannedStart,
            PlannedEnd = draft.PlannedEnd, ExpectedResults = draft.ExpectedResults,
            CoFinancing = [new PlanLineInput(await PartnerIdAsync("FRANCE"), 1_000, "GBP", CoFinancingStatus.Expected)],
        };
        await SendAsync(update);
        error = Assert.ThrowsAsync<DomainException>(async () => await SendAsync(new SubmitApplicationCommand(application, await VersionAsync(application))));
        Assert.That(error!.Message, Does.Contain("CoFinancing no-rate").And.Contain("GBP"));
        Assert.That((await SendAsync(new GetApplicationDetailQuery(application))).CompletenessProblems, Does.Contain("CoFinancing.no-rate"));
        Assert.That((await SendAsync(new GetApplicationDetailQuery(application))).Status, Is.EqualTo(ApplicationStatus.Draft));

        // 50 000 000 XOF (about 76 225 EUR) and 20 000 EUR stay within the budget.
        await SendAsync(update with
        {
            Version = await VersionAsync(application),
            CoFinancing =
            [
                new PlanLineInput(await PartnerIdAsync("FRANCE"), 50_000_000, "XOF", CoFinancingStatus.Expected),
                new PlanLineInput(await PartnerIdAsync("UE"), 20_000, "EUR", CoFinancingStatus.Confirmed),
            ],
        });
        await SendAsync(new SubmitApplicationCommand(application, await VersionAsync(application)));
        Assert.That((await SendAsync(new GetApplicationDetailQuery(application))).Status, Is.EqualTo(ApplicationStatus.Submitted));
    }

    [Test]
    public async Task An_XOF_application_s_euro_co_financing_is_converted_into_francs()
    {
        await ImportSampleAsync();
        var application = await SendAsync(new CreateApplicationCommand
        {
            ApplicantMemberId = await MemberIdAsync("OUAGADOUGOU"), Kind = ApplicationKind.NewProject, Currency = "XOF", Title = "Forages", Summary = "Dix forages.",
            Theme = "water-sanitation", Instrument = "COOP_FUND", Requested = 10_000_000, TotalBudget = 20_000_000,
            PlannedStart = new DateOnly(2027, 1, 1), PlannedEnd = new DateOnly(2028, 12, 31),
            ExpectedResults = [new ExpectedResultInput("PEOPLE_WATER_ACCESS", 5000)],
            // 40 000 EUR is 26 238 280 XOF: more than the 20 000 000 XOF budget, although 40 000 < 20 000 000.
            CoFinancing = [new PlanLineInput(await PartnerIdAsync("UE"), 40_000, "EUR", CoFinancingStatus.Expected)],
        });
        Assert.That((await SendAsync(new GetApplicationDetailQuery(application))).CompletenessProblems, Does.Contain("CoFinancing.exceeds-budget"));
        Assert.That(Assert.ThrowsAsync<DomainException>(async () => await SendAsync(new SubmitApplicationCommand(application, await VersionAsync(application))))!.Code,
            Is.EqualTo("Application.incomplete"));
    }

    /// <summary>An application in CFA francs, screened and recommended, on the agenda of a session whose Cooperation Fund
    /// envelope is in euros.</summary>
    private async Task<(Guid Session, Guid Application)> ScheduledInFrancsAsync(decimal envelopeEur)
    {
        await ImportSampleAsync();
        var application = await SendAsync(new CreateApplicationCommand
        {
            ApplicantMemberId = await MemberIdAsync("OUAGADOUGOU"), Kind = ApplicationKind.NewProject, Currency = "XOF", Title = "Forages", Summary = "Dix forages.",
            Theme = "water-sanitation", Instrument = "COOP_FUND", Requested = 6_000_000, TotalBudget = 10_000_000,
            PlannedStart = new DateOnly(2027, 1, 1), PlannedEnd = new DateOnly(2028, 12, 31),
            ExpectedResults = [new ExpectedResultInput("PEOPLE_WATER_ACCESS", 5000)],
        });
        await SendAsync(new SubmitApplicationCommand(application, await VersionAsync(application)));
        var criteria = await QueryAsync(db => db.EligibilityCriteria.Select(c => c.Id).ToListAsync());
        await SendAsync(new ScreenApplicationCommand(application, await VersionAsync(application),
            criteria.Select(c => new ScreeningAnswerInput(c, ScreeningAnswerValue.Yes, null)).ToList(), null));
        await SendAsync(new RecommendApplicationCommand(application, await VersionAsync(application), true, 5_000_000, null));
        var session = await SendAsync(new CreateSessionCommand(new DateOnly(2026, 12, 10), "Paris", [new EnvelopeInput("COOP_FUND", envelopeEur, "EUR")]));
        await SendAsync(new ScheduleApplicationsCommand(session, [application]));
        return (session, application);
    }

    [Test]
    public async Task An_award_in_francs_is_converted_into_the_euro_envelope_before_it_is_compared_and_summed()
    {
        var (session, application) = await ScheduledInFrancsAsync(envelopeEur: 20_000);

        // 5 000 000 XOF is about 7 622 EUR: within the 20 000 EUR envelope, no override needed.
        await SendAsync(new RecordDecisionCommand(session, application, DecisionOutcome.Approved, 5_000_000, null, null, null));

        var detail = await SendAsync(new GetSessionDetailQuery(session));
        var envelope = detail.Envelopes.Single();
        Assert.Multiple(() =>
        {
            Assert.That((envelope.Currency, envelope.AwardedMinor), Is.EqualTo(("EUR", 762_245L)), "awarded in the envelope's currency");
            Assert.That(envelope.RemainingMinor, Is.EqualTo(2_000_000 - 762_245));
            Assert.That(detail.Summary.AwardedByInstrument.Single(), Is.EqualTo(new AmountRow("COOP_FUND", "EUR", 762_245)));
            Assert.That(detail.Summary.AwardedByCountry.Single(), Is.EqualTo(new AmountRow("BF", "EUR", 762_245)));
            Assert.That(detail.MissingRates, Is.Empty);
            // Shown one by one, the award keeps its own currency.
            var item = detail.Agenda.Single(a => a.ApplicationId == application);
            Assert.That((item.Currency, item.AwardedMinor), Is.EqualTo(("XOF", 5_000_000L)));
        });
    }

    [Test]
    public async Task An_award_in_francs_beyond_the_remaining_euro_envelope_still_needs_an_override()
    {
        // 5 000 000 XOF (about 7 622 EUR) is more than a 5 000 EUR envelope.
        var (session, application) = await ScheduledInFrancsAsync(envelopeEur: 5_000);
        Assert.That(Assert.ThrowsAsync<DomainException>(() => SendAsync(new RecordDecisionCommand(session, application, DecisionOutcome.Approved, 5_000_000, null, null, null)))!.Code,
            Is.EqualTo("Envelope.exceeded"));
        await SendAsync(new RecordDecisionCommand(session, application, DecisionOutcome.Approved, 5_000_000, null, null, "Urgence"));
        Assert.That((await SendAsync(new GetSessionDetailQuery(session))).Envelopes.Single().RemainingMinor, Is.EqualTo(500_000 - 762_245));
    }

    [Test]
    public async Task Attendance_is_taken_at_creation_and_an_update_replaces_it_until_the_session_closes()
    {
        var session = await SendAsync(new CreateSessionCommand(new DateOnly(2026, 12, 10), "Paris", [], ["Aminata Diallo", "Jean Dupont", "Jean Dupont", " Marie Kabila "]));
        var detail = await SendAsync(new GetSessionDetailQuery(session));
        Assert.That(detail.Attendance, Is.EqualTo(new[] { "Aminata Diallo", "Jean Dupont", "Marie Kabila" }));

        // A name left out is removed; a new one is added.
        await SendAsync(new UpdateSessionCommand(session, detail.Version, detail.Date, detail.Place, null, ["Marie Kabila", "Aminata Diallo", "Paul Nkurunziza"]));
        detail = await SendAsync(new GetSessionDetailQuery(session));
        Assert.That(detail.Attendance, Is.EqualTo(new[] { "Aminata Diallo", "Marie Kabila", "Paul Nkurunziza" }));
        Assert.That(await QueryAsync(db => db.Set<SessionAttendance>().CountAsync(a => a.SessionId == session)), Is.EqualTo(3), "the removed name is deleted, not orphaned");

        // Without an attendance list, an update keeps it.
        await SendAsync(new UpdateSessionCommand(session, detail.Version, detail.Date, "Bruxelles", null, null));
        detail = await SendAsync(new GetSessionDetailQuery(session));
        Assert.That(detail.Attendance, Has.Count.EqualTo(3));

        Assert.That(Assert.ThrowsAsync<ValidationException>(() => SendAsync(new CreateSessionCommand(new DateOnly(2026, 12, 11), "Paris", [], [new string('x', 201)])))!.Errors.Keys,
            Has.Some.StartsWith("Attendance"));

        await SendAsync(new CloseSessionCommand(session, detail.Version));
        detail = await SendAsync(new GetSessionDetailQuery(session));
        Assert.That(Assert.ThrowsAsync<DomainException>(() => SendAsync(new UpdateSessionCommand(session, detail.Version, detail.Date, detail.Place, null, ["Aminata Diallo"])))!.Code,
            Is.EqualTo("Session.closed"));
        Assert.That((await SendAsync(new GetSessionDetailQuery(session))).Attendance, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Scheduling_the_ready_applications_after_a_deferral_skips_the_one_deferred_in_this_session()
    {
        var (session, deferred) = await ScheduledAsync();
        await SendAsync(new RecordDecisionCommand(session, deferred, DecisionOutcome.Deferred, null, null, "Compléter le budget", null));
        var ready = await SendAsync(new CreateApplicationCommand
        {
            ApplicantMemberId = await MemberIdAsync("DAKAR"), Kind = ApplicationKind.NewProject, Title = "Bibliothèque de quartier",
            Summary = "Une bibliothèque.", Theme = "education", Instrument = "COOP_FUND", Requested = 30_000, TotalBudget = 40_000,
            PlannedStart = new DateOnly(2027, 1, 1), PlannedEnd = new DateOnly(2027, 12, 31), ExpectedResults = [new ExpectedResultInput("PEOPLE_TRAINED", 50)],
        });
        await SendAsync(new SubmitApplicationCommand(ready, await VersionAsync(ready)));
        var criteria = await QueryAsync(db => db.EligibilityCriteria.Select(c => c.Id).ToListAsync());
        await SendAsync(new ScreenApplicationCommand(ready, await VersionAsync(ready),
            criteria.Select(c => new ScreeningAnswerInput(c, ScreeningAnswerValue.Yes, null)).ToList(), null));

        await SendAsync(new ScheduleApplicationsCommand(session, null));

        var detail = await SendAsync(new GetSessionDetailQuery(session));
        Assert.That(detail.Agenda.Count(a => a.ApplicationId == deferred), Is.EqualTo(1));
        Assert.That(detail.Agenda.Single(a => a.ApplicationId == deferred).Outcome, Is.EqualTo(DecisionOutcome.Deferred));
        Assert.That(detail.Agenda.Select(a => a.ApplicationId), Does.Contain(ready), "the other ready applications are scheduled");
        Assert.That((await SendAsync(new GetApplicationDetailQuery(deferred))).Status, Is.EqualTo(ApplicationStatus.Deferred), "it waits for the next session");
    }

    [Test]
    public async Task Closing_a_session_defers_the_undecided_applications_which_come_back_on_the_next_agenda()
    {
        var (session, application) = await ScheduledAsync();
        await SendAsync(new CloseSessionCommand(session, (await SendAsync(new GetSessionDetailQuery(session))).Version));

        var detail = await SendAsync(new GetSessionDetailQuery(session));
        Assert.That(detail.Status, Is.EqualTo(SessionStatus.Closed));
        Assert.That(detail.Agenda.Single(a => a.ApplicationId == application).Outcome, Is.EqualTo(DecisionOutcome.Deferred));
        Assert.That(detail.Summary.ByOutcome[DecisionOutcome.Deferred], Is.EqualTo(1));
        var dossier = await SendAsync(new GetApplicationDetailQuery(application));
        Assert.That(dossier.Status, Is.EqualTo(ApplicationStatus.Deferred));
        Assert.That(dossier.Decision!.Reason, Is.EqualTo("Non examinée en séance / Not examined in session"));

        var next = await SendAsync(new CreateSessionCommand(new DateOnly(2027, 5, 20), "Dakar", [new EnvelopeInput("COOP_FUND", 100_000, "EUR")]));
        await SendAsync(new ScheduleApplicationsCommand(next, null));
        Assert.That((await SendAsync(new GetSessionDetailQuery(next))).Agenda.Select(a => a.ApplicationId), Does.Contain(application));
    }
}
