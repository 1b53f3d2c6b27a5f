using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>The measurement workflow over HTTP on the sample portfolio: roles, scope, 400/403/404/409 answers and
/// evidence uploads.</summary>
public class MeasurementApiTests
{
    private PortfolioFactory _factory = null!;
    private HttpClient _officer = null!;
    private HttpClient _officer2 = null!;
    private string _rusizi = null!;
    private string _ueProject = null!;

    private static readonly byte[] MinimalPdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new PortfolioFactory();
        _officer = await _factory.ApiClientAsync("officer@portfolio.local");
        _officer2 = await _factory.ApiClientAsync("officer2@portfolio.local");
        _rusizi = await ProjectIdAsync("AIMF-2024-002");
        _ueProject = await ProjectIdAsync("AIMF-2024-003");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _factory.DisposeAsync();
        PortfolioFactory.DeleteDatabase(_factory.DatabasePath);
    }

    private async Task<string> ProjectIdAsync(string code)
    {
        var list = JsonNode.Parse(await _officer.GetStringAsync($"/api/projects?q={code}"))!;
        return (string)list["items"]!.AsArray().Single(p => (string)p!["code"]! == code)!["id"]!;
    }

    private static async Task<JsonNode> OkJson(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        return JsonNode.Parse(text)!;
    }

    private static async Task<JsonNode> Problem(Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        return JsonNode.Parse(text)!;
    }

    private static MultipartFormDataContent Form(byte[] bytes, string name)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent { { file, "file", name } };
    }

    private Task<HttpResponseMessage> RecordAsync(string project, object body) => _officer.PostAsJsonAsync($"/api/projects/{project}/measurements", body);

    [Test]
    public async Task Record_attach_submit_approve_by_another_officer_and_the_summary_moves()
    {
        var before = await FacilitiesAsync();
        var created = await OkJson(RecordAsync(_rusizi, new
        {
            indicator = "health_facilities", periodStart = "2025-01-01", periodEnd = "2025-12-31", value = 2,
            evidence = "PV de réception des centres de Nkombo et Gihundwe", evidenceLink = "https://example.org/pv-2025.pdf",
        }), HttpStatusCode.Created);
        var m = created["measurement"]!;
        var id = (string)m["id"]!;
        Assert.That(((string)m["status"]!, (string)m["indicatorCode"]!, (int)m["revision"]!), Is.EqualTo(("Draft", "HEALTH_FACILITIES", 1)));

        var upload = await _officer.PostAsync($"/api/measurements/{id}/attachments", Form(MinimalPdf, "../../PV réception 2025.pdf"));
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Created), await upload.Content.ReadAsStringAsync());
        var file = JsonNode.Parse(await upload.Content.ReadAsStringAsync())!;
        Assert.That((string)file["fileName"]!, Is.EqualTo("PV réception 2025.pdf"), "no folders in the stored name");
        Assert.That((string)file["sha256"]!, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(MinimalPdf))));
        var download = await _officer2.GetAsync(upload.Headers.Location);
        Assert.That(download.Content.Headers.ContentDisposition!.DispositionType, Is.EqualTo("attachment"));
        Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(MinimalPdf));
        var files = (await OkJson(_officer.GetAsync($"/api/measurements/{id}/attachments"))).AsArray();
        Assert.That(files.Select(f => (string)f!["id"]!), Is.EqualTo(new[] { (string)file["id"]! }));

        var submitted = await OkJson(_officer.PostAsJsonAsync($"/api/measurements/{id}/submit", new { version = (int)m["version"]! }));
        var version = (int)submitted["measurement"]!["version"]!;

        var selfApproval = await Problem(_officer.PostAsJsonAsync($"/api/measurements/{id}/approve", new { version }), HttpStatusCode.Conflict);
        Assert.That((string)selfApproval["detail"]!, Does.Contain("someone other than whoever submitted"));
        var queue = (await OkJson(_officer2.GetAsync("/api/measurements/review-queue"))).AsArray();
        Assert.That(queue.Select(q => (string)q!["measurement"]!["id"]!), Does.Contain(id));
        Assert.That((await OkJson(_officer.GetAsync("/api/measurements/review-queue"))).AsArray().Select(q => (string)q!["measurement"]!["id"]!), Does.Not.Contain(id));

        var approved = await OkJson(_officer2.PostAsJsonAsync($"/api/measurements/{id}/approve", new { version }));
        Assert.That(((string)approved["measurement"]!["status"]!, (string)approved["measurement"]!["reviewedBy"]!), Is.EqualTo(("Approved", "officer2@portfolio.local")));
        Assert.That(await FacilitiesAsync(), Is.EqualTo(before + 2));

        // Evidence is not added behind an approval; an approved value is corrected, not edited.
        Assert.That((await _officer.PostAsync($"/api/measurements/{id}/attachments", Form(MinimalPdf, "late.pdf"))).StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var approvedVersion = (int)approved["measurement"]!["version"]!;
        await Problem(_officer.PutAsJsonAsync($"/api/measurements/{id}", new { version = approvedVersion, value = 5 }), HttpStatusCode.Conflict);
        var correction = await OkJson(_officer.PostAsJsonAsync($"/api/measurements/{id}/correct", new { version = approvedVersion, value = 1, evidence = "Un seul centre réceptionné" }),
            HttpStatusCode.Created);
        Assert.That(((int)correction["measurement"]!["revision"]!, (string)correction["measurement"]!["status"]!), Is.EqualTo((2, "Draft")));
        Assert.That(correction["history"]!.AsArray().Select(h => (string)h!["id"]!), Is.EqualTo(new[] { id }));
        Assert.That(await FacilitiesAsync(), Is.EqualTo(before), "the corrected value no longer counts");

        var project = await OkJson(_officer.GetAsync($"/api/projects/{_rusizi}/measurements"));
        var period = project["indicators"]!.AsArray().Single(i => (string)i!["code"]! == "HEALTH_FACILITIES")!["periods"]!.AsArray()
            .Single(p => (string)p!["periodStart"]! == "2025-01-01")!;
        Assert.That(((int)period["current"]!["revision"]!, period["history"]!.AsArray().Count), Is.EqualTo((2, 1)));
    }

    private async Task<double> FacilitiesAsync()
    {
        var summary = await OkJson(_officer.GetAsync("/api/portfolio/summary?country=RW&theme=health&from=2020-01-01"));
        return (double)summary["indicators"]!.AsArray().Single(i => (string)i!["code"]! == "HEALTH_FACILITIES")!["total"]!;
    }

    [Test]
    public async Task Bad_input_is_a_400_naming_the_field_and_saves_nothing()
    {
        var before = (await OkJson(_officer.GetAsync($"/api/projects/{_rusizi}/measurements")))["indicators"]!.ToJsonString();

        var cases = new (object Body, string Field)[]
        {
            (new { indicator = "MATERNITY_UNITS", periodStart = "2024-07-01", periodEnd = "2024-12-31", value = -1 }, "Value"),
            (new { indicator = "MATERNITY_UNITS", periodStart = "2024-07-01", periodEnd = "2024-12-31" }, "Value"),
            (new { indicator = "MATERNITY_UNITS", periodStart = "2024-12-31", periodEnd = "2024-07-01", value = 1 }, "PeriodEnd"),
            (new { indicator = "PEOPLE_TRAINED", periodStart = "2024-07-01", periodEnd = "2024-12-31", value = 1 }, "Indicator"),
            (new { indicator = "<script>", periodStart = "2024-07-01", periodEnd = "2024-12-31", value = 1 }, "Indicator"),
            (new { indicator = "MATERNITY_UNITS", periodStart = "2024-07-01", periodEnd = "2024-12-31", value = 1, evidenceLink = "javascript:alert(1)" }, "EvidenceLink"),
            (new { indicator = "MATERNITY_UNITS", periodStart = "2024-07-01", periodEnd = "2024-12-31", value = 1, evidence = new string('x', 2001) }, "Evidence"),
            (new { indicator = "PEOPLE_HEALTH_ACCESS", periodStart = "2023-01-01", periodEnd = "2023-12-31", value = 100,
                parts = new[] { new { sex = "Female", value = 80 }, new { sex = "Male", value = 30 } } }, "Parts"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = await Problem(RecordAsync(_rusizi, body), HttpStatusCode.BadRequest);
            Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Does.Contain(field), problem.ToJsonString());
        }
        // Wrongly typed values are unreadable bodies, still a 400 problem.
        await Problem(_officer.PostAsync($"/api/projects/{_rusizi}/measurements",
            new StringContent("{\"indicator\":\"MATERNITY_UNITS\",\"periodStart\":\"2024-07-01\",\"periodEnd\":\"2024-12-31\",\"value\":\"=1+1\"}", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        await Problem(_officer.PostAsync($"/api/projects/{_rusizi}/measurements",
            new StringContent("{\"indicator\":\"MATERNITY_UNITS\",\"periodStart\":\"31/12/2024\",\"value\":1}", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        // Overlapping an existing current period of the same indicator is a conflict.
        await Problem(RecordAsync(_rusizi, new { indicator = "PEOPLE_HEALTH_ACCESS", periodStart = "2025-06-01", periodEnd = "2025-06-30", value = 1 }), HttpStatusCode.Conflict);

        Assert.That((await OkJson(_officer.GetAsync($"/api/projects/{_rusizi}/measurements")))["indicators"]!.ToJsonString(), Is.EqualTo(before));
    }

    [Test]
    public async Task Return_needs_a_comment_and_a_stale_version_is_a_conflict()
    {
        var created = await OkJson(RecordAsync(_rusizi, new { indicator = "MATERNITY_UNITS", periodStart = "2024-07-01", periodEnd = "2024-12-31", value = 1 }),
            HttpStatusCode.Created);
        var id = (string)created["measurement"]!["id"]!;
        var submitted = await OkJson(_officer.PostAsJsonAsync($"/api/measurements/{id}/submit", new { version = 1 }));
        var version = (int)submitted["measurement"]!["version"]!;

        await Problem(_officer.PostAsJsonAsync($"/api/measurements/{id}/submit", new { version = 1 }), HttpStatusCode.Conflict);
        var noComment = await Problem(_officer2.PostAsJsonAsync($"/api/measurements/{id}/return", new { version, comment = "  " }), HttpStatusCode.BadRequest);
        Assert.That(noComment["errors"]!.AsObject().Select(e => e.Key), Does.Contain("Comment"));
        var returned = await OkJson(_officer2.PostAsJsonAsync($"/api/measurements/{id}/return", new { version, comment = "Joindre le PV." }));
        Assert.That(((string)returned["measurement"]!["status"]!, (string)returned["measurement"]!["reviewComment"]!), Is.EqualTo(("Returned", "Joindre le PV.")));

        var edited = await OkJson(_officer.PutAsJsonAsync($"/api/measurements/{id}", new { version = (int)returned["measurement"]!["version"]!, value = 1, evidence = "PV joint" }));
        Assert.That((string)edited["measurement"]!["evidence"]!, Is.EqualTo("PV joint"));
        await Problem(_officer.PutAsJsonAsync($"/api/measurements/{id}", new { version, value = 3 }), HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Roles_and_scope()
    {
        var bureau = await _factory.ApiClientAsync("bureau@portfolio.local");
        var donor = await _factory.ApiClientAsync("donor@portfolio.local");
        var applicant = await _factory.ApiClientAsync("applicant@portfolio.local");
        var anonymous = _factory.CreateClient();
        var body = new { indicator = "PEOPLE_TRAINED", periodStart = "2024-01-01", periodEnd = "2024-03-31", value = 10 };

        Assert.That((await bureau.GetAsync($"/api/projects/{_rusizi}/measurements")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Problem(bureau.PostAsJsonAsync($"/api/projects/{_ueProject}/measurements", body), HttpStatusCode.Forbidden);
        await Problem(bureau.GetAsync("/api/measurements/review-queue"), HttpStatusCode.Forbidden);

        // A donor reads the projects its partner co-finances; any other project does not exist for it.
        var ueMeasurements = await OkJson(donor.GetAsync($"/api/projects/{_ueProject}/measurements"));
        var someId = ueMeasurements["indicators"]!.AsArray().SelectMany(i => i!["periods"]!.AsArray()).Select(p => (string)p!["current"]!["id"]!).First();
        Assert.That((await donor.GetAsync($"/api/measurements/{someId}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Problem(donor.GetAsync($"/api/projects/{_rusizi}/measurements"), HttpStatusCode.NotFound);
        var rusiziId = (string)(await OkJson(_officer.GetAsync($"/api/projects/{_rusizi}/measurements")))["indicators"]![0]!["periods"]![0]!["current"]!["id"]!;
        await Problem(donor.GetAsync($"/api/measurements/{rusiziId}"), HttpStatusCode.NotFound);
        await Problem(donor.GetAsync($"/api/measurements/{rusiziId}/attachments"), HttpStatusCode.NotFound);
        await Problem(donor.PostAsJsonAsync($"/api/projects/{_ueProject}/measurements", body), HttpStatusCode.Forbidden);

        await Problem(applicant.GetAsync($"/api/projects/{_rusizi}/measurements"), HttpStatusCode.Forbidden);
        await Problem(applicant.GetAsync($"/api/measurements/{rusiziId}"), HttpStatusCode.Forbidden);
        await Problem(applicant.PostAsync($"/api/measurements/{rusiziId}/attachments", Form(MinimalPdf, "a.pdf")), HttpStatusCode.Forbidden);
        Assert.That((await anonymous.GetAsync($"/api/measurements/{rusiziId}")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        await Problem(_officer.GetAsync($"/api/measurements/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await Problem(_officer.GetAsync($"/api/projects/{Guid.NewGuid()}/measurements"), HttpStatusCode.NotFound);
        await Problem(_officer.PostAsJsonAsync($"/api/measurements/{Guid.NewGuid()}/submit", new { version = 1 }), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Evidence_files_are_checked_like_every_attachment()
    {
        var created = await OkJson(RecordAsync(_ueProject, new { indicator = "EVENTS_HELD", periodStart = "2024-01-01", periodEnd = "2024-01-31", value = 1 }),
            HttpStatusCode.Created);
        var id = (string)created["measurement"]!["id"]!;

        var html = await Problem(_officer.PostAsync($"/api/measurements/{id}/attachments", Form(Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "rapport.pdf")),
            HttpStatusCode.BadRequest);
        Assert.That(html["errors"]!.AsObject().Select(e => e.Key), Does.Contain("File"));
        await Problem(_officer.PostAsync($"/api/measurements/{id}/attachments", new StringContent("not a form")), HttpStatusCode.BadRequest);
        await Problem(_officer.PostAsync($"/api/measurements/{id}/attachments", Form([], "vide.pdf")), HttpStatusCode.BadRequest);
        var tooLarge = new byte[21 * 1024 * 1024];
        MinimalPdf.CopyTo(tooLarge, 0);
        Assert.That((await _officer.PostAsync($"/api/measurements/{id}/attachments", Form(tooLarge, "gros.pdf"))).StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        await Problem(_officer.PostAsync($"/api/measurements/{Guid.NewGuid()}/attachments", Form(MinimalPdf, "a.pdf")), HttpStatusCode.NotFound);

        var ok = await _officer.PostAsync($"/api/measurements/{id}/attachments", Form(MinimalPdf, "=cmd|' /C calc'!A0.pdf"));
        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var name = (string)JsonNode.Parse(await ok.Content.ReadAsStringAsync())!["fileName"]!;
        Assert.That(name, Does.Not.StartWith("="), "a name that a spreadsheet would run as a formula is defused");
        Assert.That((await OkJson(_officer.GetAsync($"/api/measurements/{id}/attachments"))).AsArray(), Has.Count.EqualTo(1));
    }
}

/// <summary>The measurement pages through real HTTP with the sign-in cookie and antiforgery tokens.</summary>
public class MeasurementPagesTests
{
    private PortfolioFactory _factory = null!;
    private HttpClient _officer = null!;
    private string _rusizi = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new PortfolioFactory();
        var api = await _factory.ApiClientAsync("officer@portfolio.local");
        var list = JsonNode.Parse(await api.GetStringAsync("/api/projects?q=AIMF-2024-002"))!;
        _rusizi = (string)list["items"]!.AsArray().Single(p => (string)p!["code"]! == "AIMF-2024-002")!["id"]!;
        _officer = await _factory.SignedInBrowserAsync("officer@portfolio.local");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _factory.DisposeAsync();
        PortfolioFactory.DeleteDatabase(_factory.DatabasePath);
    }

    [Test]
    public async Task The_project_page_shows_statuses_in_French_and_a_rejected_form_keeps_what_was_typed()
    {
        var page = await Html.GetAsync(_officer, $"/Projects/{_rusizi}/Measurements");
        var statuses = page.QuerySelectorAll("[data-testid=measurement-status]").Select(s => s.TextContent.Trim()).ToList();
        Assert.That(statuses, Does.Contain("Brouillon").And.Contain("Approuvée").And.Contain("Soumise"));
        Assert.That(page.QuerySelector("[data-testid=achieved-PEOPLE_HEALTH_ACCESS]")!.TextContent, Does.Contain("30\u202F000").Or.Contain("30\u00A0000"));

        var form = await Html.GetAsync(_officer, $"/Projects/{_rusizi}/Measurements?indicator=PEOPLE_HEALTH_ACCESS");
        Assert.That(form.QuerySelector("#Input_Female"), Is.Not.Null, "the indicator is disaggregated by sex");
        Assert.That(form.QuerySelector("#Input_Under15"), Is.Null, "but not by age");
        var values = Html.FormValues(form, "#measurement-form form");
        values["Input.PeriodStart"] = "2023-01-01";
        values["Input.PeriodEnd"] = "2023-12-31";
        values["Input.Value"] = "1 000,5";
        values["Input.Female"] = "800";
        values["Input.Male"] = "douze";
        values["Input.Evidence"] = "<script>alert('x')</script>";
        var response = await _officer.PostAsync($"/Projects/{_rusizi}/Measurements?handler=Record", new FormUrlEncodedContent(values));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var rejected = await Html.ParseAsync(response);
        Assert.That(Html.FieldError(rejected, "Input.Male"), Is.Not.Null);
        Assert.That(rejected.QuerySelector("#Input_Value")!.GetAttribute("value"), Is.EqualTo("1 000,5"));
        Assert.That(rejected.QuerySelector("#Input_Evidence")!.TextContent, Is.EqualTo("<script>alert('x')</script>"), "kept, as text");
        Assert.That(rejected.QuerySelectorAll("script"), Is.Empty, "never as markup");

        values["Input.Male"] = "300";
        var parts = await Html.ParseAsync(await _officer.PostAsync($"/Projects/{_rusizi}/Measurements?handler=Record", new FormUrlEncodedContent(values)));
        Assert.That(parts.QuerySelector("#Input_Parts")?.TextContent, Does.Contain("dépassent le total"));

        values["Input.Male"] = "200";
        var saved = await _officer.PostAsync($"/Projects/{_rusizi}/Measurements?handler=Record", new FormUrlEncodedContent(values));
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var after = await Html.GetAsync(_officer, saved.Headers.Location!.OriginalString);
        Assert.That(after.QuerySelector("#Input_Value")!.GetAttribute("value"), Is.EqualTo("1000,5"), "the draft opens for evidence and submission");
    }

    [Test]
    public async Task The_review_queue_is_for_officers_and_applicants_see_no_measurements()
    {
        var queue = await Html.GetAsync(_officer, "/Measurements");
        Assert.That(queue.QuerySelector("h1")!.TextContent, Is.EqualTo("Mesures à valider"));
        Assert.That(queue.QuerySelector("nav a[href='/Measurements']"), Is.Not.Null);

        var bureau = await _factory.SignedInBrowserAsync("bureau@portfolio.local");
        Assert.That((await bureau.GetAsync("/Measurements")).StatusCode, Is.Not.EqualTo(HttpStatusCode.OK));
        var bureauPage = await Html.GetAsync(bureau, $"/Projects/{_rusizi}/Measurements");
        Assert.That(bureauPage.QuerySelectorAll("#measurement-form, form[action*='handler=Approve']"), Is.Empty, "the Bureau reads");

        var applicant = await _factory.SignedInBrowserAsync("applicant@portfolio.local");
        // Refused for the role, as the API refuses it, before anything about the project is loaded.
        var refused = await applicant.GetAsync($"/Projects/{_rusizi}/Measurements");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(refused.Headers.Location!.OriginalString, Does.Contain("/Account/AccessDenied"));
    }
}
