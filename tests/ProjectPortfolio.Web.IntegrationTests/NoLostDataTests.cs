using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectPortfolio.Domain.Applications;
using ProjectPortfolio.Domain.BureauSessions;
using ProjectPortfolio.Infrastructure.Persistence;
using ProjectPortfolio.Testing;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>Issue 6, "no lost data", over real HTTP on a real database file (or PostgreSQL with
/// PORTFOLIO_TEST_PROVIDER=PostgreSql): two people editing the same project, the API's 409, an approval that fails
/// half-way, and fifty requests racing for the same tranche, envelope or project code.</summary>
[NonParallelizable]
public class NoLostDataTests
{
    private PortfolioFactory _factory = null!;
    private HttpClient _api = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new PortfolioFactory();
        _api = await _factory.ApiClientAsync("officer@portfolio.local");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _factory.DisposeAsync();
        PortfolioFactory.DeleteDatabase(_factory.DatabasePath);
    }

    // ---------------------------------------------------------------- helpers

    private static async Task<JsonNode> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException(text);
    }

    private static async Task<JsonNode> OkJson(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await Json(response);
    }

    private async Task<string> MemberAsync(string query) => (string)(await OkJson(_api.GetAsync($"/api/members?q={query}")))["items"]![0]!["id"]!;

    private async Task<JsonNode> NewProjectAsync(string title = "Adduction d'eau à Rumonge")
    {
        var member = await MemberAsync("RUMONGE");
        var created = await OkJson(_api.PostAsJsonAsync("/api/projects", new
        {
            title, summary = "Réseau d'eau potable.", leadMemberId = member, country = "BI", theme = "water-sanitation", instrument = "COOP_FUND",
            plannedStart = "2026-01-01", plannedEnd = "2027-12-31", grantAmount = 100000, currency = "EUR",
        }));
        return created;
    }

    /// <summary>An application taken through submission, screening and recommendation, ready for a session's agenda.</summary>
    private async Task<string> RecommendedApplicationAsync(string member, string title)
    {
        var application = await OkJson(_api.PostAsJsonAsync("/api/applications", new
        {
            applicantMemberId = member, kind = "NewProject", title, summary = "Lampadaires solaires.", theme = "environment-climate",
            instrument = "COOP_FUND", requested = 60000, totalBudget = 90000, plannedStart = "2031-03-01", plannedEnd = "2032-02-28",
            expectedResults = new[] { new { indicator = "PEOPLE_TRAINED", target = 120 } },
        }));
        var id = (string)application["id"]!;
        var submitted = await OkJson(_api.PostAsJsonAsync($"/api/applications/{id}/submit", new { version = (int)application["version"]! }));
        var answers = application["screening"]!.AsArray().Select(c => new { criterionId = (string)c!["criterionId"]!, answer = "Yes" }).ToArray();
        var screened = await OkJson(_api.PostAsJsonAsync($"/api/applications/{id}/screening", new { version = (int)submitted["version"]!, answers, comment = "Éligible" }));
        await OkJson(_api.PostAsJsonAsync($"/api/applications/{id}/recommendation", new { version = (int)screened["version"]!, recommended = true, proposedAmount = 50000 }));
        return id;
    }

    private async Task<string> SessionAsync(DateOnly date, long envelopeEuros, IEnumerable<string> agenda)
    {
        var session = await OkJson(_api.PostAsJsonAsync("/api/bureau-sessions", new
        {
            date = date.ToString("yyyy-MM-dd"), place = "Dakar", envelopes = new[] { new { instrument = "COOP_FUND", amount = envelopeEuros, currency = "EUR" } },
        }));
        var id = (string)session["id"]!;
        await OkJson(_api.PostAsJsonAsync($"/api/bureau-sessions/{id}/agenda", new { applicationIds = agenda.ToArray() }));
        return id;
    }

    private async Task<T> InDatabaseAsync<T>(Func<ApplicationDbContext, Task<T>> work)
    {
        using var scope = _factory.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>());
    }

    /// <summary>Runs <paramref name="count"/> requests at once (released together) and returns their answers.</summary>
    private static async Task<HttpResponseMessage[]> RaceAsync(int count, Func<int, Task<HttpResponseMessage>> request)
    {
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, count).Select(async i => { await start.WaitAsync(); return await request(i); }).ToList();
        start.Release(count);
        return await Task.WhenAll(tasks);
    }

    private static async Task AssertNo5xxAsync(IEnumerable<HttpResponseMessage> responses)
    {
        foreach (var response in responses.Where(r => (int)r.StatusCode >= 500))
            Assert.Fail($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    // ---------------------------------------------------------------- 1. two people, one project form

    private static Dictionary<string, string> FormOf(IHtmlDocument page)
    {
        var values = Html.FormValues(page);
        values["__RequestVerificationToken"] = Html.Token(page);
        return values;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string url, Dictionary<string, string> values, IEnumerable<string>? partners = null)
    {
        var pairs = values.Select(v => new KeyValuePair<string, string>(v.Key, v.Value)).ToList();
        pairs.AddRange((partners ?? []).Select(p => new KeyValuePair<string, string>("Input.PartnerMemberIds", p)));
        return await browser.PostAsync(url, new FormUrlEncodedContent(pairs));
    }

    [Test]
    public async Task The_second_editor_of_a_project_sees_what_the_first_saved_keeps_their_input_and_overwrites_only_on_purpose()
    {
        var project = await NewProjectAsync();
        var id = (string)project["id"]!;
        var url = $"/Projects/Edit/{id}";
        var awa = await _factory.SignedInBrowserAsync("officer@portfolio.local");
        var jean = await _factory.SignedInBrowserAsync("officer2@portfolio.local");

        // Both open the form at version 1.
        var awaForm = FormOf(await Html.GetAsync(awa, url));
        var jeanForm = FormOf(await Html.GetAsync(jean, url));
        Assert.That(jeanForm["Input.Version"], Is.EqualTo(awaForm["Input.Version"]));

        // Awa saves first: a new title and end date.
        awaForm["Input.Title"] = "Adduction d'eau à Rumonge — saisie d'Awa";
        awaForm["Input.PlannedEnd"] = "2028-06-30";
        var saved = await PostFormAsync(awa, url, awaForm);
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        // Jean saves a different title and summary from his stale page: refused, his input kept, Awa's values shown.
        jeanForm["Input.Title"] = "Adduction d'eau à Rumonge — saisie de Jean";
        jeanForm["Input.Summary"] = "Résumé réécrit par Jean.";
        var refused = await PostFormAsync(jean, url, jeanForm);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the form comes back, nothing saved");
        var page = await Html.ParseAsync(refused);
        Assert.That(page.QuerySelector(".error-summary")!.TextContent, Does.Contain("pendant que vous la modifiiez").And.Contain("rien n'a été enregistré"));
        Assert.That(((IHtmlInputElement)page.QuerySelector("#Input_Title")!).Value, Is.EqualTo("Adduction d'eau à Rumonge — saisie de Jean"));
        Assert.That(((IHtmlTextAreaElement)page.QuerySelector("#Input_Summary")!).Value, Is.EqualTo("Résumé réécrit par Jean."));

        var table = page.QuerySelector("table.conflict-changes")!;
        Assert.That(table.QuerySelectorAll("thead th").Select(h => h.TextContent.Trim()), Is.EqualTo(new[] { "Champ", "Valeur enregistrée par l'autre", "Votre saisie" }));
        string Row(string field, string cell) => table.QuerySelector($"tr[data-field={field}] td.{cell}")!.TextContent.Trim();
        Assert.That(Row("Title", "stored"), Is.EqualTo("Adduction d'eau à Rumonge — saisie d'Awa"));
        Assert.That(Row("Title", "typed"), Is.EqualTo("Adduction d'eau à Rumonge — saisie de Jean"));
        Assert.That(Row("PlannedEnd", "stored"), Is.EqualTo("30/06/2028"), "Awa's change Jean did not make is listed too");
        Assert.That(Row("PlannedEnd", "typed"), Is.EqualTo("31/12/2027"));
        Assert.That(Row("Summary", "stored"), Is.EqualTo("Réseau d'eau potable."));
        Assert.That(table.QuerySelector("tr[data-field=LeadMemberId]"), Is.Null, "fields both agree on are not listed");
        Assert.That(table.QuerySelector("tr[data-field=Country]"), Is.Null);

        // Nothing of Jean's was written; the page now carries the stored version.
        var stored = await OkJson(_api.GetAsync($"/api/projects/{id}"));
        Assert.That((string)stored["title"]!, Is.EqualTo("Adduction d'eau à Rumonge — saisie d'Awa"));
        Assert.That((string?)stored["summary"], Is.EqualTo("Réseau d'eau potable."));
        var refreshed = FormOf(page);
        Assert.That(refreshed["Input.Version"], Is.EqualTo(((int)stored["version"]!).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        // Saving again from that page is the deliberate overwrite: it goes through.
        var overwrite = await PostFormAsync(jean, url, refreshed);
        Assert.That(overwrite.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await overwrite.Content.ReadAsStringAsync());
        stored = await OkJson(_api.GetAsync($"/api/projects/{id}"));
        Assert.That((string)stored["title"]!, Is.EqualTo("Adduction d'eau à Rumonge — saisie de Jean"));
        Assert.That((string)stored["summary"]!, Is.EqualTo("Résumé réécrit par Jean."));
        Assert.That((string)stored["plannedEnd"]!, Is.EqualTo("2027-12-31"), "Jean saw Awa's date in the table and chose his own");

        // Awa's now-stale page conflicts in turn: no side ever overwrites silently.
        var awaAgain = await PostFormAsync(awa, url, awaForm);
        Assert.That(awaAgain.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_conflict_state_reads_in_English_too()
    {
        var project = await NewProjectAsync();
        var id = (string)project["id"]!;
        var url = $"/Projects/Edit/{id}?culture=en-GB&ui-culture=en-GB";
        var browser = await _factory.SignedInBrowserAsync("officer@portfolio.local");
        var form = FormOf(await Html.GetAsync(browser, url));
        var edit = (JsonObject)project.DeepClone();
        edit["theme"] = (string)project["themeCode"]!;
        edit["instrument"] = (string)project["instrumentCode"]!;
        edit["title"] = "Changed through the API";
        await OkJson(_api.PutAsJsonAsync($"/api/projects/{id}", edit));

        var page = await Html.ParseAsync(await PostFormAsync(browser, url, form));
        Assert.That(page.QuerySelector(".error-summary")!.TextContent, Does.Contain("Someone else saved this record while you were editing it"));
        Assert.That(page.QuerySelectorAll("table.conflict-changes thead th").Select(h => h.TextContent.Trim()),
            Is.EqualTo(new[] { "Field", "Value saved by the other person", "Your input" }));
        Assert.That(page.QuerySelector("tr[data-field=Title] td.stored")!.TextContent.Trim(), Is.EqualTo("Changed through the API"));
    }

    /// <summary>The same state on the other edit forms: a second editor's stale save shows the first one's value
    /// beside their own, keeps their input, takes the stored version, and saves nothing.</summary>
    private async Task AssertConflictStateAsync(string url, string field, string firstValue, string secondValue, Func<Task<string>> storedValue)
    {
        var first = await _factory.SignedInBrowserAsync("officer@portfolio.local");
        var second = await _factory.SignedInBrowserAsync("officer2@portfolio.local");
        var firstForm = FormOf(await Html.GetAsync(first, url));
        var secondForm = FormOf(await Html.GetAsync(second, url));
        firstForm["Input." + field] = firstValue;
        Assert.That((await PostFormAsync(first, url, firstForm)).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        secondForm["Input." + field] = secondValue;
        var refused = await PostFormAsync(second, url, secondForm);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var page = await Html.ParseAsync(refused);
        Assert.That(page.QuerySelector($"table.conflict-changes tr[data-field={field}] td.stored")!.TextContent.Trim(), Is.EqualTo(firstValue));
        Assert.That(page.QuerySelector($"table.conflict-changes tr[data-field={field}] td.typed")!.TextContent.Trim(), Is.EqualTo(secondValue));
        Assert.That(page.QuerySelectorAll("table.conflict-changes tbody tr").Length, Is.EqualTo(1), "only the field that differs");
        Assert.That(((IHtmlInputElement)page.QuerySelector($"#Input_{field}")!).Value, Is.EqualTo(secondValue));
        Assert.That(await storedValue(), Is.EqualTo(firstValue), "the refused save wrote nothing");

        var again = FormOf(page);
        Assert.That(again["Input.Version"], Is.Not.EqualTo(secondForm["Input.Version"]), "the hidden version is the stored one now");
        Assert.That((await PostFormAsync(second, url, again)).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await storedValue(), Is.EqualTo(secondValue), "saving again overwrites on purpose");
    }

    [Test]
    public async Task Member_partner_and_application_forms_show_the_same_conflict_state()
    {
        var member = await OkJson(_api.PostAsJsonAsync("/api/members", new { code = "CONFLIT-M", name = "Commune de départ", kind = "Municipality", country = "SN" }));
        await AssertConflictStateAsync($"/Members/Edit/{member["id"]}", "Name", "Commune renommée par Awa", "Commune renommée par Jean",
            async () => (string)(await OkJson(_api.GetAsync($"/api/members/{member["id"]}")))["name"]!);

        var partner = await OkJson(_api.PostAsJsonAsync("/api/partners", new { code = "CONFLIT-P", name = "Fondation de départ", kind = "Foundation", country = "CH" }));
        await AssertConflictStateAsync($"/Partners/Edit/{partner["id"]}", "Name", "Fondation renommée par Awa", "Fondation renommée par Jean",
            async () => (string)(await OkJson(_api.GetAsync($"/api/partners/{partner["id"]}")))["name"]!);

        var draft = await OkJson(_api.PostAsJsonAsync("/api/applications", new
        {
            applicantMemberId = await MemberAsync("LOME"), kind = "NewProject", title = "Brouillon disputé", requested = 60000, totalBudget = 90000,
        }));
        await AssertConflictStateAsync($"/Applications/Edit/{draft["id"]}", "Title", "Brouillon titré par Awa", "Brouillon titré par Jean",
            async () => (string)(await OkJson(_api.GetAsync($"/api/applications/{draft["id"]}")))["title"]!);
    }

    // ---------------------------------------------------------------- 2. the API's 409

    [Test]
    public async Task A_stale_API_write_gets_409_with_the_current_version_a_link_and_the_current_values()
    {
        var project = await NewProjectAsync();
        var id = (string)project["id"]!;
        var edit = (JsonObject)project.DeepClone();
        edit["theme"] = (string)project["themeCode"]!;
        edit["instrument"] = (string)project["instrumentCode"]!;
        edit["title"] = "Première modification";
        var first = await OkJson(_api.PutAsJsonAsync($"/api/projects/{id}", edit));

        edit["title"] = "Modification sur une version périmée";
        var stale = await _api.PutAsJsonAsync($"/api/projects/{id}", edit);
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(stale.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await Json(stale);
        Assert.That((int)problem["status"]!, Is.EqualTo(409));
        Assert.That((string)problem["resource"]!, Is.EqualTo("Project"));
        Assert.That((string)problem["id"]!, Is.EqualTo(id));
        Assert.That((int)problem["currentVersion"]!, Is.EqualTo((int)first["version"]!));
        Assert.That((string)problem["current"]!, Is.EqualTo($"/api/projects/{id}"));
        Assert.That((string)problem["currentValues"]!["title"]!, Is.EqualTo("Première modification"), "what is stored, not what was sent");
        Assert.That((int)problem["currentValues"]!["version"]!, Is.EqualTo((int)first["version"]!));

        // Sending the current version back is the deliberate overwrite.
        edit["version"] = (int)problem["currentVersion"]!;
        var overwritten = await OkJson(_api.PutAsJsonAsync($"/api/projects/{id}", edit));
        Assert.That((string)overwritten["title"]!, Is.EqualTo("Modification sur une version périmée"));
    }

    [Test]
    public async Task A_stale_execution_step_gets_the_same_409_body()
    {
        var project = await NewProjectAsync();
        var id = (string)project["id"]!;
        var version = (int)project["version"]!;
        var after = await OkJson(_api.PostAsJsonAsync($"/api/projects/{id}/milestones", new { version, title = "Forage", plannedDate = "2026-05-01" }));
        var stale = await _api.PostAsJsonAsync($"/api/projects/{id}/milestones", new { version, title = "Doublon", plannedDate = "2026-05-01" });
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var problem = await Json(stale);
        Assert.That((int)problem["currentVersion"]!, Is.EqualTo((int)after["version"]!));
        Assert.That(problem["currentValues"]!["milestones"]!.AsArray().Select(m => (string)m!["title"]!), Is.EqualTo(new[] { "Forage" }));
    }

    // ---------------------------------------------------------------- 3. an approval that fails half-way

    private static string[] FailingInsert(string table) => TestDatabases.UsePostgreSql
        ?
        [
            "CREATE OR REPLACE FUNCTION injected_failure() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END; $$;",
            $"CREATE TRIGGER \"InjectedFailure\" BEFORE INSERT ON \"{table}\" FOR EACH ROW EXECUTE FUNCTION injected_failure();",
        ]
        : [$"CREATE TRIGGER InjectedFailure BEFORE INSERT ON \"{table}\" BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"];

    private static string RemoveFailure(string table) => TestDatabases.UsePostgreSql
        ? $"DROP TRIGGER IF EXISTS \"InjectedFailure\" ON \"{table}\""
        : "DROP TRIGGER IF EXISTS InjectedFailure";

    private sealed record Snapshot(int Decisions, ApplicationStatus Status, int ApplicationVersion, int SessionVersion, int Projects, int AuditEntries, long EnvelopeRemaining);

    private async Task<Snapshot> SnapshotAsync(string sessionId, string applicationId)
    {
        var (decisions, status, applicationVersion, sessionVersion, projects, audit) = await InDatabaseAsync(async db =>
        {
            var session = await db.BureauSessions.AsNoTracking().Include(s => s.Decisions).SingleAsync(s => s.Id == Guid.Parse(sessionId));
            var application = await db.GrantApplications.AsNoTracking().SingleAsync(a => a.Id == Guid.Parse(applicationId));
            return (session.Decisions.Count, application.Status, application.Version, session.Version,
                await db.Projects.CountAsync(p => p.SourceApplicationId == application.Id), await db.AuditEntries.CountAsync());
        });
        var detail = await OkJson(_api.GetAsync($"/api/bureau-sessions/{sessionId}"));
        return new Snapshot(decisions, status, applicationVersion, sessionVersion, projects, audit, (long)detail["envelopes"]![0]!["remainingMinor"]!);
    }

    [TestCase(typeof(Domain.Projects.Project), 3)]
    [TestCase(typeof(Domain.Projects.DisbursementTranche), 4)]
    [TestCase(typeof(Domain.Auditing.AuditEntry), 5)]
    public async Task An_approval_whose_save_fails_half_way_leaves_nothing_behind(Type failingRow, int sessionDay)
    {
        var member = await MemberAsync("LOME");
        var application = await RecommendedApplicationAsync(member, "Approbation interrompue " + failingRow.Name);
        var session = await SessionAsync(new DateOnly(2031, 2, sessionDay), 500000, [application]);
        // The database refuses the insert of one kind of row the approval writes: the project, its first tranche, or
        // the audit line the interceptor adds to the same save.
        var failingTable = await InDatabaseAsync(db => Task.FromResult(db.Model.FindEntityType(failingRow)!.GetTableName()!));
        var before = await SnapshotAsync(session, application);

        await InDatabaseAsync(async db => { foreach (var sql in FailingInsert(failingTable)) await db.Database.ExecuteSqlRawAsync(sql); return 0; });
        HttpResponseMessage failed;
        try
        {
            failed = await _api.PostAsJsonAsync($"/api/bureau-sessions/{session}/decisions", new { applicationId = application, outcome = "Approved", awardedAmount = 50000 });
        }
        finally
        {
            await InDatabaseAsync(async db => await db.Database.ExecuteSqlRawAsync(RemoveFailure(failingTable)));
        }
        Assert.That((int)failed.StatusCode, Is.EqualTo(500), "the injected failure is a server error, reported as such");

        var after = await SnapshotAsync(session, application);
        Assert.That(after, Is.EqualTo(before), "no decision, same application status and version, no project, no audit entry, envelope untouched");
        Assert.That(after.Status, Is.Not.EqualTo(ApplicationStatus.Approved));

        // Once the database accepts writes again, the same approval goes through whole.
        var decision = await OkJson(_api.PostAsJsonAsync($"/api/bureau-sessions/{session}/decisions", new { applicationId = application, outcome = "Approved", awardedAmount = 50000 }));
        var done = await SnapshotAsync(session, application);
        Assert.That(done.Decisions, Is.EqualTo(1));
        Assert.That(done.Projects, Is.EqualTo(1));
        Assert.That(done.Status, Is.EqualTo(ApplicationStatus.Approved));
        Assert.That(done.AuditEntries, Is.GreaterThan(before.AuditEntries));
        Assert.That(done.EnvelopeRemaining, Is.EqualTo(before.EnvelopeRemaining - 5_000_000));
        Assert.That((string)decision["projectCode"]!, Does.StartWith("AIMF-2031-"));
    }

    // ---------------------------------------------------------------- 4. fifty at once

    private const int Racers = 50;

    [Test]
    public async Task Fifty_payments_of_one_tranche_pay_it_once()
    {
        var project = await NewProjectAsync("Tranche disputée");
        var id = (string)project["id"]!;
        project = await OkJson(_api.PostAsJsonAsync($"/api/projects/{id}/tranches", new { version = (int)project["version"]!, plannedDate = "2026-03-01", amount = 30000 }));
        var tranche = (string)project["tranches"]![0]!["id"]!;

        // Each attempt reads the project as a client would, then pays; half of them with an explicit amount.
        var responses = await RaceAsync(Racers, async i =>
        {
            var current = await Json(await _api.GetAsync($"/api/projects/{id}"));
            return await _api.PostAsJsonAsync($"/api/projects/{id}/tranches/{tranche}/pay",
                new { version = (int)current["version"]!, paidDate = "2026-03-02", amount = i % 2 == 0 ? (decimal?)30000 : null });
        });

        await AssertNo5xxAsync(responses);
        Assert.That(responses.Select(r => r.StatusCode).Distinct(), Is.SubsetOf(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.That(responses.Count(r => r.IsSuccessStatusCode), Is.EqualTo(1), "a tranche is paid once");
        var stored = await OkJson(_api.GetAsync($"/api/projects/{id}"));
        var paid = stored["tranches"]!.AsArray().Sum(t => (long?)t!["paidMinor"] ?? 0);
        Assert.That(paid, Is.EqualTo(3_000_000), "the one success is in the database, and nothing beyond the tranche");
        var payments = await InDatabaseAsync(db => db.AuditEntries.CountAsync(a => a.AggregateId == Guid.Parse(id) && a.Action == Domain.Auditing.AuditAction.Payment));
        Assert.That(payments, Is.EqualTo(1), "one payment in the trail");
    }

    [Test]
    public async Task Fifty_approvals_against_one_envelope_never_exceed_it()
    {
        var member = await MemberAsync("LOME");
        var applications = new List<string>();
        for (var i = 0; i < Racers; i++) applications.Add(await RecommendedApplicationAsync(member, $"Enveloppe disputée {i:00}"));
        // 500 000 EUR: ten approvals of 50 000 at most, for fifty candidates.
        var session = await SessionAsync(new DateOnly(2031, 4, 7), 500000, applications);

        var responses = await RaceAsync(Racers, i => _api.PostAsJsonAsync($"/api/bureau-sessions/{session}/decisions",
            new { applicationId = applications[i], outcome = "Approved", awardedAmount = 50000 }));

        await AssertNo5xxAsync(responses);
        Assert.That(responses.Select(r => r.StatusCode).Distinct(), Is.SubsetOf(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        var accepted = new List<(string Application, string ProjectId)>();
        for (var i = 0; i < Racers; i++)
            if (responses[i].IsSuccessStatusCode) accepted.Add((applications[i], (string)(await Json(responses[i]))["projectId"]!));
        Assert.That(accepted, Is.Not.Empty);

        var (approved, awardedMinor, envelopeMinor, projects) = await InDatabaseAsync(async db =>
        {
            var stored = await db.BureauSessions.AsNoTracking().Include(s => s.Decisions).Include(s => s.Envelopes).SingleAsync(s => s.Id == Guid.Parse(session));
            var approvedDecisions = stored.Decisions.Where(d => d.Outcome == DecisionOutcome.Approved).ToList();
            var ids = applications.Select(Guid.Parse).ToList();
            var projectIds = await db.Projects.Where(p => p.SourceApplicationId != null && ids.Contains(p.SourceApplicationId.Value)).Select(p => p.Id).ToListAsync();
            return (approvedDecisions.Select(d => d.ApplicationId.ToString()).ToList(), approvedDecisions.Sum(d => d.AwardedMinor ?? 0),
                stored.Envelopes.Single().AmountMinor, projectIds.Select(p => p.ToString()).ToList());
        });
        Assert.That(awardedMinor, Is.LessThanOrEqualTo(envelopeMinor), "the envelope is never exceeded");
        Assert.That(approved, Is.EquivalentTo(accepted.Select(a => a.Application)), "every 2xx is an approval in the database, and only those");
        Assert.That(projects, Is.EquivalentTo(accepted.Select(a => a.ProjectId)), "one project per approval");
        var detail = await OkJson(_api.GetAsync($"/api/bureau-sessions/{session}"));
        Assert.That((long)detail["envelopes"]![0]!["remainingMinor"]!, Is.GreaterThanOrEqualTo(0));
        TestContext.Out.WriteLine($"{accepted.Count} of {Racers} approvals went through ({awardedMinor / 100} EUR of {envelopeMinor / 100}); {Racers - accepted.Count} answered 409.");
    }

    [Test]
    public async Task Fifty_approvals_in_fifty_sessions_get_distinct_project_codes_and_never_a_server_error()
    {
        var member = await MemberAsync("DAKAR");
        var sessions = new List<(string Session, string Application)>();
        for (var i = 0; i < Racers; i++)
        {
            var application = await RecommendedApplicationAsync(member, $"Code disputé {i:00}");
            sessions.Add((await SessionAsync(new DateOnly(2032, 1, 5).AddDays(i), 100000, [application]), application));
        }

        // Every approval is in a session of 2032: all of them want the same next code, AIMF-2032-001.
        var responses = await RaceAsync(Racers, i => _api.PostAsJsonAsync($"/api/bureau-sessions/{sessions[i].Session}/decisions",
            new { applicationId = sessions[i].Application, outcome = "Approved", awardedAmount = 50000 }));

        await AssertNo5xxAsync(responses);
        Assert.That(responses.Select(r => r.StatusCode).Distinct(), Is.SubsetOf(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        var codes = new List<string>();
        foreach (var response in responses.Where(r => r.IsSuccessStatusCode)) codes.Add((string)(await Json(response))["projectCode"]!);
        Assert.That(codes, Is.Unique);
        Assert.That(codes, Is.Not.Empty);
        var stored = await InDatabaseAsync(db => db.Projects.Where(p => p.Code.StartsWith("AIMF-2032-")).Select(p => p.Code).ToListAsync());
        Assert.That(stored, Is.EquivalentTo(codes), "every 2xx has its project, and no refused approval left one");
        TestContext.Out.WriteLine($"{codes.Count} of {Racers} approvals went through; {Racers - codes.Count} answered 409.");
    }
}
