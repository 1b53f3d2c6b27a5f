using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Measurements;
using ProjectPortfolio.Application.Portfolio;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Indicators;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Application.FunctionalTests;

/// <summary>The measurement workflow through its use cases (record, edit, submit, approve, return, correct), its
/// illegal steps, and what the portfolio's figures make of it on small hand-computed portfolios. PortfolioTests
/// builds its values through the domain; here every value goes through the workflow, edits and corrections included.</summary>
public class MeasurementTests : FunctionalTest
{
    private const string Officer = "officer@portfolio.local";
    private const string Officer2 = "officer2@portfolio.local";
    private const string Facilities = "HEALTH_FACILITIES";
    private const string PeopleWithAccess = "PEOPLE_HEALTH_ACCESS";
    private const string PeopleTrained = "PEOPLE_TRAINED";

    private async Task<Dictionary<string, Project>> ProjectsAsync(Action<Seed, Dictionary<string, Project>> build) =>
        await QueryAsync(async db =>
        {
            var seed = await Seed.CreateAsync(db);
            var projects = new Dictionary<string, Project>();
            build(seed, projects);
            await db.SaveChangesAsync();
            return projects;
        });

    /// <summary>One project, AIMF-2020-001, with targets on facilities (incremental) and access (cumulative, by sex).</summary>
    private async Task<Guid> ProjectAsync()
    {
        var projects = await ProjectsAsync((s, p) =>
        {
            p["k"] = s.Project("AIMF-2020-001", "RW", 2020, 2025);
            s.Target(p["k"], Facilities, 10);
            s.Target(p["k"], PeopleWithAccess, 20_000);
        });
        return projects["k"].Id;
    }

    private Task<Guid> RecordAsync(Guid project, string indicator, int year, double value, IReadOnlyList<MeasurementPartInput>? parts = null,
        string? evidence = null, string? link = null) =>
        SendAsync(new RecordMeasurementCommand
        {
            ProjectId = project, Indicator = indicator, PeriodStart = new DateOnly(year, 1, 1), PeriodEnd = new DateOnly(year, 12, 31),
            Value = value, Parts = parts, Evidence = evidence, EvidenceLink = link,
        });

    private async Task<MeasurementRow> GetAsync(Guid id) => (await SendAsync(new GetMeasurementQuery(id))).Measurement;

    private async Task<int> VersionAsync(Guid id) => (await GetAsync(id)).Version;

    private async Task SubmitAsync(Guid id) => await SendAsync(new SubmitMeasurementCommand(id, await VersionAsync(id)));

    private async Task AsAsync(string email, Func<Task> action)
    {
        User.SignInAs(email, Roles.ProgrammeOfficer);
        try { await action(); }
        finally { User.SignInAs(Officer, Roles.ProgrammeOfficer); }
    }

    private Task ApproveAsync(Guid id) => AsAsync(Officer2, async () => await SendAsync(new ApproveMeasurementCommand(id, await VersionAsync(id))));

    private async Task<Guid> ApprovedAsync(Guid project, string indicator, int year, double value)
    {
        var id = await RecordAsync(project, indicator, year, value);
        await SubmitAsync(id);
        await ApproveAsync(id);
        return id;
    }

    private async Task<Guid> CorrectAsync(Guid id, double value) =>
        await SendAsync(new CorrectMeasurementCommand { Id = id, Version = await VersionAsync(id), Value = value, Evidence = "Recomptage." });

    private async Task<double> TotalAsync(string indicator) =>
        (await SendAsync(new GetPortfolioSummaryQuery())).Indicators.SingleOrDefault(i => i.Code == indicator)?.Total ?? 0;

    private static void AssertDomain(Exception? ex, string code) =>
        Assert.That(ex, Is.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo(code));

    private static void AssertInvalid(Exception? ex, string field) =>
        Assert.That(ex, Is.TypeOf<ValidationException>().And.Property(nameof(ValidationException.Errors)).ContainKey(field));

    // ---- the workflow ----

