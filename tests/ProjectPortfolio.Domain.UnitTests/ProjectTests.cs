using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Domain.UnitTests;

public class ProjectTests
{
    internal static ProjectDetails Details(string title = "Santé maternelle à Kigali", DateOnly? start = null, DateOnly? end = null) =>
        new(title, null, "Résumé", null, Guid.NewGuid(), "RW", Guid.NewGuid(), Guid.NewGuid(), null,
            start ?? new DateOnly(2024, 6, 1), end ?? new DateOnly(2026, 5, 31), null, null);

    private static Project NewProject(long grantMinor = 10_000_000) =>
        new("AIMF-2024-001", Details(), new Money(grantMinor, "EUR"), null, null);

    [Test]
    public void A_new_project_is_approved_with_its_grant()
    {
        var project = NewProject();
        Assert.That(project.Status, Is.EqualTo(ProjectStatus.Approved));
        Assert.That(project.Grant, Is.EqualTo(new Money(10_000_000, "EUR")));
    }

    [Test]
    public void Empty_title_and_end_before_start_are_refused()
    {
        Assert.That(() => new Project("AIMF-2024-001", Details(title: "  "), new Money(1, "EUR"), null, null),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Title.required"));
        Assert.That(() => NewProject().UpdateDetails(Details(start: new DateOnly(2025, 1, 1), end: new DateOnly(2024, 1, 1))),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("PlannedEnd.before-start"));
    }

    [Test]
    public void A_refused_update_changes_nothing()
    {
        var project = NewProject();
        Assert.That(() => project.UpdateDetails(Details(title: "Nouveau titre", start: new DateOnly(2025, 1, 1), end: new DateOnly(2024, 1, 1))), Throws.TypeOf<DomainException>());
        Assert.That(project.Title, Is.EqualTo("Santé maternelle à Kigali"));
    }

    [Test]
    public void Zero_or_negative_grant_is_refused() =>
        Assert.That(() => NewProject(0), Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Grant.not-positive"));

    [TestCase(ProjectStatus.Ongoing, true)]
    [TestCase(ProjectStatus.Cancelled, true)]
    [TestCase(ProjectStatus.Completed, false)]
    [TestCase(ProjectStatus.Closed, false)]
    public void Status_moves_only_along_allowed_transitions(ProjectStatus target, bool allowed)
    {
        var project = NewProject();
        if (allowed) Assert.That(() => project.ChangeStatus(target), Throws.Nothing);
        else Assert.That(() => project.ChangeStatus(target), Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Status.transition"));
    }

    [Test]
    public void Every_status_is_reachable_from_approved_through_legal_steps()
    {
        foreach (var target in Enum.GetValues<ProjectStatus>())
        {
            var project = NewProject();
            foreach (var step in Project.PathFromApproved(target)) project.ChangeStatus(step);
            Assert.That(project.Status, Is.EqualTo(target));
        }
    }

    [Test]
    public void Tranches_cannot_exceed_the_grant_nor_be_paid_twice()
    {
        var project = NewProject(10_000_000);
        var first = project.AddTranche(new DateOnly(2024, 7, 1), new Money(6_000_000, "EUR"));
        Assert.That(() => project.AddTranche(new DateOnly(2025, 7, 1), new Money(4_000_001, "EUR")),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Tranche.exceeds-grant"));
        Assert.That(() => project.AddTranche(new DateOnly(2025, 7, 1), new Money(1, "CHF")), Throws.TypeOf<DomainException>());
        project.PayTranche(first.Id, new DateOnly(2024, 7, 15), new Money(6_000_000, "EUR"));
        Assert.That(project.DisbursedTotal.MinorUnits, Is.EqualTo(6_000_000));
        Assert.That(() => project.PayTranche(first.Id, new DateOnly(2024, 8, 1), new Money(1, "EUR")),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Tranche.already-paid"));
    }

    [Test]
    public void A_planned_milestone_past_its_date_is_late_until_done()
    {
        var project = NewProject();
        var milestone = project.AddMilestone("Pose de la première pierre", null, new DateOnly(2024, 9, 1));
        Assert.That(milestone.IsLate(new DateOnly(2024, 9, 2)), Is.True);
        Assert.That(milestone.IsLate(new DateOnly(2024, 9, 1)), Is.False);
        project.CompleteMilestone(milestone.Id, new DateOnly(2024, 9, 10));
        Assert.That(milestone.IsLate(new DateOnly(2025, 1, 1)), Is.False);
        Assert.That(() => project.CompleteMilestone(milestone.Id, new DateOnly(2024, 9, 11)), Throws.TypeOf<DomainException>());
    }

    [Test]
    public void The_lead_member_is_not_also_a_partner_member()
    {
        var project = NewProject();
        var other = Guid.NewGuid();
        project.SetPartnerMembers([project.LeadMemberId, other, other]);
        Assert.That(project.PartnerMembers.Select(m => m.MemberId), Is.EqualTo(new[] { other }));
    }
}
