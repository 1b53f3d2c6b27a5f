using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>The audit trail's read side over real HTTP: a record's history on its page (officers and administrators
/// only), the administrators' search, page and export, hostile values shown and exported as text, and no route that
/// could change the trail. Also that a payment and a decision write their entries.</summary>
public class AuditTrailUiTests
{
    private const string Hostile = "<script>alert('x')</script> =cmd|' /C calc'!A0";

    private PortfolioFactory _factory = null!;
    private HttpClient _officer = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new PortfolioFactory();
        _officer = await _factory.ApiClientAsync("officer@portfolio.local");
        _admin = await _factory.ApiClientAsync("admin@portfolio.local");
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
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await Json(response);
    }

    /// <summary>A new project, then an edit of its title by the officer: one Created and one Updated entry.</summary>
    private async Task<(string Id, string OldTitle)> EditedProjectAsync(string newTitle)
    {
        var member = (string)(await OkJson(_officer.GetAsync("/api/members?q=RUMONGE")))["items"]![0]!["id"]!;
        var oldTitle = "Adduction d'eau à Rumonge " + Guid.NewGuid().ToString("N")[..6];
        var project = await OkJson(_officer.PostAsJsonAsync("/api/projects", new
        {
            title = oldTitle, leadMemberId = member, country = "BI", theme = "water-sanitation", instrument = "COOP_FUND",
            plannedStart = "2026-01-01", plannedEnd = "2027-12-31", grantAmount = 100000, currency = "EUR",
        }));
        await EditTitleAsync(project, newTitle);
        return ((string)project["id"]!, oldTitle);
    }

    private async Task EditTitleAsync(JsonNode project, string newTitle)
    {
        var edit = project.DeepClone().AsObject();
        edit["theme"] = (string)project["themeCode"]!;
        edit["instrument"] = (string)project["instrumentCode"]!;
        edit["title"] = newTitle;
        await OkJson(_officer.PutAsJsonAsync($"/api/projects/{project["id"]}", edit));
    }

    private async Task<JsonNode> SearchAsync(string query) => await OkJson(_admin.GetAsync("/api/audit?" + query));

    [Test]
    public async Task An_officer_sees_a_project_edit_in_its_history_with_old_and_new_values_as_text()
    {
        var (id, oldTitle) = await EditedProjectAsync(Hostile);
        var browser = await _factory.SignedInBrowserAsync("officer@portfolio.local");

        var response = await browser.GetAsync($"/Projects/Details/{id}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var html = await response.Content.ReadAsStringAsync();
        var page = await Html.ParseAsync(response);
        var history = page.QuerySelector("#history");
        Assert.That(history, Is.Not.Null, "the officer sees the History section");
        Assert.That(history!.QuerySelector("h2")!.TextContent, Is.EqualTo("Historique"));

        var titleRow = history.QuerySelectorAll("table.history-changes tr")
            .FirstOrDefault(r => r.QuerySelector("th")?.TextContent == "Titre" && r.QuerySelector(".history-old")?.TextContent == oldTitle);
        Assert.That(titleRow, Is.Not.Null, "the edit shows the title before and after: " + history.TextContent);
        Assert.That(titleRow!.QuerySelector(".history-new")!.TextContent, Is.EqualTo(Hostile), "the new value, exactly as typed");
        // Markup in a value is text: encoded in the page, never an element.
        Assert.That(history.QuerySelectorAll("script"), Is.Empty);
        Assert.That(html, Does.Contain("&lt;script&gt;"));
        Assert.That(history.TextContent, Does.Contain("Chargée de programme"), "who made the change");
        Assert.That(history.QuerySelector("time")!.TextContent, Does.Match(@"^\d{2}/\d{2}/\d{4} \d{2}:\d{2} UTC$"), "French date, UTC time");
        Assert.That(history.QuerySelectorAll(".history-entry"), Has.Length.EqualTo(2), "created, then edited");
        Assert.That(history.QuerySelectorAll(".history-entry .badge")[0].TextContent, Is.EqualTo("Modification"), "newest first");
        Assert.That(history.QuerySelector("[data-testid=history-log]"), Is.Null, "the link to the full log is for administrators");

        var adminBrowser = await _factory.SignedInBrowserAsync("admin@portfolio.local");
        var adminPage = await Html.GetAsync(adminBrowser, $"/Projects/Details/{id}");
        Assert.That(adminPage.QuerySelector("#history [data-testid=history-log]")!.GetAttribute("href"), Is.EqualTo($"/admin/audit?entity={id}"));
    }

    [Test]
    public async Task The_history_of_a_long_record_is_paged_with_a_link_to_older_entries()
    {
        var member = (string)(await OkJson(_officer.GetAsync("/api/members?q=RUMONGE")))["items"]![0]!["id"]!;
        var project = await OkJson(_officer.PostAsJsonAsync("/api/projects", new
        {
            title = "Titre 0", leadMemberId = member, country = "BI", theme = "water-sanitation", instrument = "COOP_FUND",
            plannedStart = "2026-01-01", plannedEnd = "2027-12-31", grantAmount = 100000, currency = "EUR",
        }));
        var id = (string)project["id"]!;
        for (var i = 1; i <= 11; i++)
        {
            await EditTitleAsync(project, "Titre " + i);
            project = await OkJson(_officer.GetAsync($"/api/projects/{id}"));
        }
        var browser = await _factory.SignedInBrowserAsync("officer@portfolio.local");
        var first = await Html.GetAsync(browser, $"/Projects/Details/{id}");
        Assert.That(first.QuerySelectorAll("#history .history-entry"), Has.Length.EqualTo(10), "the latest ten");
        var more = first.QuerySelector("#history [data-testid=history-more]")!.GetAttribute("href")!;
        Assert.That(more, Is.EqualTo($"/Projects/Details/{id}?history=2#history"));
        var second = await Html.GetAsync(browser, more.Split('#')[0]);
        var older = second.QuerySelectorAll("#history .history-entry");
        Assert.That(older, Has.Length.EqualTo(2), "12 entries: 10 on the first page, 2 on the second");
        Assert.That(older[^1].QuerySelector(".badge")!.TextContent, Is.EqualTo("Création"));
    }

    [Test]
    public async Task Bureau_donors_and_applicants_see_no_history_and_only_administrators_reach_the_log()
    {
        var donor = await _factory.ApiClientAsync("donor@portfolio.local");
        var donorsProject = (string)(await OkJson(donor.GetAsync("/api/projects?pageSize=1")))["items"]![0]!["id"]!;
        await EditTitleAsync(await OkJson(_officer.GetAsync($"/api/projects/{donorsProject}")), "Titre revu par le programme");

        var officerPage = await Html.GetAsync(await _factory.SignedInBrowserAsync("officer@portfolio.local"), $"/Projects/Details/{donorsProject}");
        Assert.That(officerPage.QuerySelector("#history"), Is.Not.Null, "the project has a history, which the officer sees");
        foreach (var email in new[] { "donor@portfolio.local", "bureau@portfolio.local" })
        {
            var browser = await _factory.SignedInBrowserAsync(email);
            var response = await browser.GetAsync($"/Projects/Details/{donorsProject}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), email);
            var html = await response.Content.ReadAsStringAsync();
            Assert.That(html, Does.Not.Contain("id=\"history\"").And.Not.Contain("Chargée de programme"), email);

            var log = await browser.GetAsync("/admin/audit");
            Assert.That(log.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), email);
            Assert.That(log.Headers.Location!.OriginalString, Does.Contain("/Account/AccessDenied"), email);
        }

        var applicant = await _factory.ApiClientAsync("applicant@portfolio.local");
        var applicantsApplication = (string)(await OkJson(applicant.GetAsync("/api/applications?pageSize=1")))["items"]![0]!["id"]!;
        var applicantPage = await (await _factory.SignedInBrowserAsync("applicant@portfolio.local")).GetAsync($"/Applications/Details/{applicantsApplication}");
        Assert.That(applicantPage.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await applicantPage.Content.ReadAsStringAsync(), Does.Not.Contain("id=\"history\""));
        var officerApplication = await Html.GetAsync(await _factory.SignedInBrowserAsync("officer@portfolio.local"), $"/Applications/Details/{applicantsApplication}");
        Assert.That(officerApplication.QuerySelector("#history h2")?.TextContent, Is.EqualTo("Historique"), "the application page has the section too");

        foreach (var client in new[] { donor, applicant, _officer, await _factory.ApiClientAsync("bureau@portfolio.local") })
        {
            Assert.That((await client.GetAsync("/api/audit")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await client.GetAsync("/api/audit/export.xlsx")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        }
        Assert.That((await _factory.CreateClient().GetAsync("/api/audit")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Administrators_filter_sort_and_page_the_log()
    {
        var (id, oldTitle) = await EditedProjectAsync("Adduction d'eau à Rumonge — phase 2");

        var record = await SearchAsync($"entity={id}");
        Assert.That((int)record["totalCount"]!, Is.EqualTo(2));
        var items = record["items"]!.AsArray();
        Assert.That(items.Select(i => (string)i!["action"]!), Is.EqualTo(new[] { "Updated", "Created" }), "newest first");
        Assert.That(items.Select(i => (string)i!["userName"]!), Has.All.EqualTo("Chargée de programme"));
        var change = items[0]!["changes"]!.AsArray().Single(c => (string)c!["field"]! == "Title")!;
        Assert.That((string)change["old"]!, Is.EqualTo(oldTitle));
        Assert.That((string)change["new"]!, Is.EqualTo("Adduction d'eau à Rumonge — phase 2"));

        Assert.That((int)(await SearchAsync($"entity={id}&action=created"))["totalCount"]!, Is.EqualTo(1), "action, whatever its case");
        Assert.That((int)(await SearchAsync($"entity={id}&user=admin"))["totalCount"]!, Is.EqualTo(0), "the administrator changed nothing");
        Assert.That((int)(await SearchAsync($"entity={id}&user=chargée"))["totalCount"]!, Is.EqualTo(2));
        Assert.That((int)(await SearchAsync($"entity={id}&entityType=grantapplication"))["totalCount"]!, Is.EqualTo(0));
        Assert.That((int)(await SearchAsync($"entity={id}&entityType=project"))["totalCount"]!, Is.EqualTo(2));
        // Text in the values, accents included (JSON stores "à" escaped).
        var byText = await SearchAsync("entity=" + Uri.EscapeDataString(oldTitle));
        Assert.That(byText["items"]!.AsArray().Select(i => (string)i!["entityId"]!), Has.All.EqualTo(id).And.Not.Empty);

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.That((int)(await SearchAsync($"entity={id}&from={today}&to={today}"))["totalCount"]!, Is.EqualTo(2), "a whole UTC day, both ends included");
        Assert.That((int)(await SearchAsync($"entity={id}&from={tomorrow}"))["totalCount"]!, Is.EqualTo(0));
        Assert.That((int)(await SearchAsync($"entity={id}&to={yesterday}"))["totalCount"]!, Is.EqualTo(0));

        var oldestFirst = (await SearchAsync($"entity={id}&sort=at"))["items"]!.AsArray();
        Assert.That(oldestFirst.Select(i => (string)i!["action"]!), Is.EqualTo(new[] { "Created", "Updated" }));

        var all = await SearchAsync("pageSize=5");
        var total = (int)all["totalCount"]!;
        Assert.That(total, Is.GreaterThan(5), "the sign-ins and changes of this class at least");
        var times = all["items"]!.AsArray().Select(i => (DateTime)i!["atUtc"]!).ToList();
        Assert.That(times, Is.Ordered.Descending);
        var second = await SearchAsync("pageSize=5&page=2");
        Assert.That((int)second["pageNumber"]!, Is.EqualTo(2));
        Assert.That(second["items"]!.AsArray().Select(i => (string)i!["id"]!),
            Has.None.AnyOf(all["items"]!.AsArray().Select(i => (string)i!["id"]!).ToArray()));

        foreach (var (query, field) in new[] { ("action=Nope", "Action"), ("from=2026-13-01", "From"), ("from=2026-12-02&to=2026-12-01", "To"), ("sort=bogus", "Sort"), ("pageSize=1000", "PageSize") })
        {
            var bad = await _admin.GetAsync("/api/audit?" + query);
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), query);
            Assert.That((await Json(bad))["errors"]![field], Is.Not.Null, query);
        }

        // The page: the same filters, in French, with the record's rows and a field error for a bad date.
        var browser = await _factory.SignedInBrowserAsync("admin@portfolio.local");
        var page = await Html.GetAsync(browser, $"/admin/audit?entity={id}");
        Assert.That(page.QuerySelectorAll("table.audit-log tbody tr"), Has.Length.EqualTo(2));
        Assert.That(page.QuerySelector("table.audit-log tbody tr td:nth-child(3)")!.TextContent, Is.EqualTo("Modification"));
        Assert.That(page.QuerySelector("[data-testid=audit-export]")!.GetAttribute("href"), Is.EqualTo($"/api/audit/export.xlsx?entity={id}&lang=fr"));
        var refused = await browser.GetAsync("/admin/audit?from=02/12/2026");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a bad filter is shown, never a 500");
        Assert.That(Html.FieldError(await Html.ParseAsync(refused), "From"), Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public async Task The_export_reopens_as_a_workbook_with_exactly_the_filtered_rows_and_hostile_values_as_text()
    {
        var (id, _) = await EditedProjectAsync(Hostile);
        var expected = (int)(await SearchAsync($"entity={id}"))["totalCount"]!;

        using var response = await _admin.GetAsync($"/api/audit/export.xlsx?entity={id}", HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        Assert.That(response.Content.Headers.ContentLength, Is.Null, "streamed: the length is not known when the download starts");
        Assert.That(response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName,
            Does.StartWith("journal-audit-"));
        using var workbook = new DownloadedWorkbook(await response.Content.ReadAsByteArrayAsync());
        Assert.That(workbook.SchemaErrors(), Is.Empty);
        Assert.That(workbook.SheetNames, Is.EqualTo(new[] { "Journal d'audit" }));
        var rows = workbook.Rows("Journal d'audit");
        Assert.That(rows, Has.Count.EqualTo(expected + 1), "a header and exactly the filtered entries");
        Assert.That(workbook.Text(rows[0]["G"]), Is.EqualTo("Modifications (avant → après)"));
        Assert.That(workbook.Text(rows[1]["C"]), Is.EqualTo("Modification"), "newest first, as the search");
        Assert.That(rows.Skip(1).Select(r => workbook.Text(r["E"])), Has.All.EqualTo(id));

        var changes = workbook.Text(rows[1]["G"]);
        Assert.That(changes, Does.Contain("→ " + Hostile), "the value exactly as typed");
        Assert.That(rows[1]["G"].DataType!.Value, Is.EqualTo(CellValues.InlineString), "text, not a formula");
        Assert.That(workbook.Worksheet("Journal d'audit").Descendants<CellFormula>(), Is.Empty);
        Assert.That(workbook.RawParts().Where(p => p.Name.StartsWith("xl/worksheets/", StringComparison.Ordinal)).Select(p => p.Xml),
            Has.None.Contains("<f>").And.None.Contains("<script>"));

        // A value that is nothing but a formula, alone in its cell: the user name of a failed sign-in.
        await _factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "=cmd|' /C calc'!A0", password = "wrong-password-123" });
        using var denied = new DownloadedWorkbook(await _admin.GetByteArrayAsync("/api/audit/export.xlsx?action=SignInFailed&user=" + Uri.EscapeDataString("=cmd") + "&lang=en"));
        var deniedRows = denied.Rows("Audit log");
        Assert.That(deniedRows, Has.Count.EqualTo(2));
        Assert.That(denied.Text(deniedRows[1]["B"]), Is.EqualTo("=cmd|' /C calc'!A0"));
        Assert.That(deniedRows[1]["B"].DataType!.Value, Is.EqualTo(CellValues.InlineString));
        Assert.That(denied.Text(deniedRows[1]["C"]), Is.EqualTo("Failed sign-in"));

        Assert.That((await _admin.GetAsync("/api/audit/export.xlsx?lang=de")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await _admin.GetAsync("/api/audit/export.xlsx?action=Nope")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task No_route_edits_or_deletes_the_audit_log()
    {
        _ = _factory.Server;
        var routes = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => ("/" + (e.RoutePattern.RawText ?? "").TrimStart('/')).StartsWith("/api/audit", StringComparison.OrdinalIgnoreCase))
            .Select(e => (Pattern: e.RoutePattern.RawText, Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            .ToList();
        Assert.That(routes, Has.Count.EqualTo(2), "the search and the export");
        Assert.That(routes.SelectMany(r => r.Methods).Distinct(), Is.EqualTo(new[] { "GET" }), "read only");

        var before = (int)(await SearchAsync("pageSize=1"))["totalCount"]!;
        var entryId = (string)(await SearchAsync("pageSize=1"))["items"]![0]!["id"]!;
        foreach (var method in new[] { "PUT", "PATCH", "DELETE", "POST" })
            foreach (var path in new[] { "/api/audit", $"/api/audit/{entryId}", "/api/audit/export.xlsx" })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { changes = "{}" }) };
                var response = await _admin.SendAsync(request);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound).Or.EqualTo(HttpStatusCode.MethodNotAllowed), $"{method} {path}");
            }
        Assert.That((int)(await SearchAsync("pageSize=1"))["totalCount"]!, Is.EqualTo(before), "nothing written, nothing removed");
    }

    [Test]
    public async Task A_payment_writes_a_payment_entry_in_the_project_history()
    {
        var (id, _) = await EditedProjectAsync("Adduction d'eau à Rumonge — versement");
        var project = await OkJson(_officer.GetAsync($"/api/projects/{id}"));
        project = await OkJson(_officer.PostAsJsonAsync($"/api/projects/{id}/tranches", new { version = (int)project["version"]!, plannedDate = "2026-04-01", amount = 30000 }));
        var trancheId = (string)project["tranches"]![0]!["id"]!;
        await OkJson(_officer.PostAsJsonAsync($"/api/projects/{id}/tranches/{trancheId}/pay", new { version = (int)project["version"]!, paidDate = "2026-04-02" }));

        var payments = (await SearchAsync($"entity={id}&action=Payment"))["items"]!.AsArray();
        Assert.That(payments, Has.Count.EqualTo(1));
        Assert.That((string)payments[0]!["entityType"]!, Is.EqualTo("DisbursementTranche"));
        Assert.That((string)payments[0]!["entityId"]!, Is.EqualTo(trancheId));
        Assert.That((string)payments[0]!["aggregateId"]!, Is.EqualTo(id), "the tranche's entry belongs to its project");
        var paidDate = payments[0]!["changes"]!.AsArray().Single(c => (string)c!["field"]! == "PaidDate")!;
        Assert.That((string?)paidDate["old"], Is.Null);
        Assert.That((string)paidDate["new"]!, Is.EqualTo("2026-04-02"));

        var page = await Html.GetAsync(await _factory.SignedInBrowserAsync("officer@portfolio.local"), $"/Projects/Details/{id}");
        Assert.That(page.QuerySelectorAll("#history .history-entry .badge").Select(b => b.TextContent), Does.Contain("Versement"));
    }

    [Test]
    public async Task A_Bureau_decision_writes_a_decision_entry_in_the_application_history()
    {
        var bureau = await _factory.ApiClientAsync("bureau@portfolio.local");
        var member = (string)(await OkJson(_officer.GetAsync("/api/members?q=LOME")))["items"]![0]!["id"]!;
        var application = await OkJson(_officer.PostAsJsonAsync("/api/applications", new
        {
            applicantMemberId = member, kind = "NewProject", title = "Éclairage solaire des marchés de Lomé",
            summary = "Lampadaires solaires.", theme = "environment-climate", instrument = "COOP_FUND",
            requested = 60000, totalBudget = 90000, plannedStart = "2027-03-01", plannedEnd = "2028-02-28",
            expectedResults = new[] { new { indicator = "PEOPLE_TRAINED", target = 120 } },
        }));
        var id = (string)application["id"]!;
        var submitted = await OkJson(_officer.PostAsJsonAsync($"/api/applications/{id}/submit", new { version = (int)application["version"]! }));
        var answers = application["screening"]!.AsArray().Select(c => new { criterionId = (string)c!["criterionId"]!, answer = "Yes" }).ToArray();
        var screened = await OkJson(_officer.PostAsJsonAsync($"/api/applications/{id}/screening", new { version = (int)submitted["version"]!, answers, comment = "Éligible" }));
        await OkJson(_officer.PostAsJsonAsync($"/api/applications/{id}/recommendation", new { version = (int)screened["version"]!, recommended = true, proposedAmount = 55000 }));
        var session = await OkJson(_officer.PostAsJsonAsync("/api/bureau-sessions", new
        {
            date = "2027-05-20", place = "Dakar", envelopes = new[] { new { instrument = "COOP_FUND", amount = 500000, currency = "EUR" } },
        }));
        var sessionId = (string)session["id"]!;
        await OkJson(_officer.PostAsJsonAsync($"/api/bureau-sessions/{sessionId}/agenda", new { applicationIds = new[] { id } }));
        Assert.That((await bureau.PostAsJsonAsync($"/api/applications/{id}/opinions", new { opinion = "Favourable", comment = "Utile" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((int)(await SearchAsync($"entity={id}&action=Decision"))["totalCount"]!, Is.EqualTo(0), "no decision yet");

        await OkJson(_officer.PostAsJsonAsync($"/api/bureau-sessions/{sessionId}/decisions", new { applicationId = id, outcome = "Approved", awardedAmount = 55000 }));

        var decisions = (await SearchAsync($"entity={id}&action=Decision"))["items"]!.AsArray();
        var decision = decisions.SingleOrDefault(d => (string)d!["entityType"]! == "FundingDecision");
        Assert.That(decision, Is.Not.Null, string.Join(", ", decisions.Select(d => (string)d!["entityType"]!)));
        Assert.That((string)decision!["aggregateId"]!, Is.EqualTo(id), "the decision's entry belongs to its application");
        Assert.That(decision["changes"]!.AsArray().Select(c => (string)c!["field"]!), Does.Contain("Outcome"));
        Assert.That((string)decision["changes"]!.AsArray().Single(c => (string)c!["field"]! == "Outcome")!["new"]!, Is.EqualTo("Approved"));

        var page = await Html.GetAsync(await _factory.SignedInBrowserAsync("officer@portfolio.local"), $"/Applications/Details/{id}");
        Assert.That(page.QuerySelectorAll("#history .history-entry .badge").Select(b => b.TextContent), Does.Contain("Décision"));
    }
}