    [Test]
    public async Task A_value_goes_from_draft_to_submitted_to_approved_by_another_officer_and_then_counts()
    {
        var project = await ProjectAsync();
        var id = await RecordAsync(project, Facilities, 2021, 3, evidence: "Procès-verbaux de réception", link: "https://example.org/pv-2021.pdf");
        var draft = await GetAsync(id);
        Assert.That((draft.Status, draft.Revision, draft.IsCurrent, draft.Version), Is.EqualTo((MeasurementStatus.Draft, 1, true, 1)));
        Assert.That(await TotalAsync(Facilities), Is.Zero, "a draft does not count");

        await SubmitAsync(id);
        var submitted = await GetAsync(id);
        Assert.That((submitted.Status, submitted.SubmittedBy), Is.EqualTo((MeasurementStatus.Submitted, Officer)));
        Assert.That(await TotalAsync(Facilities), Is.Zero, "a submitted value does not count");

        await ApproveAsync(id);
        var approved = await GetAsync(id);
        Assert.That((approved.Status, approved.ReviewedBy, approved.EvidenceLink), Is.EqualTo((MeasurementStatus.Approved, Officer2, "https://example.org/pv-2021.pdf")));
        Assert.That(await TotalAsync(Facilities), Is.EqualTo(3));
    }

    [Test]
    public async Task Whoever_submitted_cannot_approve_and_the_review_queue_leaves_out_their_own_values()
    {
        var project = await ProjectAsync();
        var id = await RecordAsync(project, Facilities, 2021, 3);
        await SubmitAsync(id);

        Assert.That(await SendAsync(new GetReviewQueueQuery()), Is.Empty, "the submitter's queue does not offer their own value");
        var ex = Assert.CatchAsync(async () => await SendAsync(new ApproveMeasurementCommand(id, await VersionAsync(id))));
        AssertDomain(ex, "Measurement.four-eyes");
        Assert.That((await GetAsync(id)).Status, Is.EqualTo(MeasurementStatus.Submitted), "nothing changed");

        // The same person with another capitalisation of the e-mail is still the same person.
        User.SignInAs("OFFICER@portfolio.local", Roles.ProgrammeOfficer);
        AssertDomain(Assert.CatchAsync(async () => await SendAsync(new ApproveMeasurementCommand(id, await VersionAsync(id)))), "Measurement.four-eyes");
        Assert.That(await SendAsync(new GetReviewQueueQuery()), Is.Empty);

        User.SignInAs(Officer2, Roles.ProgrammeOfficer);
        var queue = await SendAsync(new GetReviewQueueQuery());
        Assert.That(queue.Select(q => (q.Measurement.Id, q.ProjectCode)), Is.EqualTo(new[] { (id, "AIMF-2020-001") }));
    }

    [Test]
    public async Task A_returned_value_needs_a_comment_is_edited_and_submitted_again()
    {
        var project = await ProjectAsync();
        var id = await RecordAsync(project, Facilities, 2021, 3);
        await SubmitAsync(id);

        await AsAsync(Officer2, async () =>
        {
            foreach (var empty in new[] { null, "", "   " })
                AssertInvalid(Assert.CatchAsync(async () => await SendAsync(new ReturnMeasurementCommand(id, await VersionAsync(id), empty))), "Comment");
            AssertInvalid(Assert.CatchAsync(async () => await SendAsync(new ReturnMeasurementCommand(id, await VersionAsync(id), new string('x', 2001)))), "Comment");
            Assert.That((await GetAsync(id)).Status, Is.EqualTo(MeasurementStatus.Submitted));
            await SendAsync(new ReturnMeasurementCommand(id, await VersionAsync(id), "Le PV de 2021 ne mentionne que 2 centres."));
        });
        var returned = await GetAsync(id);
        Assert.That((returned.Status, returned.ReviewComment), Is.EqualTo((MeasurementStatus.Returned, "Le PV de 2021 ne mentionne que 2 centres.")));

        await SendAsync(new UpdateMeasurementCommand { Id = id, Version = returned.Version, Value = 2, Evidence = "PV corrigé" });
        await SubmitAsync(id);
        await ApproveAsync(id);
        var approved = await GetAsync(id);
        Assert.That((approved.Status, approved.Value, approved.Revision, approved.ReviewComment), Is.EqualTo((MeasurementStatus.Approved, 2d, 1, (string?)null)));
        Assert.That(await TotalAsync(Facilities), Is.EqualTo(2));
    }

