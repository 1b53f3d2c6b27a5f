using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>Project execution through real HTTP: roles, field errors, stale versions, unmet conditions, hostile text.</summary>
public class ExecutionApiTests
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

    private static async Task<JsonNode> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException(text);
    }

    private static async Task<JsonNode> OkJson(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        return await Json(response);
    }

    private async Task<JsonNode> NewProjectAsync(decimal grant = 100000)
    {
        var member = (string)(await OkJson(_officer.GetAsync("/api/members?q=RUMONGE")))["items"]![0]!["id"]!;
        return await OkJson(_officer.PostAsJsonAsync("/api/projects", new
        {
            title = "Adduction d'eau à Rumonge", leadMemberId = member, country = "BI", theme = "water-sanitation", instrument = "COOP_FUND",
            plannedStart = "2026-01-01", plannedEnd = "2027-12-31", grantAmount = grant, currency = "EUR",
        }));
    }

    private static int Version(JsonNode project) => (int)project["version"]!;

    [Test]
    public async Task An_officer_completes_a_milestone_and_pays_the_tranche_it_releases()
    {
        var project = await NewProjectAsync();
        var id = (string)project["id"]!;
        project = await OkJson(_officer.PostAsJsonAsync($"/api/projects/{id}/milestones",
            new { version = Version(project), title = "Forage du puits", titleEn = "Well drilled", plannedDate = "2026-03-01" }));
        var milestone = project["milestones"]![0]!;
        Assert.That((bool)milestone["isLate"]!, Is.True, "planned in the past and not done");

        project = await OkJson(_officer.PostAsJsonAsync($"/api/projects/{id}/tranches", new
        {
            version = Version(project), plannedDate = "2026-04-01", amount = 30000,
            conditions = new object[]
            {
                new { kind = "MilestoneDone", milestoneId = (string)milestone["id"]! },
                new { kind = "ReportApproved", text = "=HYPERLINK(\"http://evil\")" },
            },
        }));
        var tranche = project["tranches"]![0]!;
        Assert.That((bool)tranche["isPayable"]!, Is.False);
        Assert.That((string)tranche["conditions"]![1]!["text"]!, Is.EqualTo("=HYPERLINK(\"http://evil\")"), "stored as typed, never evaluated");
        var trancheId = (string)tranche["id"]!;

        var unmet = await _officer.PostAsJsonAsync($"/api/projects/{id}/tranches/{trancheId}/pay", new { version = Version(project), paidDate = "2026-04-02" });
        Assert.That(unmet.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var detail = (string)(await Json(unmet))["detail"]!;
        Assert.That(detail, Does.Contain("Forage du puits").And.Contain("HYPERLINK"));

        project = await OkJson(_officer.PostAsJsonAsync($"/api/projects/{id}/milestones/{milestone["id"]}/complete", new { version = Version(project), actualDate = "2026-03-10" }));
        Assert.That((string)project["milestones"]![0]!["status"]!, Is.EqualTo("Done"));
        Assert.That((bool)project["tranches"]![0]!["conditions"]![0]!["isMet"]!, Is.True);
        var stillUnmet = await _officer.PostAsJsonAsync($"/api/projects/{id}/tranches/{trancheId}/pay", new { version = Version(project), paidDate = "2026-04-02" });
        Assert.That(stillUnmet.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((string)(await Json(stillUnmet))["detail"]!, Does.Not.Contain("Forage du puits"));

        var conditionId = (string)project["tranches"]![0]!["conditions"]![1]!["id"]!;
        project = await OkJson(_officer.PostAsJsonAsync($"/api/projects/{id}/tranches/{trancheId}/conditions/{conditionId}/met",
            new { version = Version(project), note = "<b>approuvé</b>" }));
        Assert.That((string)project["tranches"]![0]!["conditions"]![1]!["metBy"]!, Is.EqualTo("officer@portfolio.local"));
        Assert.That((bool)project["tranches"]![0]!["isPayable"]!, Is.True);

        var stale = await _officer.PostAsJsonAsync($"/api/projects/{id}/tranches/{trancheId}/pay", new { version = Version(project) - 1, paidDate = "2026-04-02" });
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a stale version is a conflict");

        project = await OkJson(_officer.PostAsJsonAsync($"/api/projects/{id}/tranches/{trancheId}/pay", new { version = Version(project), paidDate = "2026-04-02" }));
        Assert.That((long)project["tranches"]![0]!["paidMinor"]!, Is.EqualTo(3_000_000));
        Assert.That((long)project["remainingMinor"]!, Is.EqualTo(7_000_000));
        var twice = await _officer.PostAsJsonAsync($"/api/projects/{id}/tranches/{trancheId}/pay", new { version = Version(project), paidDate = "2026-04-03" });
        Assert.That(twice.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task Bad_input_gets_400_with_the_fields_and_changes_nothing()
    {
        var project = await NewProjectAsync(1000);
        var id = (string)project["id"]!;
        var v = Version(project);

        var milestone = await _officer.PostAsJsonAsync($"/api/projects/{id}/milestones", new { version = v, title = new string('x', 5000) });
        Assert.That(milestone.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Json(milestone))["errors"]!.AsObject().Select(e => e.Key), Is.SupersetOf(new[] { "Title", "PlannedDate" }));

        var tranche = await _officer.PostAsJsonAsync($"/api/projects/{id}/tranches",
            new { version = v, plannedDate = "2026-04-01", amount = -5, conditions = new[] { new { kind = "ReportApproved", text = "" } } });
        Assert.That(tranche.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Json(tranche))["errors"]!.AsObject().Select(e => e.Key), Is.SupersetOf(new[] { "Amount", "Conditions[0].Text" }));

        var aboveGrant = await _officer.PostAsJsonAsync($"/api/projects/{id}/tranches", new { version = v, plannedDate = "2026-04-01", amount = 1000.01 });
        Assert.That(aboveGrant.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await aboveGrant.Content.ReadAsStringAsync(), Does.Contain("more than the grant"));

        var badKind = await _officer.PostAsync($"/api/projects/{id}/tranches",
            new StringContent($"{{\"version\":{v},\"plannedDate\":\"2026-04-01\",\"amount\":10,\"conditions\":[{{\"kind\":\"Bribe\"}}]}}", Encoding.UTF8, "application/json"));
        Assert.That(badKind.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var badDate = await _officer.PostAsync($"/api/projects/{id}/milestones",
            new StringContent($"{{\"version\":{v},\"title\":\"x\",\"plannedDate\":\"../../etc/passwd\"}}", Encoding.UTF8, "application/json"));
        Assert.That(badDate.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        var target = await _officer.PutAsJsonAsync($"/api/projects/{id}/targets/NOT_AN_INDICATOR", new { version = v, baseline = 0, target = 10, targetDate = "2027-12-31" });
        Assert.That(target.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Json(target))["errors"]!["IndicatorCode"], Is.Not.Null);

        var unknownMilestone = await _officer.PostAsJsonAsync($"/api/projects/{id}/milestones/{Guid.NewGuid()}/complete", new { version = v, actualDate = "2026-03-10" });
        Assert.That(unknownMilestone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var after = await OkJson(_officer.GetAsync($"/api/projects/{id}"));
        Assert.That(Version(after), Is.EqualTo(v));
        Assert.That(after["milestones"]!.AsArray(), Is.Empty);
        Assert.That(after["tranches"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Targets_are_set_and_removed_through_the_API()
    {
        var project = await NewProjectAsync();
        var id = (string)project["id"]!;
        project = await OkJson(_officer.PutAsJsonAsync($"/api/projects/{id}/targets/PEOPLE_WATER_ACCESS", new { version = Version(project), baseline = 100, target = 5000, targetDate = "2027-12-31" }));
        Assert.That((double)project["targets"]![0]!["target"]!, Is.EqualTo(5000));
        var stale = await _officer.DeleteAsync($"/api/projects/{id}/targets/PEOPLE_WATER_ACCESS?version={Version(project) - 1}");
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        project = await OkJson(_officer.DeleteAsync($"/api/projects/{id}/targets/PEOPLE_WATER_ACCESS?version={Version(project)}"));
        Assert.That(project["targets"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Co_financing_received_is_recorded_in_the_line_currency()
    {
        var all = (await OkJson(_officer.GetAsync("/api/projects?pageSize=100")))["items"]!.AsArray();
        JsonNode? project = null;
        foreach (var item in all)
        {
            var detail = await OkJson(_officer.GetAsync($"/api/projects/{item!["id"]}"));
            if (detail["coFinancing"]!.AsArray().Count > 0) { project = detail; break; }
        }
        Assert.That(project, Is.Not.Null, "the sample portfolio has co-financed projects");
        var id = (string)project!["id"]!;
        var line = project["coFinancing"]![0]!;
        var amountMinor = (long)line["amountMinor"]!;

        var above = await _officer.PutAsJsonAsync($"/api/projects/{id}/co-financing/{line["id"]}/received",
            new { version = Version(project), amount = amountMinor + 100, receivedOn = "2025-02-01" });
        Assert.That(above.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Json(above))["errors"]!["Amount"], Is.Not.Null);

        project = await OkJson(_officer.PutAsJsonAsync($"/api/projects/{id}/co-financing/{line["id"]}/received",
            new { version = Version(project), amount = 1, receivedOn = "2025-02-01" }));
        var updated = project["coFinancing"]!.AsArray().Single(c => (string)c!["id"]! == (string)line["id"]!)!;
        Assert.That((string)updated["status"]!, Is.EqualTo("Confirmed"));
        Assert.That((string)updated["receivedOn"]!, Is.EqualTo("2025-02-01"));
        Assert.That((long)updated["receivedMinor"]!, Is.GreaterThan(0));
    }

    [TestCase("bureau@portfolio.local")]
    [TestCase("donor@portfolio.local")]
    [TestCase("applicant@portfolio.local")]
    public async Task Other_roles_get_403_and_change_nothing(string email)
    {
        var project = await NewProjectAsync();
        var id = (string)project["id"]!;
        var client = await _factory.ApiClientAsync(email);
        var v = Version(project);
        var calls = new[]
        {
            await client.PostAsJsonAsync($"/api/projects/{id}/milestones", new { version = v, title = "Intrus", plannedDate = "2026-03-01" }),
            await client.PostAsJsonAsync($"/api/projects/{id}/tranches", new { version = v, plannedDate = "2026-03-01", amount = 10 }),
            await client.PutAsJsonAsync($"/api/projects/{id}/targets/PEOPLE_TRAINED", new { version = v, baseline = 0, target = 1, targetDate = "2027-01-01" }),
            await client.DeleteAsync($"/api/projects/{id}/targets/PEOPLE_TRAINED?version={v}"),
        };
        Assert.That(calls.Select(c => c.StatusCode), Is.All.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(Version(await OkJson(_officer.GetAsync($"/api/projects/{id}"))), Is.EqualTo(v));
    }

    [Test]
    public async Task A_donor_reads_execution_of_what_it_co_finances()
    {
        var donor = await _factory.ApiClientAsync("donor@portfolio.local");
        var seen = (await OkJson(donor.GetAsync("/api/projects?pageSize=5")))["items"]!.AsArray();
        Assert.That(seen, Is.Not.Empty);
        var detail = await OkJson(donor.GetAsync($"/api/projects/{seen[0]!["id"]}"));
        foreach (var key in new[] { "milestones", "tranches", "coFinancing", "targets", "remainingMinor" })
            Assert.That(detail[key], Is.Not.Null, key);
        var write = await donor.PostAsJsonAsync($"/api/projects/{seen[0]!["id"]}/milestones", new { version = Version(detail), title = "x", plannedDate = "2026-03-01" });
        Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
