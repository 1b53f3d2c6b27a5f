using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProjectPortfolio.Web.IntegrationTests;

public class ApiTests
{
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

    private static async Task<JsonNode> Json(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    private async Task<int> ProjectCountAsync() => (int)(await Json(await _officer.GetAsync("/api/projects?pageSize=1")))["totalCount"]!;

    [Test]
    public async Task Health_and_the_OpenAPI_document_need_no_login()
    {
        var anonymous = _factory.CreateClient();
        Assert.That((await anonymous.GetAsync("/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var openApi = await anonymous.GetAsync("/openapi/v1.json");
        Assert.That(openApi.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var paths = (await Json(openApi))["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.That(paths, Is.SupersetOf(new[] { "/api/projects", "/api/projects/{id}", "/api/auth/login", "/api/members", "/api/partners" }));
    }

    [TestCase("/api/projects")]
    [TestCase("/api/members")]
    [TestCase("/api/themes")]
    [TestCase("/api/portfolio/summary")]
    [TestCase("/api/portfolio/projects?indicator=HEALTH_FACILITIES")]
    public async Task Without_a_token_the_API_answers_401_with_problem_details(string url)
    {
        var response = await _factory.CreateClient().GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task A_wrong_password_or_a_forged_token_is_refused()
    {
        var client = _factory.CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = "officer@portfolio.local", password = "not-the-password" });
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await client.PostAsJsonAsync("/api/auth/login", new { email = "", password = "" })).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        client.DefaultRequestHeaders.Authorization = new("Bearer", "forged-token");
        Assert.That((await client.GetAsync("/api/projects")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Rwanda_health_lists_the_Kigali_Rusizi_and_Rubavu_projects()
    {
        var response = await _officer.GetAsync("/api/projects?country=RW&theme=health");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var items = (await Json(response))["items"]!.AsArray();
        var members = items.Select(i => (string)i!["leadMemberName"]!).Distinct().ToList();
        Assert.That(members, Is.EquivalentTo(new[] { "Ville de Kigali", "District de Rusizi", "District de Rubavu" }));
        Assert.That(items.All(i => (string)i!["country"]! == "RW" && (string)i!["themeCode"]! == "health"), Is.True);
        Assert.That((string)items[0]!["status"]!, Is.AnyOf("Approved", "Ongoing", "Suspended", "Completed", "Closed", "Cancelled"), "enums travel by name");
    }

    [Test]
    public async Task A_project_opens_with_its_finance_milestones_and_targets()
    {
        var first = (await Json(await _officer.GetAsync("/api/projects?q=Gitega")))["items"]![0]!;
        var detail = await Json(await _officer.GetAsync($"/api/projects/{first["id"]}"));
        Assert.That((string)detail["country"]!, Is.EqualTo("BI"));
        Assert.That(detail["coFinancing"]!.AsArray().Select(c => (string)c!["partnerName"]!), Does.Contain("Union européenne"));
        Assert.That(detail["milestones"]!.AsArray().Any(m => (string?)m!["actualDate"] == "2024-08-26"), Is.True);
        Assert.That((await _officer.GetAsync($"/api/projects/{Guid.NewGuid()}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static object ValidProject(Guid member, string title = "Adduction d'eau à Rumonge") => new
    {
        title, summary = "Trois bornes-fontaines.", leadMemberId = member, country = "BI", theme = "water-sanitation", instrument = "COOP_FUND",
        plannedStart = "2026-01-01", plannedEnd = "2027-06-30", grantAmount = 80000, currency = "EUR",
    };

    private async Task<Guid> MemberAsync(string code = "RUMONGE") =>
        (Guid)(await Json(await _officer.GetAsync($"/api/members?q={code}")))["items"]![0]!["id"]!;

    [Test]
    public async Task Invalid_input_gets_400_naming_each_bad_field_and_saves_nothing()
    {
        var before = await ProjectCountAsync();
        var response = await _officer.PostAsJsonAsync("/api/projects", new
        {
            title = "", leadMemberId = await MemberAsync(), country = "BI", theme = "water-sanitation", instrument = "COOP_FUND",
            plannedStart = "2026-06-30", plannedEnd = "2026-01-01", grantAmount = -1, currency = "EUR",
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await Json(response))["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.That(errors, Is.SupersetOf(new[] { "Title", "PlannedEnd", "GrantAmount" }));
        Assert.That(await ProjectCountAsync(), Is.EqualTo(before));
    }

    [TestCase("{ \"title\": ")]
    [TestCase("{ \"title\": \"x\", \"plannedStart\": \"demain\" }")]
    [TestCase("{ \"title\": \"x\", \"grantAmount\": \"beaucoup\" }")]
    [TestCase("[1, 2, 3]")]
    public async Task Unreadable_bodies_get_400_not_500(string body)
    {
        var before = await ProjectCountAsync();
        var response = await _officer.PostAsync("/api/projects", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await ProjectCountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Create_then_edit_then_a_stale_edit_conflicts()
    {
        var created = await _officer.PostAsJsonAsync("/api/projects", ValidProject(await MemberAsync()));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var project = await Json(created);
        Assert.That(created.Headers.Location!.ToString(), Is.EqualTo($"/api/projects/{project["id"]}"));

        var edit = project.DeepClone().AsObject();
        edit["theme"] = (string)project["themeCode"]!;
        edit["instrument"] = (string)project["instrumentCode"]!;
        edit["title"] = "Adduction d'eau à Rumonge — phase 1";
        var saved = await _officer.PutAsJsonAsync($"/api/projects/{project["id"]}", edit);
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((int)(await Json(saved))["version"]!, Is.EqualTo(2));

        edit["title"] = "Écrasement silencieux ?";
        var stale = await _officer.PutAsJsonAsync($"/api/projects/{project["id"]}", edit);
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var current = await Json(await _officer.GetAsync($"/api/projects/{project["id"]}"));
        Assert.That((string)current["title"]!, Is.EqualTo("Adduction d'eau à Rumonge — phase 1"));
    }

    [Test]
    public async Task A_donor_reads_only_what_it_co_finances_and_cannot_write()
    {
        var donor = await _factory.ApiClientAsync("donor@portfolio.local");
        var seen = (await Json(await donor.GetAsync("/api/projects?pageSize=100")))["items"]!.AsArray();
        Assert.That(seen, Is.Not.Empty);
        foreach (var item in seen)
        {
            var detail = await Json(await donor.GetAsync($"/api/projects/{item!["id"]}"));
            Assert.That(detail["coFinancing"]!.AsArray().Select(c => (string)c!["partnerName"]!), Does.Contain("Union européenne"));
        }
        var all = (await Json(await _officer.GetAsync("/api/projects?pageSize=100")))["items"]!.AsArray();
        var hidden = all.First(a => seen.All(s => (string)s!["id"]! != (string)a!["id"]!))!;
        Assert.That((await donor.GetAsync($"/api/projects/{hidden["id"]}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var write = await donor.PostAsJsonAsync("/api/projects", ValidProject(await MemberAsync()));
        Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Members_and_partners_refuse_duplicates_and_bad_countries()
    {
        var duplicate = await _officer.PostAsJsonAsync("/api/members", new { code = "kigali", name = "Doublon", kind = "City", country = "RW" });
        Assert.That(duplicate.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Json(duplicate))["errors"]!["Code"], Is.Not.Null);
        var badKind = await _officer.PostAsync("/api/partners", new StringContent("{\"code\":\"P1\",\"name\":\"P\",\"kind\":\"Pirate\"}", Encoding.UTF8, "application/json"));
        Assert.That(badKind.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var noKind = await _officer.PostAsJsonAsync("/api/members", new { code = "SANS-TYPE", name = "Sans type", country = "SN" });
        Assert.That(noKind.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "an omitted kind is an error, not a silent default");
        Assert.That((await Json(noKind))["errors"]!["Kind"], Is.Not.Null);
        var created = await _officer.PostAsJsonAsync("/api/partners", new { code = "OIF", name = "Organisation internationale de la Francophonie", kind = "Multilateral" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task The_catalogue_holds_the_themes_indicators_and_instruments()
    {
        var themes = (await Json(await _officer.GetAsync("/api/themes"))).AsArray().Select(t => (string)t!["code"]!).ToList();
        Assert.That(themes, Is.SupersetOf(new[] { "health", "water-sanitation", "education", "governance", "peace-dialogue", "urban-agriculture", "sport", "tourism", "gender-equality", "environment-climate", "culture" }));
        var indicators = (await Json(await _officer.GetAsync("/api/indicators"))).AsArray().Select(t => (string)t!["code"]!).ToList();
        Assert.That(indicators, Is.SupersetOf(new[] { "HEALTH_FACILITIES", "MATERNITY_UNITS", "PEOPLE_HEALTH_ACCESS", "WOMEN_SUPPORTED", "PEOPLE_WATER_ACCESS", "PEOPLE_TRAINED" }));
        var instruments = (await Json(await _officer.GetAsync("/api/instruments"))).AsArray().Select(t => (string)t!["code"]!).ToList();
        Assert.That(instruments, Is.EquivalentTo(new[] { "COOP_FUND", "EMERGENCY", "GOVERNANCE" }));
    }

    private static List<string> Keys(JsonNode node) => node.AsObject().Select(p => p.Key).ToList();

    [Test]
    public async Task The_portfolio_summary_gives_the_Rwanda_health_figures_since_2020()
    {
        var response = await _officer.GetAsync("/api/portfolio/summary?country=RW&theme=health&from=2020-01-01");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var summary = await Json(response);

        Assert.That(Keys(summary), Is.EqualTo(new[] { "projects", "finance", "indicators" }));
        Assert.That(Keys(summary["projects"]!), Is.EqualTo(new[] { "total", "byStatus" }));
        Assert.That((int)summary["projects"]!["total"]!, Is.EqualTo(5));
        Assert.That((int)summary["projects"]!["byStatus"]!["Completed"]!, Is.EqualTo(3));
        Assert.That((int)summary["projects"]!["byStatus"]!["Ongoing"]!, Is.EqualTo(2));

        // Computed by hand from samples/portfolio.json: the five Kigali, Rusizi and Rubavu projects, all in euros;
        // disbursed counts the payments made since 2020 (the 2019 first tranches are outside the period).
        var finance = summary["finance"]!;
        Assert.That(Keys(finance), Is.EqualTo(new[] { "awardedEur", "disbursedEur", "coFinancingEur" }));
        Assert.That(finance["awardedEur"]!.GetValueKind(), Is.EqualTo(JsonValueKind.Number), "amounts are JSON numbers");
        Assert.That(((decimal)finance["awardedEur"]!, (decimal)finance["disbursedEur"]!, (decimal)finance["coFinancingEur"]!),
            Is.EqualTo((1_330_000m, 930_000m, 180_000m)));

        var indicators = summary["indicators"]!.AsArray().ToDictionary(i => (string)i!["code"]!, i => i!);
        Assert.That(indicators.Keys, Is.EqualTo(new[] { "HEALTH_FACILITIES", "MATERNITY_UNITS", "PEOPLE_HEALTH_ACCESS" }));
        var facilities = indicators["HEALTH_FACILITIES"];
        Assert.That(Keys(facilities), Is.EqualTo(new[] { "code", "nameFr", "nameEn", "unit", "total", "target", "byCountry" }));
        Assert.That(((string)facilities["unit"]!, (double)facilities["total"]!, (double)facilities["target"]!), Is.EqualTo(("Count", 15d, 22d)));
        Assert.That(facilities["total"]!.ToJsonString(), Is.EqualTo("15"));
        Assert.That(facilities["byCountry"]!.ToJsonString(), Is.EqualTo("{\"RW\":15}"));
        Assert.That(((double)indicators["MATERNITY_UNITS"]["total"]!, (double)indicators["MATERNITY_UNITS"]["target"]!), Is.EqualTo((2d, 3d)));
        var people = indicators["PEOPLE_HEALTH_ACCESS"];
        Assert.That(((string)people["unit"]!, (double)people["total"]!, (double)people["target"]!), Is.EqualTo(("People", 85_000d, 101_000d)));

        var drill = await Json(await _officer.GetAsync("/api/portfolio/projects?indicator=PEOPLE_HEALTH_ACCESS&country=RW&theme=health&from=2020-01-01"));
        Assert.That((double)drill["total"]!, Is.EqualTo(85_000));
    }

    [TestCase("from=2024-01-01&to=2023-12-31", "To")]
    [TestCase("from=01/02/2020", "From")]
    [TestCase("from=2020-01-01&to=demain", "To")]
    [TestCase("theme=astrologie", "Theme")]
    [TestCase("partner=NOBODY", "Partner")]
    [TestCase("country=XX", "Country")]
    public async Task A_bad_portfolio_filter_gets_400_naming_the_field(string query, string field)
    {
        var response = await _officer.GetAsync("/api/portfolio/summary?" + query);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Keys((await Json(response))["errors"]!), Is.EqualTo(new[] { field }));
    }
}
