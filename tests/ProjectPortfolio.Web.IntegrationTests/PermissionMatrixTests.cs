using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProjectPortfolio.Application.Common.Security;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>The permission matrix of docs/security.md, as data, checked against the running application: every API
/// endpoint and every page found in its endpoint data source is called by each role and by nobody. An endpoint
/// or page that is not in the matrix fails the test, so none can be added without deciding who may use it.</summary>
[NonParallelizable]
public class PermissionMatrixTests
{
    private const string Anonymous = "Anonymous";
    private const string A = Roles.Administrator, O = Roles.ProgrammeOfficer, B = Roles.BureauMember, D = Roles.Donor, P = Roles.Applicant;

    private static readonly string[] Everyone = [Anonymous, A, O, B, D, P];
    // Any signed-in user; the handler shows a donor only what its partner co-finances and an applicant only its city's.
    private static readonly string[] SignedIn = [A, O, B, D, P];
    private static readonly string[] Staff = [A, O];
    private static readonly string[] StaffAndBureau = [A, O, B];
    private static readonly string[] StaffBureauDonor = [A, O, B, D];
    // The applications pages: a donor has no application of its own (the menu hides them too).
    private static readonly string[] AllButDonor = [A, O, B, P];
    private static readonly string[] AdminOnly = [A];
    private static readonly string[] BureauOnly = [B];

