using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using ProjectPortfolio.Testing;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>The archive of issued reports through the real pipeline: what is issued stays byte for byte what it was
/// while the data move on, donors see only what was issued for them, refusals store nothing, and a file changed on
/// disk is not sent.</summary>
public class IssuedReportsTests
{
    private PortfolioFactory _factory = null!;
    private HttpClient _officer = null!;
    private string _folder = null!;
    private string _gitega = null!;
    private string _europeanUnion = null!;
    private string _otherProject = null!;
    private string _otherPartner = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _folder = Path.Combine(Path.GetTempPath(), "portfolio-issued-" + Guid.NewGuid().ToString("N"));
        _factory = new PortfolioFactory { IssuedReportsPath = _folder };
        _officer = await _factory.ApiClientAsync("officer@portfolio.local");
        var found = JsonNode.Parse(await _officer.GetStringAsync("/api/projects?q=Gitega"))!["items"]!.AsArray();
        _gitega = (string)found.Single(p => ((string)p!["title"]!).Contains("Gitega", StringComparison.Ordinal))!["id"]!;
        var detail = JsonNode.Parse(await _officer.GetStringAsync($"/api/projects/{_gitega}"))!;
        var coFinancers = detail["coFinancing"]!.AsArray().Select(c => (string)c!["partnerId"]!).ToHashSet();
        _europeanUnion = (string)detail["coFinancing"]!.AsArray().Single(c => (string)c!["partnerName"]! == "Union européenne")!["partnerId"]!;
        var partners = JsonNode.Parse(await _officer.GetStringAsync("/api/partners?pageSize=100"))!["items"]!.AsArray();
        _otherPartner = (string)partners.First(p => !coFinancers.Contains((string)p!["id"]!))!["id"]!;

        var donor = await _factory.ApiClientAsync("donor@portfolio.local");
        var seen = JsonNode.Parse(await donor.GetStringAsync("/api/projects?pageSize=100"))!["items"]!.AsArray().Select(i => (string)i!["id"]!).ToHashSet();
        var all = JsonNode.Parse(await _officer.GetStringAsync("/api/projects?pageSize=100"))!["items"]!.AsArray().Select(i => (string)i!["id"]!);
        _otherProject = all.First(id => !seen.Contains(id));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _factory.DisposeAsync();
        PortfolioFactory.DeleteDatabase(_factory.DatabasePath);
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static object FactSheet(string project, string lang = "fr", string[]? recipients = null, string? note = null) =>
        new { kind = "project-fact-sheet", parameters = new { projectId = project }, language = lang, recipientPartnerIds = recipients, note };

