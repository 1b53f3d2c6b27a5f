using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProjectPortfolio.Infrastructure.Persistence;

using static ProjectPortfolio.Web.IntegrationTests.ApiJson;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>Issue 7, "nodes are stateless": two servers on ONE database, as two nodes behind a balancer that sends
/// each request wherever it likes. What one node issues (a sign-in cookie, an antiforgery token, a bearer token) the
/// other accepts, what one writes the other reads, and two edits of one project through the two nodes give one
/// success and one 409, never a lost update. On SQLite the nodes share a file; with PORTFOLIO_TEST_PROVIDER=PostgreSql
/// (as CI runs the suite again) a PostgreSQL database, the deployment docs/operations.md describes.</summary>
/// <remarks>Both nodes run in this test process, so the test proves what travels through the database and the
/// data-protection ring; each node keeps its own service provider, its own caches and its own in-memory state, but
/// they share the process (statics, the runtime). Its sibling SeveralProcessesTests runs the same scenarios on two
/// real processes of the built application on PostgreSQL, over HTTP only; this one stays for what only an in-process
/// host can see (the key ring read back from both nodes' services) and for the SQLite run.</remarks>
public class SeveralNodesTests
{
    private PortfolioFactory _nodeA = null!;
    private PortfolioFactory _nodeB = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _nodeA = new PortfolioFactory();
        _nodeB = new PortfolioFactory(_nodeA.DatabasePath);
        // One after the other, as a rolling start: A migrates and seeds, B finds the database ready.
        _ = _nodeA.Services;
        _ = _nodeB.Services;
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _nodeB.DisposeAsync();
        await _nodeA.DisposeAsync();
        PortfolioFactory.DeleteDatabase(_nodeA.DatabasePath);
    }

    /// <summary>One browser: a cookie jar shared by a client of each node, as a balancer without sticky sessions
    /// gives. Redirects are not followed, so each answer is the node's own.</summary>
    private (HttpClient OnA, HttpClient OnB) Browser()
    {
        var cookies = new CookieContainer();
        return (_nodeA.CreateDefaultClient(new CookieContainerHandler(cookies)), _nodeB.CreateDefaultClient(new CookieContainerHandler(cookies)));
    }

    private static async Task<string> TokenAsync(HttpClient client, string email)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = PortfolioFactory.Password });
        response.EnsureSuccessStatusCode();
        return (string)(await Json(response))["accessToken"]!;
    }

    private static HttpClient WithToken(HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<JsonNode> ProjectAsync(HttpClient api, string code) =>
        (await Json(await api.GetAsync($"/api/projects?q={code}")))["items"]!.AsArray().Single()!;

    [Test]
    public async Task Both_nodes_use_one_key_ring_kept_in_the_database()
    {
        // Use data protection on each node, so that each has loaded (or made) its ring.
        var token = await TokenAsync(_nodeA.CreateClient(), "officer@portfolio.local");
        Assert.That(token, Is.Not.Empty);

        await using var scope = _nodeA.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var stored = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
        Assert.That(stored, Is.Not.Empty, "the key ring is in the database");
        foreach (var node in new[] { _nodeA, _nodeB })
        {
            var options = node.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value;
            Assert.That(options.XmlRepository, Is.InstanceOf<EntityFrameworkCoreXmlRepository<ApplicationDbContext>>(), "keys are read from and written to the database, not a folder of the node");
            var keys = node.Services.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => k.KeyId.ToString()).ToList();
            Assert.That(keys, Is.Not.Empty);
            Assert.That(keys, Is.All.Matches<string>(id => stored.Any(xml => xml.Contains(id, StringComparison.Ordinal))), "every key a node knows is a row of the table");
        }
        Assert.That(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(DataProtectionKey)), Is.False, "key material never reaches the audit trail");
    }

    [Test]
    public async Task A_cookie_sign_in_made_on_A_is_accepted_by_B_and_so_is_a_form_token_issued_by_A()
    {
        var (onA, onB) = Browser();
        var login = await Html.GetAsync(onA, "/Account/Login");
        var signedIn = await onA.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "officer@portfolio.local", ["Input.Password"] = PortfolioFactory.Password, ["__RequestVerificationToken"] = Html.Token(login),
        }));
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "signed in on A");

        var listOnB = await onB.GetAsync("/projects?q=AIMF-2022-002");
        Assert.That(listOnB.StatusCode, Is.EqualTo(HttpStatusCode.OK), "B accepts A's sign-in cookie instead of sending to the login page");

        var api = WithToken(_nodeA.CreateClient(), await TokenAsync(_nodeA.CreateClient(), "officer@portfolio.local"));
        var id = (string)(await ProjectAsync(api, "AIMF-2022-002"))["id"]!;
        var form = await Html.GetAsync(onA, $"/projects/edit/{id}");
        var values = Html.FormValues(form);

        // A token that is not A's (nor anyone's) is refused by B: the check is really made.
        var forged = new Dictionary<string, string>(values) { ["__RequestVerificationToken"] = "CfDJ8" + new string('A', 120), ["Input.Title"] = "Forgé" };
        Assert.That((await onB.PostAsync($"/projects/edit/{id}", new FormUrlEncodedContent(forged))).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        values["Input.Title"] = "Saisi sur le nœud A, enregistré par le nœud B";
        var saved = await onB.PostAsync($"/projects/edit/{id}", new FormUrlEncodedContent(values));
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "B accepts the antiforgery token A put in the form");
        Assert.That((string)(await Json(await api.GetAsync($"/api/projects/{id}")))["title"]!, Is.EqualTo("Saisi sur le nœud A, enregistré par le nœud B"), "and A reads what B saved");
    }

    [Test]
    public async Task A_bearer_token_from_A_works_on_B_and_an_edit_made_on_A_is_seen_by_B()
    {
        var token = await TokenAsync(_nodeA.CreateClient(), "officer@portfolio.local");
        var onA = WithToken(_nodeA.CreateClient(), token);
        var onB = WithToken(_nodeB.CreateClient(), token);

        var listed = await onB.GetAsync("/api/projects?q=AIMF-2022-003");
        Assert.That(listed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "B accepts A's bearer token");
        Assert.That((await _nodeB.CreateClient().GetAsync("/api/projects")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "and still asks one of a client without");

        var id = (string)(await ProjectAsync(onA, "AIMF-2022-003"))["id"]!;
        var sheet = await Json(await onA.GetAsync($"/api/projects/{id}"));
        var saved = await onA.PutAsJsonAsync($"/api/projects/{id}", EditOf(sheet, "Modifié sur le nœud A"));
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var seenByB = await Json(await onB.GetAsync($"/api/projects/{id}"));
        Assert.That((string)seenByB["title"]!, Is.EqualTo("Modifié sur le nœud A"));
        Assert.That((int)seenByB["version"]!, Is.EqualTo((int)sheet["version"]! + 1));
    }

    [Test]
    public async Task Concurrent_edits_of_one_project_through_A_and_B_give_one_success_and_one_conflict()
    {
        var token = await TokenAsync(_nodeA.CreateClient(), "officer@portfolio.local");
        var onA = WithToken(_nodeA.CreateClient(), token);
        var onB = WithToken(_nodeB.CreateClient(), token);
        var id = (string)(await ProjectAsync(onA, "AIMF-2022-004"))["id"]!;

        // Several rounds, so that the two requests really meet in some of them; each round both editors read the
        // same version and send their edit at the same moment, one to each node.
        for (var round = 1; round <= 5; round++)
        {
            var sheet = await Json(await onA.GetAsync($"/api/projects/{id}"));
            var version = (int)sheet["version"]!;
            var titles = new[] { $"Version d'Aline, tour {round}", $"Version de Bruno, tour {round}" };
            var answers = await Task.WhenAll(
                onA.PutAsJsonAsync($"/api/projects/{id}", EditOf(sheet, titles[0])),
                onB.PutAsJsonAsync($"/api/projects/{id}", EditOf(sheet, titles[1])));

            var statuses = answers.Select(a => a.StatusCode).ToList();
            Assert.That(statuses, Is.EquivalentTo(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }), $"round {round}: one edit wins, the other is told");
            var winner = titles[statuses.IndexOf(HttpStatusCode.OK)];
            foreach (var node in new[] { onA, onB })
            {
                var now = await Json(await node.GetAsync($"/api/projects/{id}"));
                Assert.That((string)now["title"]!, Is.EqualTo(winner), $"round {round}: the stored title is the winner's, on both nodes");
                Assert.That((int)now["version"]!, Is.EqualTo(version + 1), $"round {round}: exactly one save");
            }
        }
    }
}
