using System.Net;
using System.Text.Json.Nodes;
using ProjectPortfolio.Testing;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>The project fact sheet through the real pipeline, downloaded and read back with pdftotext: the Gitega
/// project (co-financed by the European Union, inaugurated on 26/08/2024) in French and English, the donor's scope,
/// and the errors. Set PORTFOLIO_PDF_OUT to a folder to keep the downloaded PDFs for a look.</summary>
public class ReportsTests
{
    private PortfolioFactory _factory = null!;
    private HttpClient _officer = null!;
    private string _gitega = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new PortfolioFactory();
        _officer = await _factory.ApiClientAsync("officer@portfolio.local");
        var found = JsonNode.Parse(await _officer.GetStringAsync("/api/projects?q=Gitega"))!["items"]!.AsArray();
        _gitega = (string)found.Single(p => ((string)p!["title"]!).Contains("Gitega", StringComparison.Ordinal))!["id"]!;
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _factory.DisposeAsync();
        PortfolioFactory.DeleteDatabase(_factory.DatabasePath);
    }

    private static async Task<byte[]> PdfAsync(HttpResponseMessage response, string keepAs)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.That(pdf.AsSpan(0, 5).ToArray(), Is.EqualTo("%PDF-"u8.ToArray()));
        if (Environment.GetEnvironmentVariable("PORTFOLIO_PDF_OUT") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, keepAs), pdf);
        }
        return pdf;
    }

    [Test]
    public async Task The_French_fact_sheet_of_Gitega_reads_back_with_its_title_partners_dates_and_amounts()
    {
        var response = await _officer.GetAsync($"/api/reports/projects/{_gitega}.pdf?lang=fr");
        var pdf = await PdfAsync(response, "gitega-fr.pdf");
        Assert.That(response.Content.Headers.ContentDisposition?.ToString(), Is.EqualTo("attachment; filename=\"AIMF-2022-002-fr.pdf\""));

        var raw = await PdfText.ExtractAsync(pdf);
        var pages = PdfText.Pages(raw);
        var text = PdfText.NormaliseSpaces(raw);
        Assert.That(text, Does.Contain("Centre de développement intégré pour l'autonomisation économique des femmes de Gitega"));
        Assert.That(text, Does.Contain("Union européenne"));
        Assert.That(text, Does.Contain("Inauguration du Centre de développement intégré"));
        Assert.That(text, Does.Contain("26/08/2024"));
        Assert.That(text, Does.Contain("250 000,00 €"), "the grant in the French money format");
        Assert.That(text, Does.Contain("Burundi").And.Contain("Égalité").IgnoreCase.Or.Contain("genre").IgnoreCase);
        Assert.That(text, Does.Contain("Subvention accordée").And.Contain("Cofinancements").And.Contain("Tranches de décaissement")
            .And.Contain("Solde restant à verser").And.Contain("Jalons").And.Contain("Indicateurs et cibles").And.Contain("Réalisé"));
        Assert.That(text, Does.Contain("Association internationale des maires francophones — Fonds de coopération"));
        Assert.That(pages[0], Does.Contain($"Page 1 / {pages.Length}"));
        Assert.That(pages[^1], Does.Contain($"Page {pages.Length} / {pages.Length}"));
    }

    [Test]
    public async Task French_is_the_default_language()
    {
        var response = await _officer.GetAsync($"/api/reports/projects/{_gitega}.pdf");
        var text = await PdfText.ExtractAsync(await PdfAsync(response, "gitega-default.pdf"));
        Assert.That(response.Content.Headers.ContentDisposition?.FileName, Is.EqualTo("AIMF-2022-002-fr.pdf"));
        Assert.That(text, Does.Contain("Subvention accordée").And.Contain("Généré le"));
    }

    [Test]
    public async Task The_English_fact_sheet_uses_English_labels_and_marks_French_only_texts()
    {
        var response = await _officer.GetAsync($"/api/reports/projects/{_gitega}.pdf?lang=en");
        var pdf = await PdfAsync(response, "gitega-en.pdf");
        Assert.That(response.Content.Headers.ContentDisposition?.ToString(), Is.EqualTo("attachment; filename=\"AIMF-2022-002-en.pdf\""));

        var raw = await PdfText.ExtractAsync(pdf);
        var pages = PdfText.Pages(raw);
        var text = PdfText.NormaliseSpaces(raw);
        Assert.That(text, Does.Contain("Project fact sheet".ToUpperInvariant()));
        Assert.That(text, Does.Contain("Awarded grant").And.Contain("Co-financing").And.Contain("Disbursement tranches").And.Contain("Remaining balance")
            .And.Contain("Milestones").And.Contain("Indicators and targets").And.Contain("Lead member").And.Contain("Generated on"));
        Assert.That(text, Does.Contain("€250,000.00"), "the grant in the English money format");
        Assert.That(text, Does.Contain("Union européenne").And.Contain("26/08/2024"));
        Assert.That(text, Does.Contain("(available in French only)"), "the sample has no English title or summary");
        Assert.That(text, Does.Not.Contain("Subvention accordée"));
        Assert.That(pages[0], Does.Contain($"Page 1 / {pages.Length}"));
    }

    [Test]
    public async Task A_donor_gets_the_projects_it_co_finances_and_404_for_the_others()
    {
        var donor = await _factory.ApiClientAsync("donor@portfolio.local");
        await PdfAsync(await donor.GetAsync($"/api/reports/projects/{_gitega}.pdf"), "gitega-donor.pdf");

        var seen = JsonNode.Parse(await donor.GetStringAsync("/api/projects?pageSize=100"))!["items"]!.AsArray().Select(i => (string)i!["id"]!).ToHashSet();
        var all = JsonNode.Parse(await _officer.GetStringAsync("/api/projects?pageSize=100"))!["items"]!.AsArray().Select(i => (string)i!["id"]!);
        var hidden = all.First(id => !seen.Contains(id));
        var refused = await donor.GetAsync($"/api/reports/projects/{hidden}.pdf?lang=en");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((await _officer.GetAsync($"/api/reports/projects/{hidden}.pdf")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Every_sample_project_has_a_fact_sheet_in_both_languages_with_late_milestones_marked()
    {
        var items = JsonNode.Parse(await _officer.GetStringAsync("/api/projects?pageSize=100"))!["items"]!.AsArray();
        Assert.That(items, Has.Count.GreaterThan(20));
        var late = 0;
        foreach (var item in items)
        {
            var detail = JsonNode.Parse(await _officer.GetStringAsync($"/api/projects/{item!["id"]}"))!;
            var isLate = detail["milestones"]!.AsArray().Any(m => (bool)m!["isLate"]!);
            foreach (var lang in new[] { "fr", "en" })
            {
                var code = (string)item["code"]!;
                var text = PdfText.NormaliseSpaces(await PdfText.ExtractAsync(
                    await PdfAsync(await _officer.GetAsync($"/api/reports/projects/{item["id"]}.pdf?lang={lang}"), $"{code}-{lang}.pdf")));
                Assert.That(text, Does.Contain(code).And.Contain("Page 1 / "), $"{code} {lang}");
                if (isLate) Assert.That(text, Does.Contain(lang == "fr" ? "En retard" : "Late"), $"{code} {lang}");
            }
            if (isLate) late++;
        }
        Assert.That(late, Is.GreaterThan(0), "the sample has late milestones");
    }

    [TestCase("de")]
    [TestCase("fr-FR")]
    [TestCase("")]
    public async Task An_unknown_language_is_400_with_problem_details(string lang)
    {
        var response = await _officer.GetAsync($"/api/reports/projects/{_gitega}.pdf?lang={lang}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!["lang"], Is.Not.Null);
    }

    [Test]
    public async Task Unknown_projects_and_anonymous_callers_get_problem_details()
    {
        Assert.That((await _officer.GetAsync($"/api/reports/projects/{Guid.NewGuid()}.pdf")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var anonymous = await _factory.CreateClient().GetAsync($"/api/reports/projects/{_gitega}.pdf");
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task The_project_page_links_to_the_fact_sheet_in_the_page_language_and_the_cookie_opens_it()
    {
        var browser = await _factory.SignedInBrowserAsync("bureau@portfolio.local");
        var page = await Html.GetAsync(browser, $"/projects/details/{_gitega}");
        var link = page.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Fiche PDF");
        Assert.That(link.GetAttribute("href"), Is.EqualTo($"/api/reports/projects/{_gitega}.pdf?lang=fr"));
        var text = await PdfText.ExtractAsync(await PdfAsync(await browser.GetAsync(link.GetAttribute("href")), "gitega-cookie.pdf"));
        Assert.That(text, Does.Contain("Subvention accordée"));

        var english = await Html.GetAsync(browser, $"/projects/details/{_gitega}?culture=en-GB");
        Assert.That(english.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "PDF fact sheet").GetAttribute("href"),
            Is.EqualTo($"/api/reports/projects/{_gitega}.pdf?lang=en"));
    }
}
