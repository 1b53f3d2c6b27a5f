using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ProjectPortfolio.Web.IntegrationTests;

public class FundingCycleApiTests
{
    private PortfolioFactory _factory = null!;
    private HttpClient _officer = null!;
    private HttpClient _bureau = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new PortfolioFactory();
        _officer = await _factory.ApiClientAsync("officer@portfolio.local");
        _bureau = await _factory.ApiClientAsync("bureau@portfolio.local");
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

    private async Task<JsonNode> OkJson(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        return await Json(response);
    }

    [Test]
    public async Task The_Lausanne_session_summary_is_served_by_the_API()
    {
        var sessions = (await OkJson(_officer.GetAsync("/api/bureau-sessions"))).AsArray();
        var lausanne = sessions.Single(s => (string)s!["date"]! == "2024-05-24")!;
        var detail = await OkJson(_officer.GetAsync($"/api/bureau-sessions/{lausanne["id"]}"));
        Assert.That((int)detail["summary"]!["continuationsApproved"]!, Is.EqualTo(7));
        Assert.That((int)detail["summary"]!["newProjectsApproved"]!, Is.EqualTo(5));
        var donor = await _factory.ApiClientAsync("donor@portfolio.local");
        Assert.That((await donor.GetAsync($"/api/bureau-sessions/{lausanne["id"]}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task The_cycle_through_the_API_and_its_illegal_steps()
    {
        var member = (string)(await OkJson(_officer.GetAsync("/api/members?q=LOME")))["items"]![0]!["id"]!;
        var created = await _officer.PostAsJsonAsync("/api/applications", new
        {
            applicantMemberId = member, kind = "NewProject", title = "Éclairage solaire des marchés de Lomé",
            summary = "Lampadaires solaires.", theme = "environment-climate", instrument = "COOP_FUND",
            requested = 60000, totalBudget = 90000, plannedStart = "2027-03-01", plannedEnd = "2028-02-28",
            expectedResults = new[] { new { indicator = "PEOPLE_TRAINED", target = 120 } },
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var application = await Json(created);
        var id = (string)application["id"]!;
        Assert.That((string)application["status"]!, Is.EqualTo("Draft"));

        // A Bureau member cannot edit an application.
        var edit = await _bureau.PutAsJsonAsync($"/api/applications/{id}", new { version = 1, title = "Modifié par le Bureau" });
        Assert.That(edit.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var submitted = await OkJson(_officer.PostAsJsonAsync($"/api/applications/{id}/submit", new { version = (int)application["version"]! }));
        Assert.That((string)submitted["status"]!, Is.EqualTo("Submitted"));
        var again = await _officer.PostAsJsonAsync($"/api/applications/{id}/submit", new { version = (int)submitted["version"]! });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "submitting twice is an illegal transition");
        var answers = application["screening"]!.AsArray().Select(c => new { criterionId = (string)c!["criterionId"]!, answer = "Yes" }).ToArray();
        var stale = await _officer.PostAsJsonAsync($"/api/applications/{id}/screening", new { version = 1, answers });
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a stale version is a conflict");

        var incomplete = await _officer.PostAsJsonAsync($"/api/applications/{id}/screening", new { version = (int)submitted["version"]!, comment = "Éligible" });
        Assert.That(incomplete.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "every criterion of the checklist is answered");
        var screened = await OkJson(_officer.PostAsJsonAsync($"/api/applications/{id}/screening", new { version = (int)submitted["version"]!, answers, comment = "Éligible" }));
        var recommended = await OkJson(_officer.PostAsJsonAsync($"/api/applications/{id}/recommendation",
            new { version = (int)screened["version"]!, recommended = true, proposedAmount = 55000 }));
        Assert.That((string)recommended["status"]!, Is.EqualTo("Recommended"));

        var session = await OkJson(_officer.PostAsJsonAsync("/api/bureau-sessions", new
        {
            date = "2027-05-20", place = "Dakar", envelopes = new[] { new { instrument = "COOP_FUND", amount = 500000, currency = "EUR" } },
        }));
        var sessionId = (string)session["id"]!;
        var decideTooEarly = await _officer.PostAsJsonAsync($"/api/bureau-sessions/{sessionId}/decisions", new { applicationId = id, outcome = "Approved", awardedAmount = 50000 });
        Assert.That(decideTooEarly.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "not on the agenda yet");
        await OkJson(_officer.PostAsJsonAsync($"/api/bureau-sessions/{sessionId}/agenda", new { applicationIds = new[] { id } }));

        Assert.That((await _bureau.PostAsJsonAsync($"/api/applications/{id}/opinions", new { opinion = "Favourable", comment = "Utile" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await _officer.PostAsJsonAsync($"/api/applications/{id}/opinions", new { opinion = "Favourable" })).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var tooMuch = await _officer.PostAsJsonAsync($"/api/bureau-sessions/{sessionId}/decisions", new { applicationId = id, outcome = "Approved", awardedAmount = 60000.01 });
        Assert.That(tooMuch.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Json(tooMuch))["errors"]!["Awarded"], Is.Not.Null);

        var decision = await OkJson(_officer.PostAsJsonAsync($"/api/bureau-sessions/{sessionId}/decisions", new { applicationId = id, outcome = "Approved", awardedAmount = 55000 }));
        var project = await OkJson(_officer.GetAsync($"/api/projects/{decision["projectId"]}"));
        Assert.That((long)project["grantMinor"]!, Is.EqualTo(5_500_000));
        Assert.That((string)project["title"]!, Is.EqualTo("Éclairage solaire des marchés de Lomé"));

        var detail = await OkJson(_officer.GetAsync($"/api/bureau-sessions/{sessionId}"));
        Assert.That((long)detail["envelopes"]![0]!["remainingMinor"]!, Is.EqualTo(44_500_000));
        await OkJson(_officer.PostAsJsonAsync($"/api/bureau-sessions/{sessionId}/close", new { version = (int)detail["version"]! }));
        var afterClose = await _officer.PostAsJsonAsync($"/api/bureau-sessions/{sessionId}/decisions", new { applicationId = id, outcome = "Deferred" });
        Assert.That(afterClose.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a closed session's decisions are locked");
    }

    [Test]
    public async Task An_incomplete_draft_is_refused_with_a_readable_message()
    {
        var member = (string)(await OkJson(_officer.GetAsync("/api/members?q=DAKAR")))["items"]![0]!["id"]!;
        var draft = await OkJson(_officer.PostAsJsonAsync("/api/applications", new { applicantMemberId = member, kind = "NewProject", title = "Brouillon" }));
        var submit = await _officer.PostAsJsonAsync($"/api/applications/{draft["id"]}/submit", new { version = (int)draft["version"]! });
        Assert.That(submit.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await submit.Content.ReadAsStringAsync(), Does.Contain("incomplete"));
        Assert.That((string)(await OkJson(_officer.GetAsync($"/api/applications/{draft["id"]}")))["status"]!, Is.EqualTo("Draft"));
    }

    [Test]
    public async Task Attendance_sent_when_creating_a_session_is_recorded_and_a_PUT_can_remove_a_name()
    {
        var session = await OkJson(_officer.PostAsJsonAsync("/api/bureau-sessions", new
        {
            date = "2028-03-14", place = "Tunis", attendance = new[] { "Aminata Diallo", "Jean Dupont" },
        }));
        Assert.That(session["attendance"]!.AsArray().Select(n => (string)n!), Is.EqualTo(new[] { "Aminata Diallo", "Jean Dupont" }));
        var updated = await OkJson(_officer.PutAsJsonAsync($"/api/bureau-sessions/{session["id"]}", new
        {
            version = (int)session["version"]!, date = "2028-03-14", place = "Tunis", attendance = new[] { "Aminata Diallo" },
        }));
        Assert.That(updated["attendance"]!.AsArray().Select(n => (string)n!), Is.EqualTo(new[] { "Aminata Diallo" }));
    }
}
