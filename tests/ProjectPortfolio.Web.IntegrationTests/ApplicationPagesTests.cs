using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;

namespace ProjectPortfolio.Web.IntegrationTests;

public class ApplicationPagesTests
{
    private PortfolioFactory _factory = null!;
    private HttpClient _api = null!;
    private HttpClient _browser = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new PortfolioFactory();
        _api = await _factory.ApiClientAsync("officer@portfolio.local");
        _browser = await _factory.SignedInBrowserAsync("officer@portfolio.local");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _factory.DisposeAsync();
        PortfolioFactory.DeleteDatabase(_factory.DatabasePath);
    }

    private async Task<string> DraftAsync(object body)
    {
        var created = await _api.PostAsJsonAsync("/api/applications", body);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        return (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
    }

    [Test]
    public async Task Editing_a_draft_on_the_page_keeps_its_English_title_and_summary()
    {
        var member = (string)JsonNode.Parse(await _api.GetStringAsync("/api/members?q=LOME"))!["items"]![0]!["id"]!;
        var id = await DraftAsync(new
        {
            applicantMemberId = member, kind = "NewProject", title = "Marchés couverts de Lomé", titleEn = "Covered markets of Lomé",
            summary = "Trois marchés.", summaryEn = "Three markets.",
        });

        var form = await Html.GetAsync(_browser, $"/applications/edit/{id}");
        Assert.That(((IHtmlInputElement)form.QuerySelector("#Input_TitleEn")!).Value, Is.EqualTo("Covered markets of Lomé"));
        var values = Html.FormValues(form);
        values["Input.Summary"] = "Trois marchés couverts.";
        var saved = await _browser.PostAsync($"/applications/edit/{id}", new FormUrlEncodedContent(values));
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        var dossier = JsonNode.Parse(await _api.GetStringAsync($"/api/applications/{id}"))!;
        Assert.That((string?)dossier["summary"], Is.EqualTo("Trois marchés couverts."));
        Assert.That((string?)dossier["titleEn"], Is.EqualTo("Covered markets of Lomé"), "a page edit never drops the English text");
        Assert.That((string?)dossier["summaryEn"], Is.EqualTo("Three markets."));
    }
}