    [Test]
    public async Task Illegal_steps_are_conflicts_and_change_nothing()
    {
        var project = await ProjectAsync();
        var id = await RecordAsync(project, Facilities, 2021, 3);

        AssertDomain(Assert.CatchAsync(async () => await AsAsync(Officer2, async () => await SendAsync(new ApproveMeasurementCommand(id, await VersionAsync(id))))),
            "Measurement.not-submitted");
        AssertDomain(Assert.CatchAsync(async () => await AsAsync(Officer2, async () => await SendAsync(new ReturnMeasurementCommand(id, await VersionAsync(id), "Non.")))),
            "Measurement.not-submitted");
        AssertDomain(Assert.CatchAsync(async () => await CorrectAsync(id, 4)), "Measurement.not-correctable");

        await SubmitAsync(id);
        AssertDomain(Assert.CatchAsync(async () => await SubmitAsync(id)), "Measurement.not-draft");
        AssertDomain(Assert.CatchAsync(async () => await SendAsync(new UpdateMeasurementCommand { Id = id, Version = await VersionAsync(id), Value = 9 })),
            "Measurement.not-editable");

        await ApproveAsync(id);
        AssertDomain(Assert.CatchAsync(async () => await SendAsync(new UpdateMeasurementCommand { Id = id, Version = await VersionAsync(id), Value = 9 })),
            "Measurement.not-editable");
        AssertDomain(Assert.CatchAsync(async () => await AsAsync(Officer2, async () => await SendAsync(new ApproveMeasurementCommand(id, await VersionAsync(id))))),
            "Measurement.not-submitted");
        Assert.That((await GetAsync(id)).Value, Is.EqualTo(3));
        Assert.That(await TotalAsync(Facilities), Is.EqualTo(3));
    }

    [Test]
    public async Task A_stale_version_is_a_conflict()
    {
        var project = await ProjectAsync();
        var id = await RecordAsync(project, Facilities, 2021, 3);
        await SendAsync(new UpdateMeasurementCommand { Id = id, Version = 1, Value = 4 });
        Assert.ThrowsAsync<ConflictException>(async () => await SendAsync(new UpdateMeasurementCommand { Id = id, Version = 1, Value = 5 }));
        Assert.ThrowsAsync<ConflictException>(async () => await SendAsync(new SubmitMeasurementCommand(id, 1)));
        Assert.That(await GetAsync(id), Has.Property(nameof(MeasurementRow.Value)).EqualTo(4d).And.Property(nameof(MeasurementRow.Version)).EqualTo(2));
    }

    [Test]
    public async Task A_correction_is_a_new_revision_the_history_stays_and_only_the_current_revision_can_be_corrected()
    {
        var project = await ProjectAsync();
        var first = await ApprovedAsync(project, Facilities, 2021, 3);
        var second = await CorrectAsync(first, 2);

        var detail = await SendAsync(new GetMeasurementQuery(second));
        Assert.That((detail.Measurement.Revision, detail.Measurement.Status, detail.Measurement.IsCurrent), Is.EqualTo((2, MeasurementStatus.Draft, true)));
        Assert.That(detail.History.Select(h => (h.Id, h.Revision, h.Status, h.IsCurrent, h.Value)),
            Is.EqualTo(new[] { (first, 1, MeasurementStatus.Approved, false, 3d) }));

        // The replaced revision is history: it cannot be corrected again (it would fork the period's values).
        AssertDomain(Assert.CatchAsync(async () => await CorrectAsync(first, 1)), "Measurement.not-correctable");

        var results = await SendAsync(new GetProjectMeasurementsQuery(project));
        var period = results.Indicators.Single(i => i.Code == Facilities).Periods.Single();
        Assert.That((period.Current.Id, period.History.Single().Id), Is.EqualTo((second, first)));
    }

