using System.Net;
using System.Text.Json.Nodes;
using ProjectPortfolio.Testing;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>GET /api/reports/portfolio.pdf through the real pipeline, read back with pdftotext: the Rwanda health
/// report in both languages with the summary's figures, a donor's report, the errors, and the dashboard's link. Set
/// PORTFOLIO_PDF_OUT to a folder to keep the PDFs for a look.</summary>
public class PortfolioReportTests
{
    private const string RwandaHealth = "country=RW&theme=health&from=2020-01-01";
    private PortfolioFactory _factory = null!;
    private HttpClient _officer = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new PortfolioFactory();
        _officer = await _factory.ApiClientAsync("officer@portfolio.local");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _factory.DisposeAsync();
        PortfolioFactory.DeleteDatabase(_factory.DatabasePath);
    }

    private static async Task<string> PdfTextAsync(HttpResponseMessage response, string keepAs)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
        Assert.That(response.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        var pdf = await response.Content.ReadAsByteArrayAsync();
        if (Environment.GetEnvironmentVariable("PORTFOLIO_PDF_OUT") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, keepAs), pdf);
        }
        return await PdfText.ExtractAsync(pdf);
    }

    [Test]
    public async Task The_Rwanda_health_report_shows_15_facilities_2_maternity_units_and_85_000_people_in_both_languages()
    {
        var summary = JsonNode.Parse(await _officer.GetStringAsync($"/api/portfolio/summary?{RwandaHealth}"))!;
        var figures = summary["indicators"]!.AsArray().ToDictionary(i => (string)i!["code"]!, i => (double)i!["total"]!);
        Assert.That((figures["HEALTH_FACILITIES"], figures["MATERNITY_UNITS"], figures["PEOPLE_HEALTH_ACCESS"]), Is.EqualTo((15d, 2d, 85_000d)));

        var response = await _officer.GetAsync($"/api/reports/portfolio.pdf?{RwandaHealth}&lang=fr");
        var french = await PdfTextAsync(response, "rwanda-health-fr.pdf");
        Assert.That(response.Content.Headers.ContentDisposition?.FileName, Does.StartWith("portefeuille-").And.EndWith("-fr.pdf"));
        Assert.That(french, Does.Contain("85 000"), "pdftotext gives the narrow no-break space of French thousands back as a space");
        var frenchText = PdfText.NormaliseSpaces(french);
        Assert.That(frenchText, Does.Contain("Rwanda · Santé · depuis le 01/01/2020").And.Contain("Indicateurs et cibles"));
        Assert.That(frenchText, Does.Contain("Infrastructures de santé").And.Contain("Maternités construites et équipées"));

        var english = PdfText.NormaliseSpaces(await PdfTextAsync(await _officer.GetAsync($"/api/reports/portfolio.pdf?{RwandaHealth}&lang=en"), "rwanda-health-en.pdf"));
        Assert.That(english, Does.Contain("85,000").And.Contain("Rwanda · Health · since 01/01/2020").And.Contain("Health facilities built"));
        Assert.That(english, Does.Contain("Page 1 / "));
    }

    [Test]
    public async Task A_donor_signed_in_gets_only_what_it_co_finances_and_its_share()
    {
        var donor = await _factory.ApiClientAsync("donor@portfolio.local");
        var seen = JsonNode.Parse(await donor.GetStringAsync("/api/projects?pageSize=100"))!["items"]!.AsArray()
            .Select(p => (string)p!["code"]!).Order(StringComparer.Ordinal).ToArray();
        var text = await PdfTextAsync(await donor.GetAsync("/api/reports/portfolio.pdf"), "donor-fr.pdf");
        var blocks = System.Text.RegularExpressions.Regex.Matches(text, @"(AIMF-\d{4}-\d{3}) —").Select(m => m.Groups[1].Value).Distinct()
            .Order(StringComparer.Ordinal).ToArray();
        Assert.That(blocks, Is.EqualTo(seen));
        Assert.That(PdfText.NormaliseSpaces(text), Does.Contain("Rapport au bailleur — Union européenne").And.Contain("Part du bailleur").And.Contain("Part du budget"));
    }

    [TestCase("theme=astrology", "Theme")]
    [TestCase("partner=NOBODY", "Partner")]
    [TestCase("country=XX", "Country")]
    [TestCase("from=2024-13-01", "From")]
    [TestCase("from=2024-01-01&to=2023-01-01", "To")]
    [TestCase("lang=de", "lang")]
    public async Task A_bad_filter_is_400_with_the_field_named(string query, string field)
    {
        var response = await _officer.GetAsync($"/api/reports/portfolio.pdf?{query}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![field], Is.Not.Null);
    }

    [Test]
    public async Task Anonymous_callers_get_401()
    {
        var anonymous = await _factory.CreateClient().GetAsync("/api/reports/portfolio.pdf");
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task The_dashboard_links_to_the_report_with_its_filters_and_language()
    {
        var browser = await _factory.SignedInBrowserAsync("bureau@portfolio.local");
        var page = await Html.GetAsync(browser, $"/portfolio?{RwandaHealth}");
        var link = page.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Rapport PDF");
        Assert.That(link.GetAttribute("href"), Is.EqualTo($"/api/reports/portfolio.pdf?{RwandaHealth}&lang=fr"));
        var text = await PdfTextAsync(await browser.GetAsync(link.GetAttribute("href")), "rwanda-health-cookie.pdf");
        Assert.That(text, Does.Contain("85 000"));

        var english = await Html.GetAsync(browser, $"/portfolio?{RwandaHealth}&culture=en-GB");
        Assert.That(english.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "PDF report").GetAttribute("href"),
            Is.EqualTo($"/api/reports/portfolio.pdf?{RwandaHealth}&lang=en"));
    }
}