    private async Task<JsonNode> IssueAsync(object body, HttpClient? client = null)
    {
        var response = await (client ?? _officer).PostAsJsonAsync("/api/reports/issued", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        var report = JsonNode.Parse(text)!;
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/api/reports/issued/{report["id"]}"));
        return report;
    }

    private static async Task<byte[]> FileAsync(HttpClient client, JsonNode report)
    {
        var response = await client.GetAsync($"/api/reports/issued/{report["id"]}/file");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
        Assert.That(response.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        return await response.Content.ReadAsByteArrayAsync();
    }

    private string[] StoredFiles() => Directory.Exists(_folder) ? Directory.GetFiles(_folder) : [];

    private async Task<int> IssuedCountAsync() =>
        (int)JsonNode.Parse(await _officer.GetStringAsync("/api/reports/issued?pageSize=1"))!["totalCount"]!;

    private async Task RenameGitegaAsync(string title)
    {
        var project = JsonNode.Parse(await _officer.GetStringAsync($"/api/projects/{_gitega}"))!.AsObject();
        var edit = project.DeepClone().AsObject();
        edit["theme"] = (string)project["themeCode"]!;
        edit["instrument"] = (string)project["instrumentCode"]!;
        edit["title"] = title;
        var saved = await _officer.PutAsJsonAsync($"/api/projects/{_gitega}", edit);
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await saved.Content.ReadAsStringAsync());
    }

    [Test, Order(1)]
    public async Task An_issued_fact_sheet_stays_byte_identical_after_the_project_is_corrected_while_a_fresh_one_changes()
    {
        var issued = await IssueAsync(FactSheet(_gitega, "fr", [_europeanUnion], "Envoyé au comité de suivi UE"));
        var sha = (string)issued["sha256"]!;
        Assert.That(sha, Does.Match("^[0-9a-f]{64}$"));
        Assert.That((string)issued["kind"]!, Is.EqualTo("project-fact-sheet"));
        Assert.That((string)issued["language"]!, Is.EqualTo("fr"));
        Assert.That((string)issued["fileName"]!, Is.EqualTo("AIMF-2022-002-fr.pdf"));
        Assert.That(issued["parameters"]!.ToJsonString(), Is.EqualTo($"{{\"projectId\":\"{_gitega}\"}}"));
        Assert.That((string)issued["issuedByName"]!, Is.EqualTo("Chargée de programme"));
        Assert.That(issued["recipients"]!.AsArray().Select(r => (string)r!["partnerId"]!), Is.EqualTo(new[] { _europeanUnion }));
        Assert.That(StoredFiles().Select(Path.GetFileName), Does.Contain(sha), "the file is stored under its SHA-256");

        var before = await FileAsync(_officer, issued);
        Assert.That(Convert.ToHexStringLower(SHA256.HashData(before)), Is.EqualTo(sha));
        Assert.That((long)issued["sizeBytes"]!, Is.EqualTo(before.LongLength));
        var oldText = PdfText.NormaliseSpaces(await PdfText.ExtractAsync(before));
        Assert.That(oldText, Does.Contain("Centre de développement intégré"));

        await RenameGitegaAsync("Centre des femmes de Gitega — titre corrigé");

        var after = await FileAsync(_officer, issued);
        Assert.That(after, Is.EqualTo(before), "the issued file does not follow the correction");
        var metadata = JsonNode.Parse(await _officer.GetStringAsync($"/api/reports/issued/{issued["id"]}"))!;
        Assert.That((string)metadata["sha256"]!, Is.EqualTo(sha));
        Assert.That(PdfText.NormaliseSpaces(await PdfText.ExtractAsync(after)), Does.Not.Contain("titre corrigé"));

        var fresh = await _officer.GetByteArrayAsync($"/api/reports/projects/{_gitega}.pdf?lang=fr");
        Assert.That(Convert.ToHexStringLower(SHA256.HashData(fresh)), Is.Not.EqualTo(sha));
        Assert.That(PdfText.NormaliseSpaces(await PdfText.ExtractAsync(fresh)), Does.Contain("titre corrigé"));

        // Issuing again now keeps the corrected text, next to the first one.
        var reissued = await IssueAsync(FactSheet(_gitega, "fr", [_europeanUnion]));
        Assert.That((string)reissued["sha256"]!, Is.Not.EqualTo(sha));
        Assert.That(PdfText.NormaliseSpaces(await PdfText.ExtractAsync(await FileAsync(_officer, reissued))), Does.Contain("titre corrigé"));
        Assert.That(await FileAsync(_officer, issued), Is.EqualTo(before));
    }

    [Test]
    public async Task A_donor_lists_and_downloads_only_the_reports_issued_for_its_partner()
    {
        var forDonor = await IssueAsync(FactSheet(_gitega, "en", [_europeanUnion]));
        var internalOnly = await IssueAsync(FactSheet(_gitega, "fr"));
        var forOther = await IssueAsync(FactSheet(_otherProject, "fr"));
        var donor = await _factory.ApiClientAsync("donor@portfolio.local");

        var listed = JsonNode.Parse(await donor.GetStringAsync("/api/reports/issued?pageSize=100"))!;
        var ids = listed["items"]!.AsArray().Select(i => (string)i!["id"]!).ToList();
        Assert.That(ids, Does.Contain((string)forDonor["id"]!));
        Assert.That(ids, Does.Not.Contain((string)internalOnly["id"]!).And.Not.Contain((string)forOther["id"]!));
        Assert.That(listed["items"]!.AsArray().All(i => i!["recipients"]!.AsArray().Any(r => (string)r!["partnerId"]! == _europeanUnion)));

        Assert.That(await FileAsync(donor, forDonor), Is.EqualTo(await FileAsync(_officer, forDonor)));
        foreach (var hidden in new[] { internalOnly, forOther })
        {
            Assert.That((await donor.GetAsync($"/api/reports/issued/{hidden["id"]}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            var file = await donor.GetAsync($"/api/reports/issued/{hidden["id"]}/file");
            Assert.That(file.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(file.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        }

        var officerIds = JsonNode.Parse(await _officer.GetStringAsync("/api/reports/issued?pageSize=100"))!["items"]!.AsArray().Select(i => (string)i!["id"]!);
        Assert.That(officerIds, Is.SupersetOf(new[] { (string)forDonor["id"]!, (string)internalOnly["id"]!, (string)forOther["id"]! }));
        var filtered = JsonNode.Parse(await _officer.GetStringAsync($"/api/reports/issued?partnerId={_europeanUnion}&lang=en&pageSize=100"))!["items"]!.AsArray();
        Assert.That(filtered.Select(i => (string)i!["id"]!), Does.Contain((string)forDonor["id"]!).And.Not.Contain((string)internalOnly["id"]!));
        Assert.That(filtered.All(i => (string)i!["language"]! == "en"));
    }

    [Test]
    public async Task Applicants_donors_and_anonymous_callers_cannot_issue_and_applicants_cannot_read()
    {
        var issued = await IssueAsync(FactSheet(_gitega));
        var before = await IssuedCountAsync();
        var applicant = await _factory.ApiClientAsync("applicant@portfolio.local");
        var donor = await _factory.ApiClientAsync("donor@portfolio.local");
        var bureau = await _factory.ApiClientAsync("bureau@portfolio.local");
        var anonymous = _factory.CreateClient();

        Assert.That((await applicant.PostAsJsonAsync("/api/reports/issued", FactSheet(_gitega))).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await donor.PostAsJsonAsync("/api/reports/issued", FactSheet(_gitega, recipients: [_europeanUnion]))).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await bureau.PostAsJsonAsync("/api/reports/issued", FactSheet(_gitega))).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await anonymous.PostAsJsonAsync("/api/reports/issued", FactSheet(_gitega))).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await IssuedCountAsync(), Is.EqualTo(before));

        Assert.That((await applicant.GetAsync("/api/reports/issued")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await applicant.GetAsync($"/api/reports/issued/{issued["id"]}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await applicant.GetAsync($"/api/reports/issued/{issued["id"]}/file")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await anonymous.GetAsync("/api/reports/issued")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await anonymous.GetAsync($"/api/reports/issued/{issued["id"]}/file")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await FileAsync(bureau, issued), Has.Length.GreaterThan(1000), "Bureau members read the archive");
    }

    private static IEnumerable<TestCaseData> BadRequests()
    {
        yield return new TestCaseData("{\"kind\":\"rapport-secret\",\"parameters\":{\"projectId\":\"{gitega}\"}}", "kind").SetName("Unknown kind");
        yield return new TestCaseData("{\"parameters\":{\"projectId\":\"{gitega}\"}}", "kind").SetName("No kind");
        yield return new TestCaseData("{\"kind\":\"project-fact-sheet\"}", "parameters").SetName("No parameters");
        yield return new TestCaseData("{\"kind\":\"project-fact-sheet\",\"parameters\":[1]}", "parameters").SetName("Parameters not an object");
        yield return new TestCaseData("{\"kind\":\"project-fact-sheet\",\"parameters\":{}}", "parameters").SetName("Missing project id");
        yield return new TestCaseData("{\"kind\":\"project-fact-sheet\",\"parameters\":{\"projectId\":\"../../etc/passwd\"}}", "parameters").SetName("Project id not a GUID");
        yield return new TestCaseData("{\"kind\":\"project-fact-sheet\",\"parameters\":{\"projectId\":\"{gitega}\",\"path\":\"/etc\"}}", "parameters").SetName("Unknown parameter");
        yield return new TestCaseData("{\"kind\":\"project-fact-sheet\",\"parameters\":{\"projectId\":\"" + Guid.NewGuid() + "\"}}", "parameters").SetName("Project that does not exist");
        yield return new TestCaseData("{\"kind\":\"project-fact-sheet\",\"parameters\":{\"projectId\":\"{gitega}\"},\"language\":\"de\"}", "lang").SetName("Unknown language");
        yield return new TestCaseData("{\"kind\":\"project-fact-sheet\",\"parameters\":{\"projectId\":\"{gitega}\"},\"note\":\"" + new string('x', 1001) + "\"}", "note").SetName("Note too long");
        yield return new TestCaseData("{\"kind\":\"project-fact-sheet\",\"parameters\":{\"projectId\":\"{gitega}\"},\"recipientPartnerIds\":[\"" + Guid.NewGuid() + "\"]}", "recipientPartnerIds").SetName("Unknown recipient");
        yield return new TestCaseData("{\"kind\":\"project-fact-sheet\",\"parameters\":{\"projectId\":\"{gitega}\"},\"recipientPartnerIds\":[\"{other}\"]}", "recipientPartnerIds").SetName("Recipient that does not co-finance the project");
        yield return new TestCaseData("{\"kind\":\"session-minutes\",\"parameters\":{\"sessionId\":\"{session}\"},\"recipientPartnerIds\":[\"{eu}\"]}", "recipientPartnerIds").SetName("Internal minutes for a donor");
    }

    [TestCaseSource(nameof(BadRequests))]
    public async Task Bad_requests_are_400_naming_the_field_and_store_neither_a_record_nor_a_file(string body, string field)
    {
        var session = (string)JsonNode.Parse(await _officer.GetStringAsync("/api/bureau-sessions"))!.AsArray()[0]!["id"]!;
        body = body.Replace("{gitega}", _gitega, StringComparison.Ordinal).Replace("{other}", _otherPartner, StringComparison.Ordinal)
            .Replace("{eu}", _europeanUnion, StringComparison.Ordinal).Replace("{session}", session, StringComparison.Ordinal);
        var count = await IssuedCountAsync();
        var files = StoredFiles();

        var response = await _officer.PostAsync("/api/reports/issued", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(JsonNode.Parse(text)!["errors"]!.AsObject().Select(e => e.Key), Does.Contain(field), text);
        Assert.That(await IssuedCountAsync(), Is.EqualTo(count), "no record");
        Assert.That(StoredFiles(), Is.EquivalentTo(files), "no file");
    }

    [Test]
    public async Task The_session_minutes_can_be_issued_for_the_archive()
    {
        var session = (string)JsonNode.Parse(await _officer.GetStringAsync("/api/bureau-sessions"))!.AsArray()[0]!["id"]!;
        var issued = await IssueAsync(new { kind = "session-minutes", parameters = new { sessionId = session }, language = "en" });
        Assert.That((string)issued["fileName"]!, Does.EndWith("-minutes-en.pdf"));
        var text = PdfText.NormaliseSpaces(await PdfText.ExtractAsync(await FileAsync(_officer, issued)));
        Assert.That(text, Does.Contain("Page 1 / "));
        var listed = JsonNode.Parse(await _officer.GetStringAsync("/api/reports/issued?kind=session-minutes"))!["items"]!.AsArray();
        Assert.That(listed.Select(i => (string)i!["id"]!), Does.Contain((string)issued["id"]!));
        Assert.That(listed.All(i => (string)i!["kind"]! == "session-minutes"));
    }

    [Test]
    public async Task A_file_changed_on_disk_is_refused_with_an_integrity_error_and_not_sent()
    {
        var issued = await IssueAsync(FactSheet(_gitega, "en", [_europeanUnion], "à altérer"));
        var path = Path.Combine(_folder, (string)issued["sha256"]!);
        var bytes = await File.ReadAllBytesAsync(path);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        bytes[^10] ^= 0x20;
        await File.WriteAllBytesAsync(path, bytes);

        var donor = await _factory.ApiClientAsync("donor@portfolio.local");
        foreach (var client in new[] { _officer, donor })
        {
            var response = await client.GetAsync($"/api/reports/issued/{issued["id"]}/file");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That((string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["title"]!, Does.Contain("integrity"));
        }

        File.Delete(path);
        Assert.That((await _officer.GetAsync($"/api/reports/issued/{issued["id"]}/file")).StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError), "a missing file too");
    }

    [Test]
    public async Task The_refusal_of_a_tampered_file_is_logged_as_an_error_naming_the_report_and_both_hashes()
    {
        var issued = await IssueAsync(FactSheet(_gitega, "fr", note: "journal"));
        var sha = (string)issued["sha256"]!;
        var path = Path.Combine(_folder, sha);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllBytesAsync(path, "%PDF-1.4 forged"u8.ToArray());

        var log = new CapturedLog();
        await using var logged = _factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(log)));
        var client = logged.CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = "officer@portfolio.local", password = PortfolioFactory.Password });
        var token = (string)JsonNode.Parse(await login.Content.ReadAsStringAsync())!["accessToken"]!;
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync($"/api/reports/issued/{issued["id"]}/file");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        var errors = log.Entries.Where(e => e.Level == LogLevel.Error && e.Message.Contains("integrity", StringComparison.Ordinal)).ToList();
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0].Message, Does.Contain((string)issued["id"]!).And.Contain(sha).And.Contain(Convert.ToHexStringLower(SHA256.HashData("%PDF-1.4 forged"u8.ToArray()))));
    }

    private sealed class CapturedLog : ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Entries);