    [Test]
    public async Task Overlapping_periods_are_refused_among_current_values_of_the_same_indicator()
    {
        var project = await ProjectAsync();
        await RecordAsync(project, Facilities, 2021, 3);

        AssertDomain(Assert.CatchAsync(async () => await RecordAsync(project, Facilities, 2021, 1)), "PeriodStart.duplicate");
        AssertDomain(Assert.CatchAsync(async () => await SendAsync(new RecordMeasurementCommand
        {
            ProjectId = project, Indicator = Facilities, PeriodStart = new DateOnly(2021, 7, 1), PeriodEnd = new DateOnly(2022, 6, 30), Value = 1,
        })), "PeriodStart.duplicate");

        // The next period and another indicator over the same period are fine.
        await RecordAsync(project, Facilities, 2022, 1);
        await RecordAsync(project, PeopleWithAccess, 2021, 5000);
        Assert.That(await QueryAsync(db => db.IndicatorMeasurements.CountAsync()), Is.EqualTo(3));
    }

    [Test]
    public async Task A_value_needs_a_target_on_the_project_and_a_valid_period()
    {
        var project = await ProjectAsync();
        AssertInvalid(Assert.CatchAsync(async () => await RecordAsync(project, PeopleTrained, 2021, 10)), "Indicator");
        AssertInvalid(Assert.CatchAsync(async () => await RecordAsync(project, "NO_SUCH_INDICATOR", 2021, 10)), "Indicator");
        AssertInvalid(Assert.CatchAsync(async () => await RecordAsync(project, "", 2021, 10)), "Indicator");
        AssertInvalid(Assert.CatchAsync(async () => await SendAsync(new RecordMeasurementCommand
        {
            ProjectId = project, Indicator = Facilities, PeriodStart = new DateOnly(2021, 12, 31), PeriodEnd = new DateOnly(2021, 1, 1), Value = 1,
        })), "PeriodEnd");
        AssertInvalid(Assert.CatchAsync(async () => await SendAsync(new RecordMeasurementCommand { ProjectId = project, Indicator = Facilities, Value = 1 })), "PeriodStart");
        AssertInvalid(Assert.CatchAsync(async () => await RecordAsync(project, Facilities, 2090, 1)), "PeriodStart");
        AssertInvalid(Assert.CatchAsync(async () => await RecordAsync(project, Facilities, 1900, 1)), "PeriodStart");
        Assert.ThrowsAsync<NotFoundException>(async () => await RecordAsync(Guid.NewGuid(), Facilities, 2021, 1));
        Assert.That(await QueryAsync(db => db.IndicatorMeasurements.CountAsync()), Is.Zero);
    }

    [TestCase(-1d)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(1e15)]
    public async Task A_value_is_a_reasonable_non_negative_number(double value)
    {
        var project = await ProjectAsync();
        AssertInvalid(Assert.CatchAsync(async () => await RecordAsync(project, Facilities, 2021, value)), "Value");
    }

    [Test]
    public async Task Disaggregated_parts_may_not_exceed_the_total_nor_use_a_dimension_the_indicator_lacks()
    {
        var project = await ProjectAsync();
        AssertInvalid(Assert.CatchAsync(async () => await RecordAsync(project, PeopleWithAccess, 2021, 1000,
            [new MeasurementPartInput(Sex.Female, null, 700), new MeasurementPartInput(Sex.Male, null, 400)])), "Parts");
        AssertInvalid(Assert.CatchAsync(async () => await RecordAsync(project, PeopleWithAccess, 2021, 1000,
            [new MeasurementPartInput(Sex.Female, null, -1)])), "Parts[0].Value");
        // The indicator is disaggregated by sex only: the entity refuses an age group, whatever the way in.
        AssertDomain(Assert.CatchAsync(async () => await RecordAsync(project, PeopleWithAccess, 2021, 1000,
            [new MeasurementPartInput(null, AgeGroup.Under15, 100)])), "Parts.age-not-allowed");
        AssertDomain(Assert.CatchAsync(async () => await RecordAsync(project, Facilities, 2021, 3,
            [new MeasurementPartInput(Sex.Female, null, 1)])), "Parts.sex-not-allowed");

        var id = await RecordAsync(project, PeopleWithAccess, 2021, 1000, [new MeasurementPartInput(Sex.Female, null, 600), new MeasurementPartInput(Sex.Male, null, 300)]);
        Assert.That((await GetAsync(id)).Parts.Select(p => (p.Sex, p.Value)), Is.EqualTo(new (Sex?, double)[] { (Sex.Female, 600), (Sex.Male, 300) }));
        // An edit is checked the same way, and a refused edit keeps the saved parts.
        AssertInvalid(Assert.CatchAsync(async () => await SendAsync(new UpdateMeasurementCommand
        {
            Id = id, Version = await VersionAsync(id), Value = 500, Parts = [new MeasurementPartInput(Sex.Female, null, 600)],
        })), "Parts");
        Assert.That((await GetAsync(id)).Value, Is.EqualTo(1000));
    }

