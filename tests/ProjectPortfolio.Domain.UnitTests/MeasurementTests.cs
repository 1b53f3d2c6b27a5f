using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Indicators;

namespace ProjectPortfolio.Domain.UnitTests;

public class MeasurementTests
{
    private static readonly Indicator PeopleBySex = new("PEOPLE_HEALTH_ACCESS", "Personnes", "People", IndicatorUnit.People, IndicatorKind.Cumulative, Disaggregation.Sex);
    private static readonly DateTime Now = new(2025, 1, 10, 0, 0, 0, DateTimeKind.Utc);

    private static IndicatorMeasurement Measure(double value, params MeasurementPart[] parts) =>
        new(Guid.NewGuid(), PeopleBySex, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), value, parts, null);

    [Test]
    public void Parts_may_not_add_up_to_more_than_the_total() =>
        Assert.That(() => Measure(100, new MeasurementPart(Sex.Female, null, 60), new MeasurementPart(Sex.Male, null, 41)),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Parts.exceed-total"));

    [Test]
    public void A_dimension_the_indicator_does_not_allow_is_refused() =>
        Assert.That(() => Measure(100, new MeasurementPart(null, AgeGroup.From15To24, 10)), Throws.TypeOf<DomainException>());

    [TestCase(-1d)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void Negative_or_non_numeric_values_are_refused(double value) =>
        Assert.That(() => Measure(value), Throws.TypeOf<DomainException>());

    [Test]
    public void Whoever_approves_is_not_whoever_submitted()
    {
        var measurement = Measure(100, new MeasurementPart(Sex.Female, null, 60));
        measurement.Submit("officer@portfolio.local", Now);
        Assert.That(() => measurement.Approve("OFFICER@portfolio.local", Now), Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Measurement.four-eyes"));
        measurement.Approve("officer2@portfolio.local", Now);
        Assert.That(measurement.Status, Is.EqualTo(MeasurementStatus.Approved));
        Assert.That(() => measurement.Edit(PeopleBySex, 1, [], null), Throws.TypeOf<DomainException>());
    }

    [Test]
    public void A_correction_is_a_new_draft_revision_and_the_corrected_one_stops_being_current()
    {
        var approved = Measure(100, new MeasurementPart(Sex.Female, null, 60));
        approved.Submit("officer@portfolio.local", Now);
        approved.Approve("officer2@portfolio.local", Now);

        var correction = approved.Correct(PeopleBySex, 90, [new MeasurementPart(Sex.Female, null, 50)], "Registre corrigé");

        Assert.That((approved.IsCurrent, approved.Status, approved.Value), Is.EqualTo((false, MeasurementStatus.Approved, 100d)), "the corrected revision stays as history");
        Assert.That((correction.IsCurrent, correction.Status, correction.Revision, correction.Value), Is.EqualTo((true, MeasurementStatus.Draft, 2, 90d)));
        Assert.That((correction.ProjectId, correction.IndicatorId, correction.PeriodStart, correction.PeriodEnd),
            Is.EqualTo((approved.ProjectId, approved.IndicatorId, approved.PeriodStart, approved.PeriodEnd)));
        Assert.That(correction.Id, Is.Not.EqualTo(approved.Id));
    }

    [Test]
    public void Only_the_current_approved_revision_can_be_corrected()
    {
        var draft = Measure(100);
        Assert.That(() => draft.Correct(PeopleBySex, 90, [], null),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Measurement.not-correctable"));
        draft.Submit("officer@portfolio.local", Now);
        Assert.That(() => draft.Correct(PeopleBySex, 90, [], null), Throws.TypeOf<DomainException>(), "a submitted value is reviewed, not corrected");

        draft.Approve("officer2@portfolio.local", Now);
        draft.Correct(PeopleBySex, 90, [], null);
        Assert.That(() => draft.Correct(PeopleBySex, 80, [], null),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Measurement.not-correctable"), "a superseded revision is history");
    }

    [Test]
    public void A_correction_keeps_the_rules_of_a_value()
    {
        var approved = Measure(100);
        approved.Submit("officer@portfolio.local", Now);
        approved.Approve("officer2@portfolio.local", Now);
        Assert.That(() => approved.Correct(PeopleBySex, -1, [], null), Throws.TypeOf<DomainException>());
        Assert.That(approved.IsCurrent, Is.True, "a refused correction changes nothing");
        var other = new Indicator("PEOPLE_TRAINED", "Personnes formées", "People trained", IndicatorUnit.People, IndicatorKind.Incremental, Disaggregation.None);
        Assert.That(() => approved.Correct(other, 90, [], null),
            Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("Indicator.mismatch"));
        Assert.That(approved.IsCurrent, Is.True);
    }
}
