using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Reports;
using ProjectPortfolio.Application.Reports.Archive;
using ProjectPortfolio.Domain.Partners;

namespace ProjectPortfolio.Application.FunctionalTests;

/// <summary>The registry of issuable reports: strict parameters, canonical JSON, and the partner rule the portfolio
/// kinds will use.</summary>
public class ReportKindsTests
{
    private static readonly ReportKind Portfolio = ReportKind.Of<PortfolioReportParameters>("portfolio-test",
        (p, lang) => new GetProjectFactSheetQuery(Guid.Empty, lang), RecipientRules.PortfolioOfPartner);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Test]
    public void Equal_parameters_give_equal_canonical_text_whatever_their_order_spacing_and_nulls()
    {
        var a = Portfolio.Canonical(Portfolio.Read(Json("{ \"to\": \"2025-12-31\", \"country\": \"RW\", \"theme\": null }")));
        var b = Portfolio.Canonical(Portfolio.Read(Json("{\"Country\":\"RW\",\"To\":\"2025-12-31\"}")));
        Assert.That(a, Is.EqualTo("{\"country\":\"RW\",\"to\":\"2025-12-31\"}"));
        Assert.That(b, Is.EqualTo(a));
    }

    [TestCase("{\"country\":\"RW\",\"sql\":\"drop\"}")]
    [TestCase("{\"from\":\"hier\"}")]
    [TestCase("[]")]
    [TestCase("\"RW\"")]
    public void Unknown_fields_wrong_types_and_non_objects_are_a_validation_error_on_parameters(string json)
    {
        var error = Assert.Throws<ValidationException>(() => Portfolio.Read(Json(json)))!;
        Assert.That(error.Errors.Keys, Is.EqualTo(new[] { "parameters" }));
    }

    [Test]
    public void A_missing_required_parameter_is_refused_and_the_registry_finds_kinds_by_code()
    {
        var factSheet = ReportKinds.Find(" Project-Fact-Sheet ")!;
        Assert.That(factSheet.Code, Is.EqualTo("project-fact-sheet"));
        Assert.That(() => factSheet.Read(Json("{}")), Throws.TypeOf<ValidationException>());
        Assert.That(ReportKinds.Find("../etc"), Is.Null);
        Assert.That(ReportKinds.All.Select(k => k.Code), Is.Unique);
    }

    [Test]
    public async Task A_portfolio_report_goes_to_a_partner_only_when_filtered_on_that_partner()
    {
        await using var provider = Testing.NewDatabase(new TestUser(), out _);
        using var scope = provider.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var eu = new Partner("UE", "Union européenne", PartnerKind.Multilateral, null);
        var other = new Partner("WBI", "Wallonie-Bruxelles International", PartnerKind.RegionalGovernment, "BE");
        db.Partners.AddRange(eu, other);
        await db.SaveChangesAsync(CancellationToken.None);

        Assert.That(await Portfolio.MayBeIssuedForAsync(new PortfolioReportParameters(Partner: " ue "), eu.Id, db, CancellationToken.None), Is.True);
        Assert.That(await Portfolio.MayBeIssuedForAsync(new PortfolioReportParameters(Partner: "UE"), other.Id, db, CancellationToken.None), Is.False);
        Assert.That(await Portfolio.MayBeIssuedForAsync(new PortfolioReportParameters(Country: "RW"), eu.Id, db, CancellationToken.None), Is.False,
            "the whole portfolio is not a donor's report");
    }
}