        public void Dispose() { }

        private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<(LogLevel, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((logLevel, formatter(state, exception)));
        }
    }

    [TestCase("kind=inconnu", "kind")]
    [TestCase("lang=de", "lang")]
    [TestCase("from=2026-02-01&to=2026-01-01", "to")]
    [TestCase("from=hier", "From")]
    public async Task A_bad_list_filter_is_400(string query, string field)
    {
        var response = await _officer.GetAsync($"/api/reports/issued?{query}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![field], Is.Not.Null);
    }

    [Test]
    public async Task The_project_page_issues_the_fact_sheet_for_a_co_financer_and_the_donor_finds_it_on_its_page()
    {
        var officer = await _factory.SignedInBrowserAsync("officer@portfolio.local");
        var project = await Html.GetAsync(officer, $"/Projects/Details/{_gitega}");
        var link = project.QuerySelector("[data-testid=issue-fact-sheet]")!.GetAttribute("href")!;
        var form = await Html.GetAsync(officer, link);
        Assert.That(form.QuerySelectorAll("input[name='Input.RecipientPartnerIds']").Select(i => i.GetAttribute("value")), Does.Contain(_europeanUnion));

        var values = Html.FormValues(form);
        values["Input.Note"] = new string('n', 1001);
        var refused = await officer.PostAsync(link, new FormUrlEncodedContent(values));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the form comes back");
        var again = await Html.ParseAsync(refused);
        Assert.That(again.QuerySelector("textarea[name='Input.Note']")!.TextContent, Has.Length.EqualTo(1001), "what was typed is kept");
        Assert.That(again.QuerySelector(".field-error[data-valmsg-for='Input.Note']")?.TextContent.Trim(), Is.Not.Empty);

        var note = "Comité de suivi <b>UE</b> =1+1 " + Guid.NewGuid().ToString("N")[..8];
        var posted = new List<KeyValuePair<string, string>>(Html.FormValues(form).Select(kv => KeyValuePair.Create(kv.Key, kv.Key == "Input.Note" ? note : kv.Value)))
        {
            KeyValuePair.Create("Input.RecipientPartnerIds", _europeanUnion),
        };
        var issued = await officer.PostAsync(link, new FormUrlEncodedContent(posted));
        Assert.That(issued.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await issued.Content.ReadAsStringAsync());
        Assert.That(issued.Headers.Location!.ToString(), Is.EqualTo("/reports/issued"));

        var donor = await _factory.SignedInBrowserAsync("donor@portfolio.local");
        var page = await Html.GetAsync(donor, "/reports/issued?q=" + Uri.EscapeDataString(note[^8..]));
        var rows = page.QuerySelectorAll("[data-testid=issued-reports] tbody tr");
        Assert.That(rows, Has.Length.EqualTo(1));
        Assert.That(rows[0].TextContent, Does.Contain("Fiche projet").And.Contain("AIMF-2022-002-fr.pdf").And.Contain("Union européenne").And.Contain(note));
        Assert.That(rows[0].InnerHtml, Does.Not.Contain("<b>UE</b>"), "the note is text, not markup");
        var download = await donor.GetAsync(rows[0].QuerySelector("a[download]")!.GetAttribute("href"));
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await download.Content.ReadAsByteArrayAsync()).AsSpan(0, 5).ToArray(), Is.EqualTo("%PDF-"u8.ToArray()));

        var english = await Html.GetAsync(donor, "/reports/issued?culture=en-GB");
        Assert.That(english.QuerySelector("h1")!.TextContent, Is.EqualTo("Issued reports"));
        Assert.That((await donor.GetAsync(link)).StatusCode, Is.Not.EqualTo(HttpStatusCode.OK), "a donor cannot issue");
        var applicant = await _factory.SignedInBrowserAsync("applicant@portfolio.local");
        Assert.That((await applicant.GetAsync("/reports/issued")).StatusCode, Is.Not.EqualTo(HttpStatusCode.OK));
    }
    [Test]
    public async Task A_portfolio_report_filtered_on_a_partner_is_issued_for_it_and_its_donor_downloads_the_same_bytes()
    {
        var issued = await IssueAsync(new
        {
            kind = "portfolio-pdf", parameters = new { partner = "UE", from = "2020-01-01" }, language = "fr", recipientPartnerIds = new[] { _europeanUnion },
        });
        Assert.That((string)issued["kind"]!, Is.EqualTo("portfolio-pdf"));
        Assert.That(issued["parameters"]!.ToJsonString(), Is.EqualTo("{\"from\":\"2020-01-01\",\"partner\":\"UE\"}"));
        Assert.That((string)issued["fileName"]!, Does.StartWith("portefeuille-").And.EndWith("-fr.pdf"));

        var donor = await _factory.ApiClientAsync("donor@portfolio.local");
        var listed = JsonNode.Parse(await donor.GetStringAsync("/api/reports/issued?kind=portfolio-pdf&pageSize=100"))!["items"]!.AsArray();
        Assert.That(listed.Select(i => (string)i!["id"]!), Does.Contain((string)issued["id"]!));
        var bytes = await FileAsync(donor, issued);
        Assert.That(bytes, Is.EqualTo(await FileAsync(_officer, issued)));
        Assert.That(Convert.ToHexStringLower(SHA256.HashData(bytes)), Is.EqualTo((string)issued["sha256"]!));
        Assert.That(PdfText.NormaliseSpaces(await PdfText.ExtractAsync(bytes)), Does.Contain("Rapport au bailleur — Union européenne"));
    }

    [Test]
    public async Task An_unfiltered_portfolio_report_cannot_be_issued_for_a_partner_and_nothing_is_stored()
    {
        var count = await IssuedCountAsync();
        var files = StoredFiles();
        foreach (var parameters in new object[] { new { }, new { from = "2020-01-01" } })
        {
            var response = await _officer.PostAsJsonAsync("/api/reports/issued",
                new { kind = "portfolio-pdf", parameters, recipientPartnerIds = new[] { _europeanUnion } });
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
            Assert.That(JsonNode.Parse(text)!["errors"]!["recipientPartnerIds"], Is.Not.Null, text);
        }
        Assert.That(await IssuedCountAsync(), Is.EqualTo(count), "no record");
        Assert.That(StoredFiles(), Is.EquivalentTo(files), "no file");
    }

    [Test]
    public async Task The_dashboard_issues_its_portfolio_report_with_its_filters_and_the_archive_lists_it()
    {
        var officer = await _factory.SignedInBrowserAsync("officer@portfolio.local");
        var dashboard = await Html.GetAsync(officer, "/portfolio?partner=UE&from=2020-01-01");
        var link = dashboard.QuerySelector("[data-testid=issue-portfolio-report]")!.GetAttribute("href")!;
        Assert.That(link, Is.EqualTo("/reports/issue?kind=portfolio-pdf&partner=UE&from=2020-01-01"));

        var form = await Html.GetAsync(officer, link);
        Assert.That(form.QuerySelector("[data-testid=issue-subject]")!.TextContent, Does.Contain("Union européenne").And.Contain("2020"));
        Assert.That(form.QuerySelectorAll("input[name='Input.RecipientPartnerIds']").Select(i => i.GetAttribute("value")), Is.EqualTo(new[] { _europeanUnion }),
            "only the filtered partner is offered");

        var note = "portefeuille " + Guid.NewGuid().ToString("N")[..8];
        var values = Html.FormValues(form);
        values["Input.Note"] = note;
        values["Input.RecipientPartnerIds"] = _europeanUnion;
        var issued = await officer.PostAsync(link, new FormUrlEncodedContent(values));
        Assert.That(issued.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await issued.Content.ReadAsStringAsync());
        Assert.That(issued.Headers.Location!.ToString(), Is.EqualTo("/reports/issued"));

        var archive = await Html.GetAsync(officer, "/reports/issued?q=" + Uri.EscapeDataString(note[^8..]));
        var rows = archive.QuerySelectorAll("[data-testid=issued-reports] tbody tr");
        Assert.That(rows, Has.Length.EqualTo(1));
        Assert.That(rows[0].TextContent, Does.Contain("Rapport de portefeuille").And.Contain("Union européenne"));
        var stored = JsonNode.Parse(await _officer.GetStringAsync("/api/reports/issued?kind=portfolio-pdf&pageSize=100"))!["items"]!.AsArray()
            .Single(i => (string?)i!["note"] == note)!;
        var detail = JsonNode.Parse(await _officer.GetStringAsync($"/api/reports/issued/{stored["id"]}"))!;
        Assert.That(detail["parameters"]!.ToJsonString(), Is.EqualTo("{\"from\":\"2020-01-01\",\"partner\":\"UE\"}"));

        var unfiltered = await Html.GetAsync(officer, "/reports/issue?kind=portfolio-pdf");
        Assert.That(unfiltered.QuerySelectorAll("input[name='Input.RecipientPartnerIds']"), Is.Empty, "no partner filter, no recipient");
        var donor = await _factory.SignedInBrowserAsync("donor@portfolio.local");
        Assert.That((await Html.GetAsync(donor, "/portfolio")).QuerySelector("[data-testid=issue-portfolio-report]"), Is.Null, "donors do not issue");
    }
}