    /// <summary>Who may call each API endpoint ("METHOD route pattern"). Keep docs/security.md in step.</summary>
    private static readonly Dictionary<string, string[]> Api = new()
    {
        ["POST /api/auth/login"] = Everyone,

        ["GET /api/themes"] = SignedIn,
        ["GET /api/instruments"] = SignedIn,
        ["GET /api/indicators"] = SignedIn,
        ["GET /api/programmes"] = SignedIn,
        ["GET /api/exchange-rates"] = SignedIn,
        ["POST /api/exchange-rates"] = AdminOnly,

        ["GET /api/members/"] = SignedIn,
        ["GET /api/members/{id:guid}"] = SignedIn,
        ["POST /api/members/"] = Staff,
        ["PUT /api/members/{id:guid}"] = Staff,
        ["GET /api/partners/"] = SignedIn,
        ["GET /api/partners/{id:guid}"] = SignedIn,
        ["POST /api/partners/"] = Staff,
        ["PUT /api/partners/{id:guid}"] = Staff,

        ["GET /api/projects/"] = SignedIn,
        ["GET /api/projects/{id:guid}"] = SignedIn,
        ["POST /api/projects/"] = Staff,
        ["PUT /api/projects/{id:guid}"] = Staff,
        ["POST /api/projects/{id:guid}/milestones"] = Staff,
        ["POST /api/projects/{id:guid}/milestones/{milestoneId:guid}/complete"] = Staff,
        ["POST /api/projects/{id:guid}/milestones/{milestoneId:guid}/cancel"] = Staff,
        ["POST /api/projects/{id:guid}/tranches"] = Staff,
        ["POST /api/projects/{id:guid}/tranches/{trancheId:guid}/conditions/{conditionId:guid}/met"] = Staff,
        ["POST /api/projects/{id:guid}/tranches/{trancheId:guid}/pay"] = Staff,
        ["PUT /api/projects/{id:guid}/co-financing/{lineId:guid}/received"] = Staff,
        ["PUT /api/projects/{id:guid}/targets/{indicatorCode}"] = Staff,
        ["DELETE /api/projects/{id:guid}/targets/{indicatorCode}"] = Staff,
        ["GET /api/projects/{id:guid}/attachments/"] = SignedIn,
        ["POST /api/projects/{id:guid}/attachments/"] = Staff,

        ["GET /api/projects/{id:guid}/measurements"] = StaffBureauDonor,
        ["POST /api/projects/{id:guid}/measurements"] = Staff,
        ["GET /api/measurements/review-queue"] = Staff,
        ["GET /api/measurements/{id:guid}"] = StaffBureauDonor,
        ["PUT /api/measurements/{id:guid}"] = Staff,
        ["POST /api/measurements/{id:guid}/submit"] = Staff,
        ["POST /api/measurements/{id:guid}/approve"] = Staff,
        ["POST /api/measurements/{id:guid}/return"] = Staff,
        ["POST /api/measurements/{id:guid}/correct"] = Staff,
        ["GET /api/measurements/{id:guid}/attachments"] = StaffBureauDonor,
        ["POST /api/measurements/{id:guid}/attachments"] = Staff,
        ["GET /api/measurements/import-template.xlsx"] = Staff,
        ["POST /api/measurements/import"] = Staff,

        ["GET /api/applications/"] = SignedIn,
        ["GET /api/applications/{id:guid}"] = SignedIn,
        ["POST /api/applications/"] = Staff,
        ["PUT /api/applications/{id:guid}"] = Staff,
        ["POST /api/applications/{id:guid}/submit"] = Staff,
        ["POST /api/applications/{id:guid}/screening"] = Staff,
        ["POST /api/applications/{id:guid}/recommendation"] = Staff,
        ["POST /api/applications/{id:guid}/opinions"] = BureauOnly,
        ["GET /api/applications/{id:guid}/attachments/"] = SignedIn,
        ["POST /api/applications/{id:guid}/attachments/"] = Staff,
        ["GET /api/attachments/{id:guid}"] = SignedIn,

        ["GET /api/bureau-sessions/"] = StaffAndBureau,
        ["GET /api/bureau-sessions/{id:guid}"] = StaffAndBureau,
        ["POST /api/bureau-sessions/"] = Staff,
        ["PUT /api/bureau-sessions/{id:guid}"] = Staff,
        ["POST /api/bureau-sessions/{id:guid}/agenda"] = Staff,
        ["POST /api/bureau-sessions/{id:guid}/decisions"] = Staff,
        ["POST /api/bureau-sessions/{id:guid}/amendments"] = Staff,
        ["POST /api/bureau-sessions/{id:guid}/close"] = Staff,

        ["GET /api/portfolio/summary"] = SignedIn,
        ["GET /api/portfolio/projects"] = SignedIn,
        ["GET /api/iati/activities.xml"] = SignedIn,
        ["GET /api/reports/projects/{id:guid}.pdf"] = SignedIn,
        ["GET /api/reports/bureau-sessions/{id:guid}/dossier.pdf"] = StaffAndBureau,
        ["GET /api/reports/bureau-sessions/{id:guid}/minutes.pdf"] = StaffAndBureau,
        ["GET /api/reports/portfolio.pdf"] = SignedIn,
        ["GET /api/reports/portfolio.xlsx"] = SignedIn,

        ["POST /api/reports/issued/"] = Staff,
        ["GET /api/reports/issued/"] = StaffBureauDonor,
        ["GET /api/reports/issued/{id:guid}"] = StaffBureauDonor,
        ["GET /api/reports/issued/{id:guid}/file"] = StaffBureauDonor,

        ["GET /api/users/"] = AdminOnly,
        ["GET /api/users/{id}"] = AdminOnly,
        ["POST /api/users/"] = AdminOnly,
        ["PUT /api/users/{id}"] = AdminOnly,
        ["POST /api/users/{id}/disable"] = AdminOnly,
        ["POST /api/users/{id}/enable"] = AdminOnly,
        ["PUT /api/users/{id}/password"] = AdminOnly,
        ["POST /api/account/password"] = SignedIn,

        // The audit log: read only, administrators only; no route writes to it.
        ["GET /api/audit/"] = AdminOnly,
        ["GET /api/audit/export.xlsx"] = AdminOnly,
    };

    /// <summary>Who may open each page (its route pattern). Keep docs/security.md in step.</summary>
    private static readonly Dictionary<string, string[]> Pages = new()
    {
        ["/Account/Login"] = Everyone,
        ["/Account/AccessDenied"] = Everyone,
        ["/Account/Logout"] = SignedIn,
        ["/Error"] = Everyone,
        ["/Culture"] = Everyone,
        ["/"] = SignedIn,
        ["/Index"] = SignedIn,
        ["/Catalogue"] = SignedIn,
        ["/Catalogue/Index"] = SignedIn,
        ["/Portfolio"] = SignedIn,
        ["/Portfolio/Index"] = SignedIn,
        ["/Portfolio/Projects"] = SignedIn,
        ["/Members"] = SignedIn,
        ["/Members/Index"] = SignedIn,
        ["/Members/Edit/{id:guid?}"] = Staff,
        ["/Partners"] = SignedIn,
        ["/Partners/Index"] = SignedIn,
        ["/Partners/Edit/{id:guid?}"] = Staff,
        ["/Projects"] = SignedIn,
        ["/Projects/Index"] = SignedIn,
        ["/Projects/Details/{id:guid}"] = SignedIn,
        ["/Projects/Edit/{id:guid?}"] = Staff,
        ["/Projects/{id:guid}/Execution"] = Staff,
        ["/Projects/{id:guid}/Measurements"] = StaffBureauDonor,
        ["/Measurements"] = Staff,
        ["/Measurements/Import"] = Staff,
        ["/Applications"] = AllButDonor,
        ["/Applications/Index"] = AllButDonor,
        ["/Applications/Details/{id:guid}"] = AllButDonor,
        ["/Applications/Edit/{id:guid?}"] = Staff,
        ["/Sessions"] = StaffAndBureau,
        ["/Sessions/Index"] = StaffAndBureau,
        ["/Sessions/Details/{id:guid}"] = StaffAndBureau,
        ["/Sessions/Edit/{id:guid?}"] = Staff,
        ["/reports/issue"] = Staff,
        ["/reports/issued"] = StaffBureauDonor,
        ["/Account/Password"] = SignedIn,
        ["/Admin/Users"] = AdminOnly,
        ["/Admin/Users/Index"] = AdminOnly,
        ["/Admin/Users/Edit/{id?}"] = AdminOnly,
        ["/Admin/Audit"] = AdminOnly,
        ["/Admin/Audit/Index"] = AdminOnly,
    };

