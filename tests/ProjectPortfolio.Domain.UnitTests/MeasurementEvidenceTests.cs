using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Indicators;

namespace ProjectPortfolio.Domain.UnitTests;

/// <summary>The evidence link is checked by the entity itself, whichever way a value arrives (page, API, import).</summary>
public class MeasurementEvidenceTests
{
    private static readonly Indicator Facilities = new("HEALTH_FACILITIES", "Infrastructures", "Facilities", IndicatorUnit.Count, IndicatorKind.Incremental, Disaggregation.None);

    private static IndicatorMeasurement Measure(string? link) =>
        new(Guid.NewGuid(), Facilities, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), 2, [], "PV", link);

    [TestCase("javascript:alert(1)")]
    [TestCase("data:text/html,<script>alert(1)</script>")]
    [TestCase("file:///etc/passwd")]
    [TestCase("../rapport.pdf")]
    [TestCase("https://exa mple.org/\u0007")]
    public void Only_http_and_https_addresses_are_links(string link) =>
        Assert.That(() => Measure(link), Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo("EvidenceLink.invalid"));

    [Test]
    public void A_web_address_is_kept_and_survives_edits_and_corrections()
    {
        var measurement = Measure("  https://example.org/pv.pdf ");
        Assert.That(measurement.EvidenceLink, Is.EqualTo("https://example.org/pv.pdf"));
        measurement.Edit(Facilities, 3, [], "PV", "http://example.org/pv-v2.pdf");
        Assert.That(measurement.EvidenceLink, Is.EqualTo("http://example.org/pv-v2.pdf"));
        measurement.Submit("officer@portfolio.local", DateTime.UtcNow);
        measurement.Approve("officer2@portfolio.local", DateTime.UtcNow);
        var correction = measurement.Correct(Facilities, 2, [], "Recomptage", null);
        Assert.That((correction.EvidenceLink, correction.Revision, measurement.IsCurrent), Is.EqualTo(((string?)null, 2, false)));
    }
}