    [TestCase("javascript:alert(1)")]
    [TestCase("JAVASCRIPT:alert(document.cookie)")]
    [TestCase("data:text/html,<script>alert(1)</script>")]
    [TestCase("ftp://example.org/pv.pdf")]
    [TestCase("/Projects/../admin")]
    [TestCase("../../etc/passwd")]
    [TestCase("https://")]
    public async Task An_evidence_link_is_an_http_or_https_address(string link)
    {
        var project = await ProjectAsync();
        AssertInvalid(Assert.CatchAsync(async () => await RecordAsync(project, Facilities, 2021, 3, link: link)), "EvidenceLink");
        Assert.That(await QueryAsync(db => db.IndicatorMeasurements.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task Hostile_text_is_kept_as_text_and_control_characters_are_refused()
    {
        var project = await ProjectAsync();
        const string hostile = "<script>alert('x')</script> =HYPERLINK(\"http://evil\") ../../etc/passwd";
        var id = await RecordAsync(project, Facilities, 2021, 3, evidence: hostile, link: "https://example.org/?q=<b>&x=1");
        Assert.That((await GetAsync(id)).Evidence, Is.EqualTo(hostile), "stored verbatim; pages encode it when they show it");
        AssertInvalid(Assert.CatchAsync(async () => await RecordAsync(project, Facilities, 2022, 3, evidence: "nul\0byte")), "Evidence");
        AssertInvalid(Assert.CatchAsync(async () => await RecordAsync(project, Facilities, 2022, 3, evidence: new string('a', 2001))), "Evidence");
        await SubmitAsync(id);
        await AsAsync(Officer2, async () =>
            AssertInvalid(Assert.CatchAsync(async () => await SendAsync(new ReturnMeasurementCommand(id, await VersionAsync(id), "bell\a"))), "Comment"));
    }

    [Test]
    public async Task Roles_and_scope_officers_write_bureau_and_co_funding_donors_read_applicants_nothing()
    {
        var projects = await ProjectsAsync((s, p) =>
        {
            p["funded"] = s.Project("AIMF-2020-001", "RW", 2020, 2025);
            s.Target(p["funded"], Facilities, 10);
            p["funded"].AddCoFinancing(s.Partner("UE").Id, Money.FromMajor(10_000, "EUR"), CoFinancingStatus.Confirmed, null);
            p["other"] = s.Project("AIMF-2020-002", "RW", 2020, 2025);
            s.Target(p["other"], Facilities, 10);
        });
        var funded = await RecordAsync(projects["funded"].Id, Facilities, 2021, 3);
        var other = await RecordAsync(projects["other"].Id, Facilities, 2021, 4);
        var ue = await QueryAsync(db => db.Partners.Where(x => x.Code == "UE").Select(x => x.Id).SingleAsync());

        User.SignInAs("bureau@portfolio.local", Roles.BureauMember);
        Assert.That((await GetAsync(other)).Value, Is.EqualTo(4));
        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await SendAsync(new SubmitMeasurementCommand(other, 1)));
        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await RecordAsync(projects["other"].Id, Facilities, 2022, 1));
        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await SendAsync(new GetReviewQueueQuery()));

        User.SignInAs("donor@portfolio.local", Roles.Donor, partnerId: ue);
        Assert.That((await GetAsync(funded)).Value, Is.EqualTo(3));
        Assert.That((await SendAsync(new GetProjectMeasurementsQuery(projects["funded"].Id))).Indicators, Has.Count.EqualTo(1));
        Assert.ThrowsAsync<NotFoundException>(async () => await GetAsync(other));
        Assert.ThrowsAsync<NotFoundException>(async () => await SendAsync(new GetProjectMeasurementsQuery(projects["other"].Id)));
        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await SendAsync(new UpdateMeasurementCommand { Id = funded, Version = 1, Value = 1 }));