    private static readonly Dictionary<string, string> Accounts = new()
    {
        [A] = "admin@portfolio.local", [O] = "officer@portfolio.local", [B] = "bureau@portfolio.local",
        [D] = "donor@portfolio.local", [P] = "applicant@portfolio.local",
    };

    private const string MissingRow = "add it to the matrix in PermissionMatrixTests and to docs/security.md";

    [Test]
    public async Task Every_API_endpoint_answers_each_role_as_the_matrix_says()
    {
        await using var factory = new PortfolioFactory();
        try
        {
            var endpoints = Endpoints(factory).Where(e => e.Pattern.StartsWith("/api/", StringComparison.Ordinal))
                .SelectMany(e => e.Methods.Select(m => $"{m} {e.Pattern}")).Distinct().Order().ToList();
            Assert.That(endpoints, Has.Count.GreaterThan(50), "the endpoint data source lists the API");
            var failures = Unmatched(endpoints, Api);

            var clients = new Dictionary<string, HttpClient> { [Anonymous] = factory.CreateClient() };
            foreach (var (role, email) in Accounts) clients[role] = await factory.ApiClientAsync(email);

            var observed = new StringBuilder();
            foreach (var endpoint in endpoints.Where(Api.ContainsKey))
            {
                var (method, pattern) = (endpoint[..endpoint.IndexOf(' ')], endpoint[(endpoint.IndexOf(' ') + 1)..]);
                observed.Append(endpoint);
                foreach (var (role, client) in clients)
                {
                    using var response = await client.SendAsync(MinimalRequest(method, pattern));
                    var status = (int)response.StatusCode;
                    observed.Append($" {role}:{status}");
                    var problem = Judge(status, role, Api[endpoint]);
                    if (problem is not null) failures.Add($"{endpoint} as {role}: {status}, {problem}");
                }
                observed.AppendLine();
            }
            TestContext.Out.WriteLine(observed);
            Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures));
        }
        finally
        {
            PortfolioFactory.DeleteDatabase(factory.DatabasePath);
        }
    }

    [Test]
    public async Task Every_page_answers_each_role_as_the_matrix_says()
    {
        await using var factory = new PortfolioFactory();
        try
        {
            var pages = Endpoints(factory).Where(e => e.IsPage).Select(e => e.Pattern).Distinct().Order().ToList();
            Assert.That(pages, Has.Count.GreaterThan(20), "the endpoint data source lists the pages");
            var failures = Unmatched(pages, Pages);

            // Real records, as the officer sees them: allowed roles open a real page, scoped ones get 404 for
            // what is not theirs, and refused ones are refused before anything is loaded.
            var officer = await factory.ApiClientAsync(Accounts[O]);
            var ids = new Dictionary<string, string>
            {
                ["Projects"] = await FirstIdAsync(officer, "/api/projects/"),
                ["Applications"] = await FirstIdAsync(officer, "/api/applications/"),
                ["Sessions"] = await FirstIdAsync(officer, "/api/bureau-sessions/"),
                ["Members"] = await FirstIdAsync(officer, "/api/members/"),
                ["Partners"] = await FirstIdAsync(officer, "/api/partners/"),
            };

            var browsers = new Dictionary<string, HttpClient> { [Anonymous] = factory.Browser() };
            foreach (var (role, email) in Accounts) browsers[role] = await factory.SignedInBrowserAsync(email);

            var observed = new StringBuilder();
            // Opening the sign-out page is harmless, but it is left out so that no future change to it can sign a
            // browser out half-way through the walk.
            foreach (var page in pages.Where(Pages.ContainsKey).Where(p => p != "/Account/Logout"))
            {
                var url = page.Replace("/{id:guid?}", "", StringComparison.Ordinal).Replace("/{id?}", "", StringComparison.Ordinal);
                if (url.Contains("{id:guid}", StringComparison.Ordinal))
                    url = url.Replace("{id:guid}", ids[page.Split('/')[1]], StringComparison.Ordinal);
                observed.Append(page);
                foreach (var (role, browser) in browsers)
                {
                    using var response = await browser.GetAsync(url);
                    var status = (int)response.StatusCode;
                    var location = response.Headers.Location?.OriginalString ?? "";
                    // Cookie authentication answers a page it refuses with a redirect: to the sign-in page when nobody
                    // is signed in (401), to the access-denied page when the role is not allowed (403).
                    var effective = status == 302 && location.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase) ? 401
                        : status == 302 && location.Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase) ? 403
                        : status;
                    observed.Append($" {role}:{status}{(status == 302 ? "→" + location : "")}");
                    var problem = Judge(effective, role, Pages[page]);
                    if (problem is not null) failures.Add($"GET {url} ({page}) as {role}: {status} {location}, {problem}");
                }
                observed.AppendLine();
            }
            TestContext.Out.WriteLine(observed);
            Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures));
        }
        finally
        {
            PortfolioFactory.DeleteDatabase(factory.DatabasePath);
        }
    }

    [Test]
    public async Task Every_id_route_answers_a_donor_or_applicant_not_found_for_a_record_outside_its_scope()
    {
        await using var factory = new PortfolioFactory();
        try
        {
            var officer = await factory.ApiClientAsync(Accounts[O]);
            var routes = Api.Keys.Where(k => k.StartsWith("GET ", StringComparison.Ordinal) && k.Contains("{id:guid}", StringComparison.Ordinal)
                && k.Count(c => c == '{') == 1).ToList();
            var failures = new List<string>();
            var tried = 0;
            foreach (var role in new[] { D, P })
            {
                var client = await factory.ApiClientAsync(Accounts[role]);
                // Records the officer sees and this user does not: another partner's or another city's.
                var hidden = new Dictionary<string, string>
                {
                    ["projects"] = await HiddenIdAsync(officer, client, "/api/projects/?pageSize=100"),
                    ["applications"] = await HiddenIdAsync(officer, client, "/api/applications/?pageSize=100"),
                };
                foreach (var route in routes.Where(r => Api[r].Contains(role)))
                {
                    var kind = route.Contains("/projects/{id:guid}", StringComparison.Ordinal) ? "projects"
                        : route.Contains("/applications/{id:guid}", StringComparison.Ordinal) ? "applications" : null;
                    if (kind is null) continue;
                    var url = route[4..].Replace("{id:guid}", hidden[kind], StringComparison.Ordinal);
                    using var response = await client.GetAsync(url);
                    tried++;
                    if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden))
                        failures.Add($"{route} as {role} with another's {kind} id: {(int)response.StatusCode}");
                }
            }
            Assert.That(tried, Is.GreaterThan(8), "project and application routes were tried");
            Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures));
        }
        finally
        {
            PortfolioFactory.DeleteDatabase(factory.DatabasePath);
        }
    }

    private static async Task<string> HiddenIdAsync(HttpClient officer, HttpClient user, string list)
    {
        static async Task<List<string>> IdsAsync(HttpClient client, string url) =>
            (await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>(url))!["items"]!.AsArray().Select(i => (string)i!["id"]!).ToList();
        var seen = await IdsAsync(user, list);
        return (await IdsAsync(officer, list)).First(id => !seen.Contains(id));
    }

    [Test]
    public async Task Directory_project_counts_cover_only_the_projects_the_user_may_see()
    {
        await using var factory = new PortfolioFactory();
        try
        {
            var officer = await factory.ApiClientAsync(Accounts[O]);
            foreach (var role in new[] { D, P })
            {
                var client = await factory.ApiClientAsync(Accounts[role]);
                var visible = (int)(await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>("/api/projects/?pageSize=1"))!["totalCount"]!;
                // Every project has one lead member: the member counts add up to the projects this user sees.
                var members = await CountsAsync(client, "/api/members/?pageSize=100", "projectCount");
                Assert.That(members.Values.Sum(), Is.EqualTo(visible), $"{role}: member project counts");
                var partners = await CountsAsync(client, "/api/partners/?pageSize=100", "coFinancedProjects");
                Assert.That(partners.Values, Has.All.LessThanOrEqualTo(visible), $"{role}: partner project counts");
            }
            // The same lists as an officer count more, so the assertions above can fail.
            var all = (int)(await officer.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>("/api/projects/?pageSize=1"))!["totalCount"]!;
            Assert.That((await CountsAsync(officer, "/api/members/?pageSize=100", "projectCount")).Values.Sum(), Is.EqualTo(all));
            var donorSees = (int)(await (await factory.ApiClientAsync(Accounts[D])).GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>("/api/projects/?pageSize=1"))!["totalCount"]!;
            Assert.That(all, Is.GreaterThan(donorSees), "the sample portfolio has projects the donor does not co-finance");
        }
        finally
        {
            PortfolioFactory.DeleteDatabase(factory.DatabasePath);
        }
    }

    private static async Task<Dictionary<string, int>> CountsAsync(HttpClient client, string list, string field)
    {
        var page = (await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>(list))!;
        Assert.That((int)page["totalCount"]!, Is.LessThanOrEqualTo(100), "one page holds the whole directory");
        return page["items"]!.AsArray().ToDictionary(i => (string)i!["id"]!, i => (int)i![field]!);
    }

    /// <summary>What the application serves that the matrix does not list, and the other way round.</summary>
    private static List<string> Unmatched(List<string> found, Dictionary<string, string[]> matrix) =>
        found.Where(f => !matrix.ContainsKey(f)).Select(f => $"{f}: not in the matrix; {MissingRow}")
            .Concat(matrix.Keys.Where(k => !found.Contains(k)).Select(k => $"{k}: in the matrix but not in the application"))
            .ToList();

    /// <summary>Null when the status fits the matrix: nobody signed in gets 401 where sign-in is needed, a role
    /// not allowed gets 403, an allowed one anything but 401/403 (400, 404 and 409 are expected for dummy
    /// requests), and nobody ever gets a 5xx.</summary>
    private static string? Judge(int status, string role, string[] allowed)
    {
        if (status >= 500) return "a server error";
        if (allowed.Contains(role))
            return status is 401 or 403 ? "but the matrix allows it" : null;
        if (role == Anonymous) return status == 401 ? null : "expected 401 (sign in first)";
        return status == 403 ? null : "expected 403 (the role is not allowed)";
    }

    /// <summary>The smallest request that reaches the use case: unknown ids, an empty JSON object, or a tiny file for
    /// uploads, so that the role check is what answers when the role is not allowed.</summary>
    private static HttpRequestMessage MinimalRequest(string method, string pattern)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+):guid\}", _ => Guid.NewGuid().ToString());
        path = System.Text.RegularExpressions.Regex.Replace(path, @"\{\w+\}", "X");
        // DELETE takes the version in the query string; without it binding would refuse the request before the role check.
        var request = new HttpRequestMessage(new HttpMethod(method), method == "DELETE" ? path + "?version=1" : path);
        if (method is "POST" or "PUT")
        {
            var uploads = pattern.EndsWith("/attachments/", StringComparison.Ordinal) || pattern.EndsWith("/attachments", StringComparison.Ordinal)
                || pattern.EndsWith("/import", StringComparison.Ordinal);
            if (uploads)
            {
                var form = new MultipartFormDataContent();
                form.Add(new ByteArrayContent("x"u8.ToArray()), "file", "note.txt");
                request.Content = form;
            }
            else request.Content = JsonContent.Create(new { });
        }
        return request;
    }

    private static async Task<string> FirstIdAsync(HttpClient client, string list)
    {
        var page = await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>(list);
        var items = page is System.Text.Json.Nodes.JsonArray array ? array : page!["items"]!.AsArray();
        return (string)items[0]!["id"]!;
    }

    private sealed record EndpointRow(string Pattern, IReadOnlyList<string> Methods, bool IsPage);

    private static List<EndpointRow> Endpoints(PortfolioFactory factory)
    {
        _ = factory.Server; // starts the application
        var source = factory.Services.GetRequiredService<EndpointDataSource>();
        return source.Endpoints.OfType<RouteEndpoint>().Select(e => new EndpointRow(
                "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'),
                e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToList() ?? ["GET"],
                e.Metadata.GetMetadata<PageActionDescriptor>() is not null))
            .ToList();
    }
}
