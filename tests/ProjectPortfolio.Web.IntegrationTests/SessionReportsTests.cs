using System.Net;
using System.Text.Json.Nodes;
using ProjectPortfolio.Testing;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>The Bureau session's dossier and minutes, downloaded through the real pipeline and read back.</summary>
public class SessionReportsTests
{
    private PortfolioFactory _factory = null!;
    private HttpClient _officer = null!;
    private string _lausanne = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new PortfolioFactory();
        _officer = await _factory.ApiClientAsync("officer@portfolio.local");
        var sessions = JsonNode.Parse(await _officer.GetStringAsync("/api/bureau-sessions"))!.AsArray();
        _lausanne = (string)sessions.Single(s => (string)s!["date"]! == "2024-05-24")!["id"]!;
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _factory.DisposeAsync();
        PortfolioFactory.DeleteDatabase(_factory.DatabasePath);
    }

    private async Task<string> TextOfAsync(HttpClient client, string url)
    {
        PdfText.RequireTool();
        var response = await client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/pdf"));
        Assert.That(response.Content.Headers.ContentDisposition!.DispositionType, Is.EqualTo("attachment"));
        return PdfText.NormaliseSpaces(await PdfText.ExtractAsync(await response.Content.ReadAsByteArrayAsync()));
    }

    [Test]
    public async Task The_minutes_of_the_Lausanne_session_list_every_decision_and_the_totals()
    {
        var detail = JsonNode.Parse(await _officer.GetStringAsync($"/api/bureau-sessions/{_lausanne}"))!;
        var text = await TextOfAsync(_officer, $"/api/reports/bureau-sessions/{_lausanne}/minutes.pdf");

        Assert.That(text, Does.Contain("PROCÈS-VERBAL DES DÉCISIONS"));
        Assert.That(text, Does.Contain("24/05/2024").And.Contain("Lausanne"));
        Assert.That(text, Does.Contain("Nouveaux projets approuvés 5").Or.Match(@"Nouveaux projets approuvés\s+5"));
        Assert.That(text, Does.Match(@"Suites de projets approuvées\s+7"));
        foreach (var item in detail["agenda"]!.AsArray().Where(a => a!["outcome"] is not null))
            Assert.That(text, Does.Contain((string)item!["reference"]!));
        Assert.That(text, Does.Contain("Rejetée").And.Contain("Ajournée"));
        Assert.That(text, Does.Match(@"Page 1 / \d+"));
    }

    [Test]
    public async Task The_dossier_holds_each_application_with_its_budget_and_screening_in_English_on_request()
    {
        var text = await TextOfAsync(_officer, $"/api/reports/bureau-sessions/{_lausanne}/dossier.pdf?lang=en");
        Assert.That(text, Does.Contain("SESSION DOSSIER"));
        Assert.That(text, Does.Contain("Agenda").And.Contain("New projects").And.Contain("Continuations"));
        Assert.That(text, Does.Contain("Amount requested").And.Contain("Recommendation"));
        Assert.That(text, Does.Contain("DS-2024-001"));
        Assert.That(text, Does.Contain("€"));
        // Themes and instruments are named in the document's language, never shown as bare codes.
        Assert.That(text, Does.Contain("Cooperation fund"));
        Assert.That(text, Does.Not.Contain("COOP_FUND"));
    }

    [Test]
    public async Task Donors_cannot_read_session_documents_and_a_bad_language_is_400()
    {
        var donor = await _factory.ApiClientAsync("donor@portfolio.local");
        Assert.That((await donor.GetAsync($"/api/reports/bureau-sessions/{_lausanne}/minutes.pdf")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await _officer.GetAsync($"/api/reports/bureau-sessions/{_lausanne}/minutes.pdf?lang=de")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await _officer.GetAsync($"/api/reports/bureau-sessions/{Guid.NewGuid()}/dossier.pdf")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
