using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Domain.UnitTests;

/// <summary>Milestones, tranches with release conditions, co-financing received and targets.</summary>
public class ExecutionTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    private static Project NewProject(long grantMinor = 10_000_000) =>
        new("AIMF-2024-001", ProjectTests.Details(), new Money(grantMinor, "EUR"), null, null);

    private static Money Eur(long minor) => new(minor, "EUR");

    private static void ThrowsCode(TestDelegate action, string code) =>
        Assert.That(action, Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo(code));

    [Test]
    public void A_milestone_condition_is_met_when_its_milestone_is_done_and_not_before()
    {
        var project = NewProject();
        var milestone = project.AddMilestone("Pose de la première pierre", null, new DateOnly(2025, 3, 1));
        var tranche = project.AddTranche(new DateOnly(2025, 4, 1), Eur(4_000_000),
            [new TrancheConditionSpec(TrancheConditionKind.MilestoneDone, milestone.Id, null)]);
        var condition = tranche.Conditions.Single();

        Assert.That(project.IsMet(condition), Is.False);
        Assert.That(project.IsPayable(tranche.Id), Is.False);
        Assert.That(project.MissingConditions(tranche.Id), Is.EqualTo(new[] { "milestone 'Pose de la première pierre' done" }));

        project.CompleteMilestone(milestone.Id, new DateOnly(2025, 3, 10));

        Assert.That(project.IsMet(condition), Is.True);
        Assert.That(condition.MetAtUtc, Is.Null, "a milestone condition is computed, not copied");
        Assert.That(project.IsPayable(tranche.Id), Is.True);
    }

    [Test]
    public void A_tranche_with_unmet_conditions_cannot_be_paid_and_the_message_names_what_is_missing()
    {
        var project = NewProject();
        var milestone = project.AddMilestone("Étude de faisabilité", null, new DateOnly(2025, 3, 1));
        var tranche = project.AddTranche(new DateOnly(2025, 4, 1), Eur(4_000_000),
        [
            new TrancheConditionSpec(TrancheConditionKind.MilestoneDone, milestone.Id, null),
            new TrancheConditionSpec(TrancheConditionKind.DecisionConditionMet, null, "Convention signée avec la commune"),
            new TrancheConditionSpec(TrancheConditionKind.ReportApproved, null, "Rapport narratif 2024"),
        ]);

        var error = Assert.Throws<DomainException>(() => project.PayTranche(tranche.Id, new DateOnly(2025, 4, 2), Eur(4_000_000)))!;
        Assert.That(error.Code, Is.EqualTo("Tranche.conditions-unmet"));
        Assert.That(error.Message, Does.Contain("Étude de faisabilité").And.Contain("Convention signée avec la commune").And.Contain("Rapport narratif 2024"));
        Assert.That(tranche.IsPaid, Is.False);

        project.CompleteMilestone(milestone.Id, new DateOnly(2025, 3, 5));
        project.MarkConditionMet(tranche.Id, tranche.Conditions.ElementAt(1).Id, "officer@portfolio.local", Now, "Signée le 2 mars");
        error = Assert.Throws<DomainException>(() => project.PayTranche(tranche.Id, new DateOnly(2025, 4, 2), Eur(4_000_000)))!;
        Assert.That(error.Message, Does.Contain("Rapport narratif 2024").And.Not.Contain("Convention"));

        project.MarkConditionMet(tranche.Id, tranche.Conditions.ElementAt(2).Id, "officer@portfolio.local", Now, null);
        project.PayTranche(tranche.Id, new DateOnly(2025, 4, 2), Eur(4_000_000));
        Assert.That(tranche.PaidMinor, Is.EqualTo(4_000_000));
        Assert.That(project.RemainingBalance, Is.EqualTo(Eur(6_000_000)));
    }

    [Test]
    public void Marking_a_condition_met_records_who_when_and_the_note_once()
    {
        var project = NewProject();
        var tranche = project.AddTranche(new DateOnly(2025, 4, 1), Eur(1_000),
            [new TrancheConditionSpec(TrancheConditionKind.ReportApproved, null, "Rapport financier")]);
        var condition = tranche.Conditions.Single();
        project.MarkConditionMet(tranche.Id, condition.Id, "officer@portfolio.local", Now, "  Approuvé en comité  ");

        Assert.That(condition.MetBy, Is.EqualTo("officer@portfolio.local"));
        Assert.That(condition.MetAtUtc, Is.EqualTo(Now));
        Assert.That(condition.MetNote, Is.EqualTo("Approuvé en comité"));
        ThrowsCode(() => project.MarkConditionMet(tranche.Id, condition.Id, "officer2@portfolio.local", Now, null), "Condition.already-met");
        Assert.That(condition.MetBy, Is.EqualTo("officer@portfolio.local"));
    }

    [Test]
    public void A_milestone_condition_cannot_be_marked_by_hand()
    {
        var project = NewProject();
        var milestone = project.AddMilestone("Jalon", null, new DateOnly(2025, 3, 1));
        var tranche = project.AddTranche(new DateOnly(2025, 4, 1), Eur(1_000), [new TrancheConditionSpec(TrancheConditionKind.MilestoneDone, milestone.Id, null)]);
        ThrowsCode(() => project.MarkConditionMet(tranche.Id, tranche.Conditions.Single().Id, "officer@portfolio.local", Now, null), "Condition.automatic");
        ThrowsCode(() => project.MarkConditionMet(tranche.Id, Guid.NewGuid(), "officer@portfolio.local", Now, null), "Condition.not-found");
        ThrowsCode(() => project.MarkConditionMet(Guid.NewGuid(), Guid.NewGuid(), "officer@portfolio.local", Now, null), "Tranche.not-found");
    }

    [Test]
    public void Conditions_must_be_well_formed()
    {
        var project = NewProject();
        var cancelled = project.AddMilestone("Annulé", null, new DateOnly(2025, 3, 1));
        project.CancelMilestone(cancelled.Id);
        var planned = project.AddMilestone("Prévu", null, new DateOnly(2025, 3, 1));

        ThrowsCode(() => project.AddTranche(new DateOnly(2025, 4, 1), Eur(1_000), [new TrancheConditionSpec(TrancheConditionKind.MilestoneDone, Guid.NewGuid(), null)]), "MilestoneId.unknown");
        ThrowsCode(() => project.AddTranche(new DateOnly(2025, 4, 1), Eur(1_000), [new TrancheConditionSpec(TrancheConditionKind.MilestoneDone, null, null)]), "MilestoneId.required");
        ThrowsCode(() => project.AddTranche(new DateOnly(2025, 4, 1), Eur(1_000), [new TrancheConditionSpec(TrancheConditionKind.MilestoneDone, cancelled.Id, null)]), "MilestoneId.cancelled");
        ThrowsCode(() => project.AddTranche(new DateOnly(2025, 4, 1), Eur(1_000),
            [new TrancheConditionSpec(TrancheConditionKind.MilestoneDone, planned.Id, null), new TrancheConditionSpec(TrancheConditionKind.MilestoneDone, planned.Id, null)]), "MilestoneId.duplicate");
        ThrowsCode(() => project.AddTranche(new DateOnly(2025, 4, 1), Eur(1_000), [new TrancheConditionSpec(TrancheConditionKind.ReportApproved, null, "   ")]), "Text.required");
        ThrowsCode(() => project.AddTranche(new DateOnly(2025, 4, 1), Eur(1_000), [new TrancheConditionSpec(TrancheConditionKind.DecisionConditionMet, null, new string('x', 1001))]), "Text.too-long");
        ThrowsCode(() => project.AddTranche(new DateOnly(2025, 4, 1), Eur(1_000), [new TrancheConditionSpec((TrancheConditionKind)42, null, "x")]), "Kind.invalid");
        Assert.That(project.Tranches, Is.Empty, "a refused tranche is not half-added");
    }

    [Test]
    public void Planned_tranches_cannot_exceed_the_grant()
    {
        var project = NewProject(10_000);
        project.AddTranche(new DateOnly(2025, 1, 1), Eur(6_000), []);
        ThrowsCode(() => project.AddTranche(new DateOnly(2025, 6, 1), Eur(4_001), []), "Tranche.exceeds-grant");
        Assert.That(() => project.AddTranche(new DateOnly(2025, 6, 1), Eur(4_000), []), Throws.Nothing);
        ThrowsCode(() => project.AddTranche(new DateOnly(2025, 6, 1), Eur(0), []), "Tranche.not-positive");
    }

    [Test]
    public void A_payment_is_positive_within_the_remaining_balance_in_the_grant_currency_and_once_only()
    {
        var project = NewProject(10_000);
        var first = project.AddTranche(new DateOnly(2025, 1, 1), Eur(5_000), []);
        var second = project.AddTranche(new DateOnly(2025, 6, 1), Eur(5_000), []);

        ThrowsCode(() => project.PayTranche(first.Id, new DateOnly(2025, 1, 2), Eur(0)), "Amount.not-positive");
        ThrowsCode(() => project.PayTranche(first.Id, new DateOnly(2025, 1, 2), Eur(-5)), "Amount.not-positive");
        ThrowsCode(() => project.PayTranche(first.Id, new DateOnly(2025, 1, 2), new Money(5_000, "CHF")), "Amount.currency");
        ThrowsCode(() => project.PayTranche(first.Id, new DateOnly(2025, 1, 2), Eur(10_001)), "Amount.exceeds-balance");

        project.PayTranche(first.Id, new DateOnly(2025, 1, 2), Eur(7_000));
        Assert.That(project.RemainingBalance, Is.EqualTo(Eur(3_000)));
        ThrowsCode(() => project.PayTranche(first.Id, new DateOnly(2025, 1, 3), Eur(1)), "Tranche.already-paid");
        ThrowsCode(() => project.PayTranche(second.Id, new DateOnly(2025, 6, 2), Eur(3_001)), "Amount.exceeds-balance");
        project.PayTranche(second.Id, new DateOnly(2025, 6, 2), Eur(3_000));
        Assert.That(project.RemainingBalance, Is.EqualTo(Eur(0)));
        Assert.That(project.DisbursedTotal, Is.EqualTo(Eur(10_000)));
    }

    [Test]
    public void A_paid_tranche_takes_no_more_condition_marks()
    {
        var project = NewProject(10_000);
        var tranche = project.AddTranche(new DateOnly(2025, 1, 1), Eur(5_000), []);
        project.PayTranche(tranche.Id, new DateOnly(2025, 1, 2), Eur(5_000));
        Assert.That(project.IsPayable(tranche.Id), Is.False);
        ThrowsCode(() => project.MarkConditionMet(tranche.Id, Guid.NewGuid(), "x", Now, null), "Condition.not-found");
    }

    [Test]
    public void Milestones_complete_or_cancel_once_and_late_means_planned_and_past()
    {
        var project = NewProject();
        var m = project.AddMilestone("Réception des travaux", "Works handed over", new DateOnly(2025, 3, 1));
        Assert.That(m.IsLate(new DateOnly(2025, 3, 1)), Is.False);
        Assert.That(m.IsLate(new DateOnly(2025, 3, 2)), Is.True);
        project.CompleteMilestone(m.Id, new DateOnly(2025, 3, 20));
        Assert.That(m.Status, Is.EqualTo(MilestoneStatus.Done));
        Assert.That(m.ActualDate, Is.EqualTo(new DateOnly(2025, 3, 20)));
        Assert.That(m.IsLate(new DateOnly(2026, 1, 1)), Is.False);
        ThrowsCode(() => project.CompleteMilestone(m.Id, new DateOnly(2025, 3, 21)), "Milestone.not-planned");
        ThrowsCode(() => project.CancelMilestone(m.Id), "Milestone.not-planned");
        ThrowsCode(() => project.CompleteMilestone(Guid.NewGuid(), new DateOnly(2025, 3, 21)), "Milestone.not-found");
        ThrowsCode(() => project.AddMilestone(" ", null, new DateOnly(2025, 3, 1)), "Title.required");
    }

    [Test]
    public void A_milestone_an_unpaid_tranche_waits_for_cannot_be_cancelled()
    {
        var project = NewProject();
        var m = project.AddMilestone("Jalon", null, new DateOnly(2025, 3, 1));
        project.AddTranche(new DateOnly(2025, 4, 1), Eur(1_000), [new TrancheConditionSpec(TrancheConditionKind.MilestoneDone, m.Id, null)]);
        ThrowsCode(() => project.CancelMilestone(m.Id), "Milestone.releases-tranche");
        Assert.That(m.Status, Is.EqualTo(MilestoneStatus.Planned));
    }

    [Test]
    public void Co_financing_received_is_in_the_line_currency_not_negative_not_above_the_line_and_confirms_it()
    {
        var project = NewProject();
        var line = project.AddCoFinancing(Guid.NewGuid(), new Money(80_000, "CHF"), CoFinancingStatus.Expected, null);

        ThrowsCode(() => project.RecordCoFinancingReceived(line.Id, new Money(1_000, "EUR"), new DateOnly(2025, 2, 1)), "Amount.currency");
        ThrowsCode(() => project.RecordCoFinancingReceived(line.Id, new Money(-1, "CHF"), new DateOnly(2025, 2, 1)), "Amount.negative");
        ThrowsCode(() => project.RecordCoFinancingReceived(line.Id, new Money(80_001, "CHF"), new DateOnly(2025, 2, 1)), "Amount.above-line");
        ThrowsCode(() => project.RecordCoFinancingReceived(Guid.NewGuid(), new Money(1, "CHF"), new DateOnly(2025, 2, 1)), "CoFinancing.not-found");
        Assert.That(line.Status, Is.EqualTo(CoFinancingStatus.Expected), "a refused amount changes nothing");

        project.RecordCoFinancingReceived(line.Id, new Money(40_000, "CHF"), new DateOnly(2025, 2, 1));
        Assert.That(line.ReceivedMinor, Is.EqualTo(40_000));
        Assert.That(line.ReceivedOn, Is.EqualTo(new DateOnly(2025, 2, 1)));
        Assert.That(line.Status, Is.EqualTo(CoFinancingStatus.Confirmed));
        project.RecordCoFinancingReceived(line.Id, new Money(0, "CHF"), new DateOnly(2025, 3, 1));
        Assert.That(line.ReceivedMinor, Is.Zero);
    }

    [Test]
    public void Targets_are_set_updated_and_removed_only_without_measurements()
    {
        var project = NewProject();
        var indicator = Guid.NewGuid();
        project.SetTarget(indicator, 0, 10, new DateOnly(2026, 12, 31));
        project.SetTarget(indicator, 2, 15, new DateOnly(2027, 6, 30));
        Assert.That(project.Targets.Single().Target, Is.EqualTo(15));
        ThrowsCode(() => project.SetTarget(indicator, -1, 15, new DateOnly(2027, 6, 30)), "Target.invalid");
        ThrowsCode(() => project.SetTarget(indicator, 0, double.NaN, new DateOnly(2027, 6, 30)), "Target.invalid");
        ThrowsCode(() => project.RemoveTarget(indicator, hasMeasurements: true), "Target.has-measurements");
        Assert.That(project.Targets, Has.Count.EqualTo(1));
        project.RemoveTarget(indicator, hasMeasurements: false);
        Assert.That(project.Targets, Is.Empty);
        ThrowsCode(() => project.RemoveTarget(indicator, hasMeasurements: false), "Target.not-found");
    }
}
