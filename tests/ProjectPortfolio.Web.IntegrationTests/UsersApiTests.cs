using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>Administrators manage accounts through /api/users; users change their own password. One server, with
/// sign-in cookies checked on every request (SessionCheckSeconds = 0) so that ended sessions show at once.</summary>
public class UsersApiTests
{
    private PortfolioFactory _factory = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new PortfolioFactory { SessionCheckSeconds = 0 };
        _admin = await _factory.ApiClientAsync("admin@portfolio.local");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _factory.DisposeAsync();
        PortfolioFactory.DeleteDatabase(_factory.DatabasePath);
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}@portfolio.local";

    private async Task<string> FirstIdAsync(string url) =>
        (await _admin.GetFromJsonAsync<JsonElement>(url)).GetProperty("items")[0].GetProperty("id").GetString()!;

    private async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement);
    }

    private async Task<HttpStatusCode> SignInAsync(string email, string password) =>
        (await _factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password })).StatusCode;

    private async Task<HttpClient> BearerAsync(string email, string password)
    {
        var client = _factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string[] Errors(JsonElement problem, string field) =>
        problem.GetProperty("errors").TryGetProperty(field, out var list) ? list.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];

    private async Task<string> CreateAsync(string email, string role, string password = "orchid lantern seventeen", Guid? partner = null, Guid? member = null)
    {
        var (response, body) = await PostAsync(_admin, "/api/users", new { email, displayName = "Awa Diallo", role, partnerId = partner, memberId = member, password });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        return body.GetProperty("id").GetString()!;
    }

    [Test]
    public async Task An_administrator_creates_a_donor_for_a_partner_who_then_signs_in_and_is_listed_by_role_and_text()
    {
        var partner = Guid.Parse(await FirstIdAsync("/api/partners"));
        var email = Unique("donor");
        var id = await CreateAsync(email, "Donor", partner: partner);

        var user = await _admin.GetFromJsonAsync<JsonElement>($"/api/users/{id}");
        Assert.That(user.GetProperty("partnerId").GetGuid(), Is.EqualTo(partner));
        Assert.That(user.GetProperty("enabled").GetBoolean(), Is.True);
        Assert.That(await SignInAsync(email, "orchid lantern seventeen"), Is.EqualTo(HttpStatusCode.OK));

        var donors = await _admin.GetFromJsonAsync<JsonElement>("/api/users?role=Donor&q=" + Uri.EscapeDataString(email.ToUpperInvariant()));
        Assert.That(donors.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("email").GetString()), Is.EqualTo(new[] { email }));
        var page = await _admin.GetFromJsonAsync<JsonElement>("/api/users?sort=-email&page=2&pageSize=2");
        Assert.That(page.GetProperty("items").GetArrayLength(), Is.EqualTo(2));
        Assert.That(page.GetProperty("totalCount").GetInt32(), Is.GreaterThanOrEqualTo(7));
    }

    [Test]
    public async Task Bad_accounts_are_refused_field_by_field_and_nothing_is_created()
    {
        var before = (await _admin.GetFromJsonAsync<JsonElement>("/api/users")).GetProperty("totalCount").GetInt32();

        var (noPartner, body) = await PostAsync(_admin, "/api/users", new { email = Unique("d"), displayName = "X", role = "Donor", password = "orchid lantern seventeen" });
        Assert.That(noPartner.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Errors(body, "PartnerId"), Is.Not.Empty);

        var (noCity, cityBody) = await PostAsync(_admin, "/api/users", new { email = Unique("a"), displayName = "X", role = "Applicant", memberId = Guid.NewGuid(), password = "orchid lantern seventeen" });
        Assert.That(noCity.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Errors(cityBody, "MemberId"), Is.Not.Empty, "an unknown member city");

        var (duplicate, dupBody) = await PostAsync(_admin, "/api/users", new { email = " ADMIN@portfolio.local ", displayName = "X", role = "ProgrammeOfficer", password = "orchid lantern seventeen" });
        Assert.That(duplicate.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Errors(dupBody, "Email"), Has.Some.Contains("existe déjà"));

        var (common, commonBody) = await PostAsync(_admin, "/api/users", new { email = Unique("c"), displayName = "X", role = "ProgrammeOfficer", password = "QWERTYUIOP123" });
        Assert.That(common.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Errors(commonBody, "Password"), Has.Some.Contains("plus courants"));

        var (shortOne, shortBody) = await PostAsync(_admin, "/api/users", new { email = Unique("s"), displayName = "X", role = "ProgrammeOfficer", password = "short" });
        Assert.That(shortOne.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Errors(shortBody, "Password"), Has.Some.Contains("12 caractères"));

        var (badRole, roleBody) = await PostAsync(_admin, "/api/users", new { email = Unique("r"), displayName = "X", role = "Root", password = "orchid lantern seventeen" });
        Assert.That(badRole.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Errors(roleBody, "Role"), Is.Not.Empty);

        var (hostile, _) = await PostAsync(_admin, "/api/users", new { email = "../../etc/passwd", displayName = "=1+1\0", role = "Donor", password = "" });
        Assert.That(hostile.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        Assert.That((await _admin.GetFromJsonAsync<JsonElement>("/api/users")).GetProperty("totalCount").GetInt32(), Is.EqualTo(before));
    }

    [Test]
    public async Task Disabling_ends_the_browser_and_bearer_sessions_and_refuses_sign_in_until_enabled_again()
    {
        var email = Unique("officer");
        var id = await CreateAsync(email, "ProgrammeOfficer", "orchid lantern seventeen");
        var bearer = await BearerAsync(email, "orchid lantern seventeen");
        var browser = _factory.Browser();
        var login = await Html.GetAsync(browser, "/Account/Login");
        var signedIn = await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = "orchid lantern seventeen", ["__RequestVerificationToken"] = Html.Token(login),
        }));
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await browser.GetAsync("/Projects")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await bearer.GetAsync("/api/projects")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var (disabled, body) = await PostAsync(_admin, $"/api/users/{id}/disable", new { });
        Assert.That(disabled.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("enabled").GetBoolean(), Is.False);

        Assert.That((await bearer.GetAsync("/api/projects")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var page = await browser.GetAsync("/Projects");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(page.Headers.Location!.ToString(), Does.Contain("/Account/Login"));
        Assert.That(await SignInAsync(email, "orchid lantern seventeen"), Is.EqualTo(HttpStatusCode.Unauthorized));

        // The page says the account cannot sign in, without saying whether it was disabled or locked out.
        var again = await Html.GetAsync(browser, "/Account/Login");
        var refused = await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = "orchid lantern seventeen", ["__RequestVerificationToken"] = Html.Token(again),
        }));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("ne peut pas se connecter pour l&#x27;instant").Or.Contain("ne peut pas se connecter pour l'instant"));

        Assert.That((await _admin.PostAsJsonAsync($"/api/users/{id}/enable", new { })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await SignInAsync(email, "orchid lantern seventeen"), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task An_administrator_cannot_disable_themselves_nor_remove_the_last_administrator()
    {
        var me = await _admin.GetFromJsonAsync<JsonElement>("/api/users?role=Administrator&q=admin@portfolio.local");
        var id = me.GetProperty("items")[0].GetProperty("id").GetString();
        var (self, body) = await PostAsync(_admin, $"/api/users/{id}/disable", new { });
        Assert.That(self.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Errors(body, "Enabled"), Has.Some.Contains("votre propre compte"));

        var demote = await _admin.PutAsJsonAsync($"/api/users/{id}", new { displayName = "Administratrice", role = "ProgrammeOfficer" });
        Assert.That(demote.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await demote.Content.ReadAsStringAsync(), Does.Contain("dernier administrateur"));
        Assert.That(await SignInAsync("admin@portfolio.local", PortfolioFactory.Password), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Editing_the_role_moves_the_scope_and_ends_the_old_sessions()
    {
        var member = Guid.Parse(await FirstIdAsync("/api/members"));
        var email = Unique("bureau");
        var id = await CreateAsync(email, "BureauMember");
        var bearer = await BearerAsync(email, "orchid lantern seventeen");

        var noCity = await _admin.PutAsJsonAsync($"/api/users/{id}", new { displayName = "Awa", role = "Applicant" });
        Assert.That(noCity.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var moved = await _admin.PutAsJsonAsync($"/api/users/{id}", new { displayName = "Awa", role = "Applicant", memberId = member, partnerId = Guid.NewGuid() });
        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var user = await moved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(user.GetProperty("role").GetString(), Is.EqualTo("Applicant"));
        Assert.That(user.GetProperty("memberId").GetGuid(), Is.EqualTo(member));
        Assert.That(user.GetProperty("partnerId").ValueKind, Is.EqualTo(JsonValueKind.Null), "a partner does not belong on an applicant");
        Assert.That((await bearer.GetAsync("/api/bureau-sessions")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the Bureau token outlived the role");
    }

    [Test]
    public async Task A_new_password_set_by_the_administrator_ends_the_old_token_and_the_old_password()
    {
        var email = Unique("forgot");
        var id = await CreateAsync(email, "BureauMember");
        var bearer = await BearerAsync(email, "orchid lantern seventeen");

        var common = await _admin.PutAsJsonAsync($"/api/users/{id}/password", new { password = "Qwertyuiop123" });
        Assert.That(common.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await bearer.GetAsync("/api/projects")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a refused password changes nothing");

        Assert.That((await _admin.PutAsJsonAsync($"/api/users/{id}/password", new { password = "violet harbour engine" })).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await bearer.GetAsync("/api/projects")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await SignInAsync(email, "orchid lantern seventeen"), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await SignInAsync(email, "violet harbour engine"), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_user_changes_their_own_password_giving_the_current_one()
    {
        var email = Unique("self");
        await CreateAsync(email, "Donor", partner: Guid.Parse(await FirstIdAsync("/api/partners")));
        var me = await BearerAsync(email, "orchid lantern seventeen");

        var (wrong, body) = await PostAsync(me, "/api/account/password", new { currentPassword = "not my password at all", newPassword = "granite sparrow ninety" });
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Errors(body, "CurrentPassword"), Is.Not.Empty);
        var (mine, mineBody) = await PostAsync(me, "/api/account/password", new { currentPassword = "orchid lantern seventeen", newPassword = "Awa Diallo rocks 2026" });
        Assert.That(mine.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the display name inside");
        Assert.That(Errors(mineBody, "Password"), Is.Not.Empty);
        var (differ, _) = await PostAsync(me, "/api/account/password", new { currentPassword = "orchid lantern seventeen", newPassword = "granite sparrow ninety", confirmPassword = "granite sparrow nine" });
        Assert.That(differ.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        var (ok, _) = await PostAsync(me, "/api/account/password", new { currentPassword = "orchid lantern seventeen", newPassword = "granite sparrow ninety" });
        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await me.GetAsync("/api/projects")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the token issued before the change");
        Assert.That(await SignInAsync(email, "granite sparrow ninety"), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Only_administrators_reach_the_accounts()
    {
        var officer = await _factory.ApiClientAsync("officer@portfolio.local");
        Assert.That((await officer.GetAsync("/api/users")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await officer.PostAsJsonAsync("/api/users", new { email = Unique("x"), displayName = "X", role = "Administrator", password = "orchid lantern seventeen" })).StatusCode,
            Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
