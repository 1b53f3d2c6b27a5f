using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Members;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Application.Projects.Execution;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Indicators;
using ProjectPortfolio.Domain.Members;
using ProjectPortfolio.Domain.Partners;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Application.FunctionalTests;

/// <summary>The execution use cases through the real pipeline: every transition, the illegal ones, stale versions
/// and roles, each refusal leaving the database as it was.</summary>
public class ExecutionTests : FunctionalTest
{
    private async Task<ProjectDetail> NewProjectAsync(decimal grant = 100_000m)
    {
        var member = await SendAsync(new CreateMemberCommand("KIGALI", "Ville de Kigali", MemberKind.City, "RW", null));
        var id = await SendAsync(new CreateProjectCommand
        {
            Title = "Santé maternelle à Kigali", LeadMemberId = member, Country = "RW", Theme = "health", Instrument = "COOP_FUND",
            PlannedStart = new DateOnly(2025, 1, 1), PlannedEnd = new DateOnly(2026, 12, 31), GrantAmount = grant, Currency = "EUR",
        });
        return await DetailAsync(id);
    }

    private Task<ProjectDetail> DetailAsync(Guid id) => SendAsync(new GetProjectDetailQuery(id));

    [Test]
    public async Task A_milestone_done_releases_its_tranche_which_is_paid_and_the_balance_drops()
    {
        var p = await NewProjectAsync();
        var milestoneId = await SendAsync(new AddMilestoneCommand(p.Id, p.Version, "Étude de faisabilité", "Feasibility study", new DateOnly(2025, 3, 1)));
        p = await DetailAsync(p.Id);
        var trancheId = await SendAsync(new AddTrancheCommand(p.Id, p.Version, new DateOnly(2025, 4, 1), 40_000m,
            [new TrancheConditionInput(TrancheConditionKind.MilestoneDone, milestoneId, null)]));
        p = await DetailAsync(p.Id);
        var tranche = p.Tranches.Single(t => t.Id == trancheId);
        Assert.That(tranche.IsPayable, Is.False);
        Assert.That(tranche.Conditions.Single().IsMet, Is.False);
        Assert.That(tranche.Conditions.Single().MilestoneTitle, Is.EqualTo("Étude de faisabilité"));

        var unmet = Assert.ThrowsAsync<DomainException>(() => SendAsync(new PayTrancheCommand(p.Id, trancheId, p.Version, new DateOnly(2025, 4, 2), null)))!;
        Assert.That(unmet.Code, Is.EqualTo("Tranche.conditions-unmet"));
        Assert.That(unmet.Message, Does.Contain("Étude de faisabilité"));

        await SendAsync(new CompleteMilestoneCommand(p.Id, milestoneId, p.Version, new DateOnly(2025, 3, 10)));
        p = await DetailAsync(p.Id);
        Assert.That(p.Milestones.Single().Status, Is.EqualTo(MilestoneStatus.Done));
        Assert.That(p.Tranches.Single().Conditions.Single().IsMet, Is.True);
        Assert.That(p.Tranches.Single().Conditions.Single().MilestoneDoneOn, Is.EqualTo(new DateOnly(2025, 3, 10)));
        Assert.That(p.Tranches.Single().IsPayable, Is.True);

        await SendAsync(new PayTrancheCommand(p.Id, trancheId, p.Version, new DateOnly(2025, 4, 2), null));
        p = await DetailAsync(p.Id);
        Assert.That(p.Tranches.Single().PaidMinor, Is.EqualTo(4_000_000));
        Assert.That(p.RemainingMinor, Is.EqualTo(6_000_000));
        Assert.That(p.Tranches.Single().IsPayable, Is.False);
        Assert.That(() => SendAsync(new PayTrancheCommand(p.Id, trancheId, p.Version, new DateOnly(2025, 4, 3), 1m)),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Tranche.already-paid"));
    }

    [Test]
    public async Task Officer_conditions_are_marked_met_with_who_and_when()
    {
        var p = await NewProjectAsync();
        var trancheId = await SendAsync(new AddTrancheCommand(p.Id, p.Version, new DateOnly(2025, 4, 1), 10_000m,
        [
            new TrancheConditionInput(TrancheConditionKind.DecisionConditionMet, null, "Convention signée"),
            new TrancheConditionInput(TrancheConditionKind.ReportApproved, null, "<script>alert(1)</script>"),
        ]));
        p = await DetailAsync(p.Id);
        var conditions = p.Tranches.Single().Conditions;
        Assert.That(conditions.Select(c => c.Text), Is.EqualTo(new[] { "Convention signée", "<script>alert(1)</script>" }), "text is kept as typed; pages encode it");

        await SendAsync(new MarkConditionMetCommand(p.Id, trancheId, conditions[0].Id, p.Version, "Signée le 2 mars"));
        p = await DetailAsync(p.Id);
        var met = p.Tranches.Single().Conditions[0];
        Assert.That(met.IsMet, Is.True);
        Assert.That(met.MetBy, Is.EqualTo("officer@portfolio.local"));
        Assert.That(met.MetAtUtc, Is.Not.Null);
        Assert.That(met.MetNote, Is.EqualTo("Signée le 2 mars"));
        Assert.That(p.Tranches.Single().IsPayable, Is.False);

        Assert.That(() => SendAsync(new MarkConditionMetCommand(p.Id, trancheId, conditions[0].Id, p.Version, null)),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Condition.already-met"));
        Assert.That(() => SendAsync(new MarkConditionMetCommand(p.Id, trancheId, Guid.NewGuid(), p.Version, null)), Throws.TypeOf<NotFoundException>());

        await SendAsync(new MarkConditionMetCommand(p.Id, trancheId, conditions[1].Id, p.Version, null));
        p = await DetailAsync(p.Id);
        Assert.That(p.Tranches.Single().IsPayable, Is.True);
    }

    [Test]
    public async Task A_stale_version_is_refused_and_nothing_changes()
    {
        var p = await NewProjectAsync();
        await SendAsync(new AddMilestoneCommand(p.Id, p.Version, "Premier", null, new DateOnly(2025, 3, 1)));
        Assert.That(() => SendAsync(new AddMilestoneCommand(p.Id, p.Version, "Second", null, new DateOnly(2025, 3, 1))), Throws.TypeOf<ConflictException>());
        Assert.That(() => SendAsync(new AddTrancheCommand(p.Id, p.Version, new DateOnly(2025, 4, 1), 1m, [])), Throws.TypeOf<ConflictException>());
        Assert.That(() => SendAsync(new SetTargetCommand(p.Id, "PEOPLE_TRAINED", p.Version, 0, 10, new DateOnly(2026, 1, 1))), Throws.TypeOf<ConflictException>());
        var after = await DetailAsync(p.Id);
        Assert.That(after.Milestones.Select(m => m.Title), Is.EqualTo(new[] { "Premier" }));
        Assert.That(after.Tranches, Is.Empty);
        Assert.That(after.Targets, Is.Empty);
        Assert.That(after.Version, Is.EqualTo(p.Version + 1));
    }

    [Test]
    public async Task Marking_a_condition_bumps_the_project_version()
    {
        var p = await NewProjectAsync();
        var trancheId = await SendAsync(new AddTrancheCommand(p.Id, p.Version, new DateOnly(2025, 4, 1), 10_000m,
            [new TrancheConditionInput(TrancheConditionKind.ReportApproved, null, "Rapport")]));
        p = await DetailAsync(p.Id);
        await SendAsync(new MarkConditionMetCommand(p.Id, trancheId, p.Tranches.Single().Conditions.Single().Id, p.Version, null));
        Assert.That((await DetailAsync(p.Id)).Version, Is.EqualTo(p.Version + 1), "a grandchild's change is the project's change");
    }

    [Test]
    public async Task Milestones_move_planned_to_done_or_cancelled_and_no_further()
    {
        var p = await NewProjectAsync();
        var done = await SendAsync(new AddMilestoneCommand(p.Id, p.Version, "Fait", null, new DateOnly(2025, 3, 1)));
        p = await DetailAsync(p.Id);
        var cancelled = await SendAsync(new AddMilestoneCommand(p.Id, p.Version, "Annulé", null, new DateOnly(2099, 3, 1)));
        p = await DetailAsync(p.Id);
        Assert.That(p.Milestones.Single(m => m.Id == done).IsLate, Is.True, "planned in 2025 and not done");
        Assert.That(p.Milestones.Single(m => m.Id == cancelled).IsLate, Is.False);

        await SendAsync(new CompleteMilestoneCommand(p.Id, done, p.Version, new DateOnly(2025, 3, 5)));
        p = await DetailAsync(p.Id);
        await SendAsync(new CancelMilestoneCommand(p.Id, cancelled, p.Version));
        p = await DetailAsync(p.Id);
        Assert.That(p.Milestones.Select(m => m.Status), Is.EquivalentTo(new[] { MilestoneStatus.Done, MilestoneStatus.Cancelled }));
        Assert.That(p.Milestones.Any(m => m.IsLate), Is.False);

        Assert.That(() => SendAsync(new CompleteMilestoneCommand(p.Id, cancelled, p.Version, new DateOnly(2025, 3, 5))),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Milestone.not-planned"));
        Assert.That(() => SendAsync(new CancelMilestoneCommand(p.Id, done, p.Version)),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Milestone.not-planned"));
        Assert.That(() => SendAsync(new CancelMilestoneCommand(p.Id, Guid.NewGuid(), p.Version)), Throws.TypeOf<NotFoundException>());
        Assert.That(() => SendAsync(new CompleteMilestoneCommand(p.Id, done, p.Version, new DateOnly(2999, 1, 1))),
            Throws.TypeOf<ValidationException>().With.Property(nameof(ValidationException.Errors)).ContainKey("ActualDate"));
    }

    private static IEnumerable<TestCaseData> InvalidTranches()
    {
        yield return new TestCaseData(null, 10m, null, "PlannedDate").SetName("Tranche without date");
        yield return new TestCaseData(new DateOnly(2025, 1, 1), -1m, null, "Amount").SetName("Negative tranche");
        yield return new TestCaseData(new DateOnly(2025, 1, 1), 0.001m, null, "Amount").SetName("Tranche with too many decimals");
        yield return new TestCaseData(new DateOnly(2025, 1, 1), 79228162514264337593543950335m, null, "Amount").SetName("Huge tranche");
        yield return new TestCaseData(new DateOnly(2025, 1, 1), 10m, new TrancheConditionInput(TrancheConditionKind.ReportApproved, null, ""), "Conditions[0].Text").SetName("Report condition without text");
        yield return new TestCaseData(new DateOnly(2025, 1, 1), 10m, new TrancheConditionInput(TrancheConditionKind.ReportApproved, null, new string('x', 5000)), "Conditions[0].Text").SetName("Huge condition text");
        yield return new TestCaseData(new DateOnly(2025, 1, 1), 10m, new TrancheConditionInput(TrancheConditionKind.DecisionConditionMet, null, "a\0b"), "Conditions[0].Text").SetName("Null byte in condition");
        yield return new TestCaseData(new DateOnly(2025, 1, 1), 10m, new TrancheConditionInput(TrancheConditionKind.MilestoneDone, null, null), "Conditions[0].MilestoneId").SetName("Milestone condition without milestone");
        yield return new TestCaseData(new DateOnly(2025, 1, 1), 10m, new TrancheConditionInput(null, null, "x"), "Conditions[0].Kind").SetName("Condition without kind");
        yield return new TestCaseData(new DateOnly(2025, 1, 1), 10m, new TrancheConditionInput(TrancheConditionKind.MilestoneDone, Guid.NewGuid(), null), "MilestoneId").SetName("Milestone of another project");
        yield return new TestCaseData(new DateOnly(2025, 1, 1), 100_000.01m, null, "Tranche").SetName("Tranche above the grant");
    }

    [TestCaseSource(nameof(InvalidTranches))]
    public async Task An_invalid_tranche_is_refused_on_its_field_and_nothing_is_saved(DateOnly? date, decimal amount, TrancheConditionInput? condition, string field)
    {
        var p = await NewProjectAsync();
        var error = Assert.CatchAsync(() => SendAsync(new AddTrancheCommand(p.Id, p.Version, date, amount, condition is null ? [] : [condition])))!;
        var fields = error switch
        {
            ValidationException v => v.Errors.Keys.ToArray(),
            DomainException d => [d.Code[..d.Code.IndexOf('.', StringComparison.Ordinal)]],
            _ => [],
        };
        Assert.That(fields, Does.Contain(field), error.Message);
        var after = await DetailAsync(p.Id);
        Assert.That(after.Tranches, Is.Empty);
        Assert.That(after.Version, Is.EqualTo(p.Version));
    }

    [Test]
    public async Task Payments_stay_within_the_remaining_balance()
    {
        var p = await NewProjectAsync(1_000m);
        var first = await SendAsync(new AddTrancheCommand(p.Id, p.Version, new DateOnly(2025, 1, 1), 500m, []));
        p = await DetailAsync(p.Id);
        var second = await SendAsync(new AddTrancheCommand(p.Id, p.Version, new DateOnly(2025, 6, 1), 500m, []));
        p = await DetailAsync(p.Id);
        await SendAsync(new PayTrancheCommand(p.Id, first, p.Version, new DateOnly(2025, 1, 2), 800m));
        p = await DetailAsync(p.Id);
        Assert.That(p.RemainingMinor, Is.EqualTo(20_000));
        var error = Assert.ThrowsAsync<DomainException>(() => SendAsync(new PayTrancheCommand(p.Id, second, p.Version, new DateOnly(2025, 6, 2), null)))!;
        Assert.That(error.Code, Is.EqualTo("Amount.exceeds-balance"));
        Assert.That(() => SendAsync(new PayTrancheCommand(p.Id, second, p.Version, new DateOnly(2025, 6, 2), -3m)),
            Throws.TypeOf<ValidationException>().With.Property(nameof(ValidationException.Errors)).ContainKey("Amount"));
        Assert.That(() => SendAsync(new PayTrancheCommand(p.Id, second, p.Version, null, 3m)),
            Throws.TypeOf<ValidationException>().With.Property(nameof(ValidationException.Errors)).ContainKey("PaidDate"));
        Assert.That(() => SendAsync(new PayTrancheCommand(p.Id, Guid.NewGuid(), p.Version, new DateOnly(2025, 6, 2), 3m)), Throws.TypeOf<NotFoundException>());
        await SendAsync(new PayTrancheCommand(p.Id, second, p.Version, new DateOnly(2025, 6, 2), 200m));
        Assert.That((await DetailAsync(p.Id)).RemainingMinor, Is.Zero);
    }

    [Test]
    public async Task Co_financing_received_is_recorded_per_partner_and_confirms_the_line()
    {
        var p = await NewProjectAsync();
        var lineId = await QueryAsync(async db =>
        {
            var partner = new Partner("VILLE_LAUSANNE", "Ville de Lausanne", PartnerKind.LocalAuthority, "CH");
            db.Partners.Add(partner);
            var project = await db.Projects.Include(x => x.CoFinancing).SingleAsync(x => x.Id == p.Id);
            var line = project.AddCoFinancing(partner.Id, new Money(8_000_000, "CHF"), CoFinancingStatus.Expected, null);
            await db.SaveChangesAsync();
            return line.Id;
        });
        p = await DetailAsync(p.Id);

        Assert.That(() => SendAsync(new RecordCoFinancingReceivedCommand(p.Id, lineId, p.Version, 80_000.01m, new DateOnly(2025, 2, 1))),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Amount.above-line"));
        Assert.That(() => SendAsync(new RecordCoFinancingReceivedCommand(p.Id, lineId, p.Version, -1m, new DateOnly(2025, 2, 1))),
            Throws.TypeOf<ValidationException>().With.Property(nameof(ValidationException.Errors)).ContainKey("Amount"));
        Assert.That(() => SendAsync(new RecordCoFinancingReceivedCommand(p.Id, lineId, p.Version, 1.001m, new DateOnly(2025, 2, 1))),
            Throws.TypeOf<ValidationException>().With.Property(nameof(ValidationException.Errors)).ContainKey("Amount"));
        Assert.That(() => SendAsync(new RecordCoFinancingReceivedCommand(p.Id, Guid.NewGuid(), p.Version, 1m, new DateOnly(2025, 2, 1))), Throws.TypeOf<NotFoundException>());
        Assert.That((await DetailAsync(p.Id)).CoFinancing.Single().Status, Is.EqualTo(CoFinancingStatus.Expected));

        await SendAsync(new RecordCoFinancingReceivedCommand(p.Id, lineId, p.Version, 40_000m, new DateOnly(2025, 2, 1)));
        var row = (await DetailAsync(p.Id)).CoFinancing.Single();
        Assert.That(row.ReceivedMinor, Is.EqualTo(4_000_000));
        Assert.That(row.Currency, Is.EqualTo("CHF"));
        Assert.That(row.ReceivedOn, Is.EqualTo(new DateOnly(2025, 2, 1)));
        Assert.That(row.Status, Is.EqualTo(CoFinancingStatus.Confirmed));
    }

    [Test]
    public async Task Targets_are_set_updated_and_removed_unless_measured()
    {
        var p = await NewProjectAsync();
        await SendAsync(new SetTargetCommand(p.Id, "people_trained", p.Version, 0, 500, new DateOnly(2026, 12, 31)));
        p = await DetailAsync(p.Id);
        await SendAsync(new SetTargetCommand(p.Id, "PEOPLE_TRAINED", p.Version, 10, 600, new DateOnly(2026, 12, 31)));
        p = await DetailAsync(p.Id);
        Assert.That(p.Targets.Single().Target, Is.EqualTo(600));
        Assert.That(p.Targets.Single().Baseline, Is.EqualTo(10));

        Assert.That(() => SendAsync(new SetTargetCommand(p.Id, "../../etc", p.Version, 0, 1, new DateOnly(2026, 12, 31))),
            Throws.TypeOf<ValidationException>().With.Property(nameof(ValidationException.Errors)).ContainKey("IndicatorCode"));
        Assert.That(() => SendAsync(new SetTargetCommand(p.Id, "PEOPLE_TRAINED", p.Version, -1, 1, null)),
            Throws.TypeOf<ValidationException>().With.Property(nameof(ValidationException.Errors)).ContainKey("Baseline").And.Property(nameof(ValidationException.Errors)).ContainKey("TargetDate"));
        Assert.That(() => SendAsync(new RemoveTargetCommand(p.Id, "HEALTH_FACILITIES", p.Version)), Throws.TypeOf<NotFoundException>());

        await QueryAsync(async db =>
        {
            var indicator = await db.Indicators.SingleAsync(i => i.Code == "PEOPLE_TRAINED");
            db.IndicatorMeasurements.Add(new IndicatorMeasurement(p.Id, indicator, new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 30), 120, [], null));
            return await db.SaveChangesAsync();
        });
        Assert.That((await DetailAsync(p.Id)).Targets.Single().HasMeasurements, Is.True);
        Assert.That(() => SendAsync(new RemoveTargetCommand(p.Id, "PEOPLE_TRAINED", p.Version)),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Target.has-measurements"));

        await SendAsync(new SetTargetCommand(p.Id, "HEALTH_FACILITIES", p.Version, 0, 2, new DateOnly(2026, 12, 31)));
        p = await DetailAsync(p.Id);
        await SendAsync(new RemoveTargetCommand(p.Id, "HEALTH_FACILITIES", p.Version));
        Assert.That((await DetailAsync(p.Id)).Targets.Select(t => t.IndicatorCode), Is.EqualTo(new[] { "PEOPLE_TRAINED" }));
    }

    [TestCase("BureauMember")]
    [TestCase("Donor")]
    [TestCase("Applicant")]
    public async Task Only_administrators_and_officers_record_execution(string role)
    {
        var p = await NewProjectAsync();
        User.SignInAs("someone@portfolio.local", role);
        Assert.That(() => SendAsync(new AddMilestoneCommand(p.Id, p.Version, "Jalon", null, new DateOnly(2025, 3, 1))), Throws.TypeOf<ForbiddenAccessException>());
        Assert.That(() => SendAsync(new AddTrancheCommand(p.Id, p.Version, new DateOnly(2025, 3, 1), 1m, [])), Throws.TypeOf<ForbiddenAccessException>());
        Assert.That(() => SendAsync(new SetTargetCommand(p.Id, "PEOPLE_TRAINED", p.Version, 0, 1, new DateOnly(2025, 3, 1))), Throws.TypeOf<ForbiddenAccessException>());
        User.SignInAs("admin@portfolio.local", "Administrator");
        Assert.That(await SendAsync(new AddMilestoneCommand(p.Id, p.Version, "Jalon", null, new DateOnly(2025, 3, 1))), Is.Not.EqualTo(Guid.Empty));
    }
}
