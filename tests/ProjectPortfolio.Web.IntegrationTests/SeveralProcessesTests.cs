using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NUnit.Framework.Interfaces;
using ProjectPortfolio.Testing;

using static ProjectPortfolio.Web.IntegrationTests.ApiJson;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>Issue 7, "nodes are stateless", with real nodes: two operating-system processes of the built application
/// (<see cref="WebProcess"/>) on one PostgreSQL database, configured by environment variables as docs/operations.md
/// ("Running several nodes") tells a deployment, and reached only through HTTP on their two ports. A sign-in cookie,
/// a form's antiforgery token and a bearer token issued by A are accepted by B; an edit through A is read through B;
/// two simultaneous edits of one project, one through each, give one 200 and one 409 and the winner's edit stored.</summary>
/// <remarks>The in-process sibling, SeveralNodesTests, runs the same scenarios on two WebApplicationFactory hosts in
/// this test process (and on SQLite too). Here the nodes share no memory, no static, no service provider and no
/// configuration object: only the database. PostgreSQL only, whatever PORTFOLIO_TEST_PROVIDER says (several nodes
/// need PostgreSQL): ignored without PORTFOLIO_TEST_POSTGRES, failed in CI, as every PostgreSQL-only test
/// (TestDatabases.RequireServer).</remarks>
[NonParallelizable]
public class SeveralProcessesTests
{
    private const string Password = "several-processes-password";
    private string? _database;
    private string? _folder;
    private WebProcess? _nodeA;
    private WebProcess? _nodeB;

    private WebProcess NodeA => _nodeA!;
    private WebProcess NodeB => _nodeB!;

    [OneTimeSetUp]
    public async Task Start()
    {
        var server = TestDatabases.RequireServer();
        // The processes get their PostgreSQL database from PORTFOLIO_TEST_POSTGRES whatever the suite's provider, so
        // CI's second pass (PORTFOLIO_TEST_PROVIDER=PostgreSql, same server) would repeat this class exactly, and it
        // is the slowest of the suite (two cold starts, one of them migrating and seeding): it runs in the main pass.
        if (TestDatabases.UsePostgreSql)
            Assert.Ignore("Provider-independent: run without PORTFOLIO_TEST_PROVIDER (PORTFOLIO_TEST_POSTGRES alone), as CI's main pass does.");
        try
        {
            _database = TestDatabases.NameFor("processes_" + Guid.NewGuid().ToString("N"));
            await TestDatabases.CreateAsync(_database);
            _folder = Path.Combine(Path.GetTempPath(), "portfolio-processes-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_folder);
            // Rolling start, as docs/operations.md asks: A migrates the empty database and seeds it, B starts once A answers.
            _nodeA = await WebProcess.StartAsync("A", Settings(server));
            _nodeB = await WebProcess.StartAsync("B", Settings(server));
        }
        catch
        {
            await Stop();
            throw;
        }
    }

    /// <summary>What every node of a deployment gets: the same provider, connection string and demo password, and
    /// one shared folder for the files. Sign-in limits are raised: every sign-in of this class comes from 127.0.0.1.</summary>
    private Dictionary<string, string> Settings(string server) => new()
    {
        ["Database__Provider"] = "PostgreSql",
        // Pooled, as in production (TestDatabases turns pooling off for the test's own throwaway connections).
        ["ConnectionStrings__Portfolio"] = new NpgsqlConnectionStringBuilder(server) { Database = _database }.ToString(),
        ["Demo__Password"] = Password,
        ["Attachments__Path"] = Path.Combine(_folder!, "attachments"),
        ["IssuedReports__Path"] = Path.Combine(_folder!, "issued-reports"),
        ["Security__SignIn__PerAddress"] = "10000",
        ["Security__SignIn__PerAccount"] = "10000",
    };

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_nodeB is not null) await _nodeB.DisposeAsync();
        if (_nodeA is not null) await _nodeA.DisposeAsync();
        if (_database is not null) TestDatabases.Drop(_database);
        if (_folder is not null && Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        _nodeA = _nodeB = null;
        _database = _folder = null;
    }