        User.SignInAs("applicant@portfolio.local", Roles.Applicant, memberId: projects["funded"].LeadMemberId);
        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await GetAsync(funded));
        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await SendAsync(new GetProjectMeasurementsQuery(projects["funded"].Id)));

        User.SignOut();
        Assert.ThrowsAsync<UnauthorizedAccessException>(async () => await GetAsync(funded));
    }

    // ---- aggregation semantics, end to end through the workflow ----

    [Test]
    public async Task Incremental_values_add_up_over_periods_with_an_edited_past_period_and_a_correction()
    {
        var project = await ProjectAsync();
        var y2020 = await ApprovedAsync(project, Facilities, 2020, 2);
        await ApprovedAsync(project, Facilities, 2021, 3);
        // 2022 was returned, edited from 5 to 4 (a past period edited before approval), then approved.
        var y2022 = await RecordAsync(project, Facilities, 2022, 5);
        await SubmitAsync(y2022);
        await AsAsync(Officer2, async () => await SendAsync(new ReturnMeasurementCommand(y2022, await VersionAsync(y2022), "Un centre n'est pas encore équipé.")));
        Assert.That(await TotalAsync(Facilities), Is.EqualTo(2 + 3), "the returned value does not count");
        await SendAsync(new UpdateMeasurementCommand { Id = y2022, Version = await VersionAsync(y2022), Value = 4 });
        await SubmitAsync(y2022);
        await ApproveAsync(y2022);
        Assert.That(await TotalAsync(Facilities), Is.EqualTo(2 + 3 + 4));

        // 2020 is corrected after approval from 2 to 1: the old 2 stops counting at once; the 1 counts once approved.
        var corrected = await CorrectAsync(y2020, 1);
        Assert.That(await TotalAsync(Facilities), Is.EqualTo(3 + 4), "the replaced value no longer counts, the draft correction not yet");
        await SubmitAsync(corrected);
        Assert.That(await TotalAsync(Facilities), Is.EqualTo(3 + 4));
        await ApproveAsync(corrected);
        Assert.That(await TotalAsync(Facilities), Is.EqualTo(1 + 3 + 4));

        var results = await SendAsync(new GetProjectMeasurementsQuery(project));
        var facilities = results.Indicators.Single(i => i.Code == Facilities);
        Assert.That((facilities.Achieved, facilities.Target), Is.EqualTo(((double?)8, (double?)10)), "the project page says the same");
        Assert.That(facilities.Periods.Select(p => (p.PeriodStart.Year, p.Current.Value, p.History.Count)),
            Is.EqualTo(new[] { (2022, 4d, 0), (2021, 3d, 0), (2020, 1d, 1) }));
    }

    [Test]
    public async Task A_cumulative_indicator_takes_the_latest_approved_value_per_project_even_while_a_correction_is_pending()
    {
        var projects = await ProjectsAsync((s, p) =>
        {
            p["kigali"] = s.Project("AIMF-2020-001", "RW", 2020, 2025);
            s.Target(p["kigali"], PeopleWithAccess, 20_000);
            p["rubavu"] = s.Project("AIMF-2020-002", "RW", 2020, 2025);
            s.Target(p["rubavu"], PeopleWithAccess, 10_000);
        });
        var kigali = projects["kigali"].Id;
        var rubavu = projects["rubavu"].Id;
        await ApprovedAsync(kigali, PeopleWithAccess, 2020, 1_000);
        await ApprovedAsync(kigali, PeopleWithAccess, 2021, 2_500);
        var k2022 = await RecordAsync(kigali, PeopleWithAccess, 2022, 4_000);
        await SubmitAsync(k2022);
        await ApprovedAsync(rubavu, PeopleWithAccess, 2021, 700);
        Assert.That(await TotalAsync(PeopleWithAccess), Is.EqualTo(2_500 + 700), "Kigali's submitted 2022 value does not count yet");

        await ApproveAsync(k2022);
        Assert.That(await TotalAsync(PeopleWithAccess), Is.EqualTo(4_000 + 700), "the latest approved value, not the sum of the periods");

        // Kigali's 2022 running total is corrected to 3,800: until the correction is approved the latest approved
        // value of Kigali is 2021's 2,500.
        var fix = await CorrectAsync(k2022, 3_800);
        Assert.That(await TotalAsync(PeopleWithAccess), Is.EqualTo(2_500 + 700));
        await SubmitAsync(fix);
        await ApproveAsync(fix);
        Assert.That(await TotalAsync(PeopleWithAccess), Is.EqualTo(3_800 + 700));
        var results = await SendAsync(new GetProjectMeasurementsQuery(kigali));
        Assert.That(results.Indicators.Single().Achieved, Is.EqualTo(3_800));
    }

    [Test]
    public async Task A_continuation_phase_carries_its_predecessor_s_cumulative_figure_once_and_adds_incremental_values()
    {
        var projects = await ProjectsAsync((s, p) =>
        {
            p["phase1"] = s.Project("AIMF-2019-002", "RW", 2019, 2022);
            s.Target(p["phase1"], PeopleWithAccess, 6_000);
            s.Target(p["phase1"], Facilities, 4);
            p["phase2"] = s.Project("AIMF-2023-001", "RW", 2023, 2025, continues: p["phase1"]);
            s.Target(p["phase2"], PeopleWithAccess, 10_000);
            s.Target(p["phase2"], Facilities, 3);
        });
        var phase1 = projects["phase1"].Id;
        var phase2 = projects["phase2"].Id;
        await ApprovedAsync(phase1, PeopleWithAccess, 2021, 4_000);
        await ApprovedAsync(phase1, PeopleWithAccess, 2022, 5_000);
        await ApprovedAsync(phase1, Facilities, 2021, 3);
        Assert.That(await TotalAsync(PeopleWithAccess), Is.EqualTo(5_000));

        // Phase 2's running totals include phase 1's 5,000 people.
        await ApprovedAsync(phase2, PeopleWithAccess, 2023, 6_500);
        var p2024 = await ApprovedAsync(phase2, PeopleWithAccess, 2024, 8_000);
        await ApprovedAsync(phase2, Facilities, 2024, 2);
        Assert.That(await TotalAsync(PeopleWithAccess), Is.EqualTo(8_000), "not 5,000 + 8,000");
        Assert.That(await TotalAsync(Facilities), Is.EqualTo(3 + 2), "incremental values of both phases add up");

        // Phase 2's latest value corrected: while pending the lineage falls back to phase 2's 2023 figure, never to a sum.
        var fix = await CorrectAsync(p2024, 7_800);
        Assert.That(await TotalAsync(PeopleWithAccess), Is.EqualTo(6_500));
        await SubmitAsync(fix);
        await ApproveAsync(fix);
        Assert.That(await TotalAsync(PeopleWithAccess), Is.EqualTo(7_800));

        var drill = await SendAsync(new GetIndicatorContributionsQuery(PeopleWithAccess));
        Assert.That(drill.Projects.Select(p => (p.Code, p.Contribution, p.IncludedIn)), Is.EquivalentTo(new (string, double, string?)[]
        {
            ("AIMF-2023-001", 7_800, null), ("AIMF-2019-002", 0, "AIMF-2023-001"),
        }));
        Assert.That(drill.Total, Is.EqualTo(7_800));
    }
}
