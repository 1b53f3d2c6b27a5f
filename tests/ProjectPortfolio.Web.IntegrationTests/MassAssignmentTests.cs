using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>Fields a caller may not set (id, status, version, awarded amount, author) sent in a create or update body
/// are ignored: the record keeps what the application decides, and an id in the body never redirects an update to
/// another record. (A project's status is one of the fields an officer edits, so only its creation ignores it.)</summary>
public class MassAssignmentTests
{
    private PortfolioFactory _factory = null!;
    private HttpClient _officer = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _factory = new PortfolioFactory();
        _officer = await _factory.ApiClientAsync("officer@portfolio.local");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _factory.DisposeAsync();
        PortfolioFactory.DeleteDatabase(_factory.DatabasePath);
    }

    private static async Task<JsonObject> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    private async Task<string> MemberAsync() =>
        (string)JsonNode.Parse(await _officer.GetStringAsync("/api/members?q=RUMONGE"))!["items"]![0]!["id"]!;

    private static void AddForbiddenFields(JsonObject body, string id)
    {
        body["id"] = id;
        body["status"] = "Completed";
        body["version"] = 42;
        body["awardedMinor"] = 999_999_999;
        body["createdBy"] = "intrus@example.org";
        body["decision"] = new JsonObject { ["outcome"] = "Approved", ["awardedMinor"] = 999_999_999 };
    }

    [Test]
    public async Task A_new_project_ignores_id_status_version_and_author_in_its_body()
    {
        var body = new JsonObject
        {
            ["title"] = "Forages à Rumonge", ["summary"] = "Deux forages.", ["leadMemberId"] = await MemberAsync(), ["country"] = "BI",
            ["theme"] = "water-sanitation", ["instrument"] = "COOP_FUND", ["plannedStart"] = "2026-01-01", ["plannedEnd"] = "2027-06-30",
            ["grantAmount"] = 80000, ["currency"] = "EUR",
        };
        var chosenId = Guid.NewGuid().ToString();
        AddForbiddenFields(body, chosenId);

        var created = await _officer.PostAsJsonAsync("/api/projects", body);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var project = await Json(await _officer.GetAsync(created.Headers.Location));
        Assert.That((string)project["id"]!, Is.Not.EqualTo(chosenId));
        Assert.That((string)project["status"]!, Is.Not.EqualTo("Completed"));
        Assert.That((int)project["version"]!, Is.EqualTo(1));
        Assert.That(project.ToJsonString(), Does.Not.Contain("intrus").And.Not.Contain("999999999"));
        Assert.That((await _officer.GetAsync($"/api/projects/{chosenId}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task An_id_in_an_update_body_never_changes_another_project()
    {
        var list = JsonNode.Parse(await _officer.GetStringAsync("/api/projects?pageSize=2"))!["items"]!.AsArray();
        var (targetId, otherId) = ((string)list[0]!["id"]!, (string)list[1]!["id"]!);
        var target = await Json(await _officer.GetAsync($"/api/projects/{targetId}"));
        var otherBefore = await Json(await _officer.GetAsync($"/api/projects/{otherId}"));

        var edit = target.DeepClone().AsObject();
        edit["theme"] = (string)target["themeCode"]!;
        edit["instrument"] = (string)target["instrumentCode"]!;
        edit["title"] = "Titre modifié par la route";
        edit["id"] = otherId;
        edit["createdBy"] = "intrus@example.org";
        var saved = await _officer.PutAsJsonAsync($"/api/projects/{targetId}", edit);
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await saved.Content.ReadAsStringAsync());

        var targetAfter = await Json(await _officer.GetAsync($"/api/projects/{targetId}"));
        Assert.That((string)targetAfter["title"]!, Is.EqualTo("Titre modifié par la route"));
        var otherAfter = await Json(await _officer.GetAsync($"/api/projects/{otherId}"));
        Assert.That(otherAfter.ToJsonString(), Is.EqualTo(otherBefore.ToJsonString()), "the project named in the body is untouched");
    }

    [Test]
    public async Task A_new_application_stays_a_draft_without_a_decision_whatever_its_body_says()
    {
        var body = new JsonObject
        {
            ["applicantMemberId"] = await MemberAsync(), ["kind"] = "NewProject", ["title"] = "Latrines scolaires",
        };
        var chosenId = Guid.NewGuid().ToString();
        AddForbiddenFields(body, chosenId);
        body["status"] = "Approved";

        var created = await _officer.PostAsJsonAsync("/api/applications", body);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var application = await Json(created);
        Assert.That((string)application["id"]!, Is.Not.EqualTo(chosenId));
        Assert.That((string)application["status"]!, Is.EqualTo("Draft"));
        Assert.That(application["decision"], Is.Null);
        Assert.That((int)application["version"]!, Is.LessThanOrEqualTo(1));
        Assert.That(application.ToJsonString(), Does.Not.Contain("intrus").And.Not.Contain("999999999"));
    }
}