    /// <summary>A failed check says what the nodes logged.</summary>
    [TearDown]
    public void ShowOutputOnFailure()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status != TestStatus.Failed) return;
        foreach (var node in new[] { _nodeA, _nodeB })
            if (node is not null) TestContext.Out.WriteLine(node.Describe());
    }

    /// <summary>A client of one node. Redirects are not followed, so that each answer is the node's own. Generous
    /// timeout: a PBKDF2 sign-in on a loaded 2-core CI machine took over 10 s once (CrashSafetyTests).</summary>
    private static HttpClient Client(WebProcess node, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = cookies is not null, CookieContainer = cookies ?? new CookieContainer() })
        {
            BaseAddress = node.Address,
            Timeout = TimeSpan.FromSeconds(60),
        };

    private static async Task<string> TokenAsync(WebProcess node, string email)
    {
        using var client = Client(node);
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"sign-in of {email} on {node.Name}");
        return (string)(await Json(response))["accessToken"]!;
    }

    private static HttpClient Api(WebProcess node, string token)
    {
        var client = Client(node);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<string> ProjectIdAsync(HttpClient api, string code) =>
        (string)(await Json(await api.GetAsync($"/api/projects?q={code}")))["items"]!.AsArray().Single()!["id"]!;

    [Test]
    public async Task A_cookie_sign_in_made_on_A_is_accepted_by_B_and_so_is_a_form_token_issued_by_A()
    {
        // One browser: a cookie jar shared by a client of each node, as a balancer without sticky sessions gives (both
        // nodes are 127.0.0.1, and a cookie without a Port attribute goes to every port of its host).
        var cookies = new CookieContainer();
        using var onA = Client(NodeA, cookies);
        using var onB = Client(NodeB, cookies);
        using (var stranger = Client(NodeB, new CookieContainer()))
        {
            var refused = await stranger.GetAsync("/projects?q=AIMF-2022-002");
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "without a sign-in, B sends to the login page");
            Assert.That(refused.Headers.Location?.ToString(), Does.Contain("/Account/Login"));
        }

        var login = await Html.GetAsync(onA, "/Account/Login");
        var signedIn = await onA.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "officer@portfolio.local", ["Input.Password"] = Password, ["__RequestVerificationToken"] = Html.Token(login),
        }));
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "signed in on A");

        var listOnB = await onB.GetAsync("/projects?q=AIMF-2022-002");
        Assert.That(listOnB.StatusCode, Is.EqualTo(HttpStatusCode.OK), "B accepts A's sign-in cookie instead of sending to the login page");

        using var api = Api(NodeA, await TokenAsync(NodeA, "officer@portfolio.local"));
        var id = await ProjectIdAsync(api, "AIMF-2022-002");
        var values = Html.FormValues(await Html.GetAsync(onA, $"/projects/edit/{id}"));

        // A token that is not A's (nor anyone's) is refused by B: the check is really made.
        var forged = new Dictionary<string, string>(values) { ["__RequestVerificationToken"] = "CfDJ8" + new string('A', 120), ["Input.Title"] = "Forgé" };
        Assert.That((await onB.PostAsync($"/projects/edit/{id}", new FormUrlEncodedContent(forged))).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest),
            "B refuses a forged antiforgery token");

        values["Input.Title"] = "Saisi sur le processus A, enregistré par le processus B";
        var saved = await onB.PostAsync($"/projects/edit/{id}", new FormUrlEncodedContent(values));
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "B accepts the antiforgery token A put in the form");
        Assert.That((string)(await Json(await api.GetAsync($"/api/projects/{id}")))["title"]!,
            Is.EqualTo("Saisi sur le processus A, enregistré par le processus B"), "and A reads what B saved");
    }

    [Test]
    public async Task A_bearer_token_from_A_works_on_B_and_an_edit_made_on_A_is_seen_by_B()
    {
        var token = await TokenAsync(NodeA, "officer@portfolio.local");
        using var onA = Api(NodeA, token);
        using var onB = Api(NodeB, token);

        var listed = await onB.GetAsync("/api/projects?q=AIMF-2022-003");
        Assert.That(listed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "B accepts A's bearer token");
        using (var anonymous = Client(NodeB))
            Assert.That((await anonymous.GetAsync("/api/projects")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "and still asks one of a client without");
        using (var forged = Api(NodeB, token[..^8] + "AAAAAAAA"))
            Assert.That((await forged.GetAsync("/api/projects")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "and refuses a tampered one");

        var id = await ProjectIdAsync(onA, "AIMF-2022-003");
        var sheet = await Json(await onA.GetAsync($"/api/projects/{id}"));
        var saved = await onA.PutAsJsonAsync($"/api/projects/{id}", EditOf(sheet, "Modifié par le processus A"));
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var seenByB = await Json(await onB.GetAsync($"/api/projects/{id}"));
        Assert.That((string)seenByB["title"]!, Is.EqualTo("Modifié par le processus A"));
        Assert.That((int)seenByB["version"]!, Is.EqualTo((int)sheet["version"]! + 1));
    }

    [Test]
    public async Task Concurrent_edits_of_one_project_through_A_and_B_give_one_success_and_one_conflict()
    {
        var token = await TokenAsync(NodeA, "officer@portfolio.local");
        using var onA = Api(NodeA, token);
        using var onB = Api(NodeB, token);
        var id = await ProjectIdAsync(onA, "AIMF-2022-004");

        // Several rounds, so that the two requests really meet in some of them; each round both editors read the same
        // version and send their edit at the same moment, one to each process, the one through B sent first in even
        // rounds: who wins is not the test's business, that exactly one does is.
        for (var round = 1; round <= 5; round++)
        {
            var sheet = await Json(await onA.GetAsync($"/api/projects/{id}"));
            var version = (int)sheet["version"]!;
            var titles = new[] { $"Version d'Aline (A), tour {round}", $"Version de Bruno (B), tour {round}" };
            var bodies = titles.Select(t => EditOf(sheet, t)).ToArray();
            var sends = new Task<HttpResponseMessage>[2];
            foreach (var editor in round % 2 == 0 ? new[] { 1, 0 } : new[] { 0, 1 })
                sends[editor] = Task.Run(() => (editor == 0 ? onA : onB).PutAsJsonAsync($"/api/projects/{id}", bodies[editor]));
            var answers = await Task.WhenAll(sends);

            var statuses = answers.Select(a => a.StatusCode).ToList();
            Assert.That(statuses, Is.EquivalentTo(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }), $"round {round}: one edit wins, the other is told");
            var winner = titles[statuses.IndexOf(HttpStatusCode.OK)];
            foreach (var node in new[] { onA, onB })
            {
                var now = await Json(await node.GetAsync($"/api/projects/{id}"));
                Assert.That((string)now["title"]!, Is.EqualTo(winner), $"round {round}: the stored title is the winner's, read through both processes");
                Assert.That((int)now["version"]!, Is.EqualTo(version + 1), $"round {round}: exactly one save");
            }
            TestContext.Out.WriteLine($"round {round}: {string.Join(", ", answers.Select((a, i) => $"{"AB"[i]} {(int)a.StatusCode}"))}");
        }
    }
}
