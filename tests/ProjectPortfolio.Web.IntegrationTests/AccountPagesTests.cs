using System.Net;
using System.Net.Http.Json;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>The password page (any user) and the accounts list (administrators), through real HTTP.</summary>
public class AccountPagesTests
{
    private PortfolioFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new PortfolioFactory { SessionCheckSeconds = 0 };

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _factory.DisposeAsync();
        PortfolioFactory.DeleteDatabase(_factory.DatabasePath);
    }

    private static Task<HttpResponseMessage> PostPasswordAsync(HttpClient browser, AngleSharp.Html.Dom.IHtmlDocument page, string current, string password, string confirm) =>
        browser.PostAsync("/Account/Password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = current, ["Input.Password"] = password, ["Input.ConfirmPassword"] = confirm,
            ["__RequestVerificationToken"] = Html.Token(page),
        }));

    [Test]
    public async Task A_user_changes_their_password_on_the_page_stays_signed_in_and_the_old_one_stops_working()
    {
        var browser = await _factory.SignedInBrowserAsync("officer2@portfolio.local");
        var page = await Html.GetAsync(browser, "/Account/Password");

        var wrong = await Html.ParseAsync(await PostPasswordAsync(browser, page, "not the password", "cobalt meadow thirty", "cobalt meadow thirty"));
        Assert.That(Html.FieldError(wrong, "Input.CurrentPassword"), Does.Contain("actuel"));
        var common = await Html.ParseAsync(await PostPasswordAsync(browser, wrong, PortfolioFactory.Password, "Qwertyuiop123", "Qwertyuiop123"));
        Assert.That(Html.FieldError(common, "Input.Password"), Does.Contain("plus courants"));
        Assert.That(common.QuerySelector("input[name='Input.Password']")?.GetAttribute("value"), Is.Null.Or.Empty, "a password is never sent back");
        var differ = await Html.ParseAsync(await PostPasswordAsync(browser, common, PortfolioFactory.Password, "cobalt meadow thirty", "cobalt meadow thirt"));
        Assert.That(Html.FieldError(differ, "Input.ConfirmPassword"), Does.Contain("identiques"));

        var done = await PostPasswordAsync(browser, differ, PortfolioFactory.Password, "cobalt meadow thirty", "cobalt meadow thirty");
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await browser.GetAsync("/Projects")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the browser that changed it stays signed in");
        var login = _factory.CreateClient();
        Assert.That((await login.PostAsJsonAsync("/api/auth/login", new { email = "officer2@portfolio.local", password = PortfolioFactory.Password })).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await login.PostAsJsonAsync("/api/auth/login", new { email = "officer2@portfolio.local", password = "cobalt meadow thirty" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_administrator_filters_the_accounts_and_disables_one_but_not_their_own()
    {
        var admin = await _factory.SignedInBrowserAsync("admin@portfolio.local");
        var home = await (await admin.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.That(home, Does.Contain("href=\"/admin/users\""), "the navigation links to the accounts");

        var donors = await Html.GetAsync(admin, "/admin/users?role=Donor");
        var rows = donors.QuerySelectorAll("table.list tbody tr").Select(r => r.TextContent).ToList();
        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.That(rows[0], Does.Contain("donor@portfolio.local").And.Contain("Bailleur"));

        var mine = await Html.GetAsync(admin, "/admin/users?q=admin%40portfolio");
        var own = (AngleSharp.Html.Dom.IHtmlFormElement)mine.QuerySelector("table.list tbody form")!;
        var refused = await admin.PostAsync(own.Action, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Html.Token(mine) }));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("propre compte"));

        var donorBrowser = await _factory.SignedInBrowserAsync("donor@portfolio.local");
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)donors.QuerySelector("table.list tbody form")!;
        var disabled = await admin.PostAsync(form.Action, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Html.Token(donors) }));
        Assert.That(disabled.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(disabled.Headers.Location!.ToString(), Does.Contain("role=Donor"), "back to the list as it was filtered");
        Assert.That((await donorBrowser.GetAsync("/Projects")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the donor's session ended");
        var after = await Html.GetAsync(admin, "/admin/users?role=Donor");
        Assert.That(after.QuerySelector("table.list tbody tr")!.TextContent, Does.Contain("Désactivé"));

        var enable = (AngleSharp.Html.Dom.IHtmlFormElement)after.QuerySelector("table.list tbody form")!;
        Assert.That((await admin.PostAsync(enable.Action, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Html.Token(after) }))).StatusCode,
            Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await _factory.SignedInBrowserAsync("donor@portfolio.local"), Is.Not.Null);
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string url, AngleSharp.Html.Dom.IHtmlDocument page, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Html.Token(page);
        return browser.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [Test]
    public async Task The_administrator_creates_an_account_on_the_page_edits_its_scope_and_sets_a_new_password()
    {
        var admin = await _factory.SignedInBrowserAsync("admin@portfolio.local");
        var list = await Html.GetAsync(admin, "/admin/users");
        Assert.That(list.QuerySelector("a[href='/admin/users/edit']"), Is.Not.Null, "the list offers a new account");
        var form = await Html.GetAsync(admin, "/admin/users/edit");
        var partner = form.QuerySelectorAll("select[name='Input.PartnerId'] option").Select(o => o.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v))!;
        var member = form.QuerySelectorAll("select[name='Input.MemberId'] option").Select(o => o.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v))!;
        var count = (await Html.GetAsync(admin, "/admin/users")).QuerySelectorAll("table.list tbody tr").Length;

        // A donor without its partner, passwords that differ: refused beside the fields, what was typed kept.
        var refused = await Html.ParseAsync(await PostFormAsync(admin, "/admin/users/edit", form, new()
        {
            ["Input.Email"] = "bailleur.wbi@portfolio.local", ["Input.DisplayName"] = "<b>Wallonie</b>", ["Input.Role"] = "Donor",
            ["Input.Password"] = "cobalt meadow thirty", ["Input.ConfirmPassword"] = "cobalt meadow thirt",
        }));
        Assert.That(Html.FieldError(refused, "Input.ConfirmPassword"), Does.Contain("identiques"));
        Assert.That(refused.QuerySelector("input[name='Input.Email']")!.GetAttribute("value"), Is.EqualTo("bailleur.wbi@portfolio.local"));
        Assert.That(refused.QuerySelector("input[name='Input.Password']")!.GetAttribute("value"), Is.Null.Or.Empty, "a password is never sent back");
        refused = await Html.ParseAsync(await PostFormAsync(admin, "/admin/users/edit", refused, new()
        {
            ["Input.Email"] = "bailleur.wbi@portfolio.local", ["Input.DisplayName"] = "<b>Wallonie</b>", ["Input.Role"] = "Donor",
            ["Input.Password"] = "cobalt meadow thirty", ["Input.ConfirmPassword"] = "cobalt meadow thirty",
        }));
        Assert.That(Html.FieldError(refused, "Input.PartnerId"), Does.Contain("partenaire"));
        Assert.That(refused.QuerySelector("select[name='Input.Role'] option[selected]")!.GetAttribute("value"), Is.EqualTo("Donor"));
        var common = await Html.ParseAsync(await PostFormAsync(admin, "/admin/users/edit", refused, new()
        {
            ["Input.Email"] = "bailleur.wbi@portfolio.local", ["Input.DisplayName"] = "Wallonie", ["Input.Role"] = "Donor", ["Input.PartnerId"] = partner,
            ["Input.Password"] = "Qwertyuiop123", ["Input.ConfirmPassword"] = "Qwertyuiop123",
        }));
        Assert.That(Html.FieldError(common, "Input.Password"), Does.Contain("plus courants"));
        Assert.That((await Html.GetAsync(admin, "/admin/users")).QuerySelectorAll("table.list tbody tr"), Has.Length.EqualTo(count), "nothing created");

        var created = await PostFormAsync(admin, "/admin/users/edit", common, new()
        {
            ["Input.Email"] = "bailleur.wbi@portfolio.local", ["Input.DisplayName"] = "<b>Wallonie</b>", ["Input.Role"] = "Donor", ["Input.PartnerId"] = partner,
            ["Input.Password"] = "cobalt meadow thirty", ["Input.ConfirmPassword"] = "cobalt meadow thirty",
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var login = _factory.CreateClient();
        Assert.That((await login.PostAsJsonAsync("/api/auth/login", new { email = "bailleur.wbi@portfolio.local", password = "cobalt meadow thirty" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var row = (await Html.GetAsync(admin, "/admin/users?q=bailleur.wbi")).QuerySelector("table.list tbody tr")!;
        Assert.That(row.TextContent, Does.Contain("Bailleur").And.Contain("<b>Wallonie</b>"), "markup in a name is shown as text");
        Assert.That(row.QuerySelector("b"), Is.Null);
        var editUrl = row.QuerySelector("a[href^='/admin/users/edit/']")!.GetAttribute("href")!;
        var edit = await Html.GetAsync(admin, editUrl);
        Assert.That(edit.QuerySelector("input[name='Input.Email']")!.HasAttribute("readonly"), Is.True, "the sign-in name stays");
        Assert.That(edit.QuerySelector("select[name='Input.PartnerId'] option[selected]")!.GetAttribute("value"), Is.EqualTo(partner));

        var moved = await PostFormAsync(admin, editUrl, edit, new()
        {
            ["Input.Email"] = "someone.else@portfolio.local", ["Input.DisplayName"] = "Focal point", ["Input.Role"] = "Applicant",
            ["Input.PartnerId"] = partner, ["Input.MemberId"] = member,
        });
        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var after = await Html.GetAsync(admin, editUrl);
        Assert.That(after.QuerySelector("input[name='Input.Email']")!.GetAttribute("value"), Is.EqualTo("bailleur.wbi@portfolio.local"), "an email posted on edit is ignored");
        Assert.That(after.QuerySelector("select[name='Input.Role'] option[selected]")!.GetAttribute("value"), Is.EqualTo("Applicant"));
        Assert.That(after.QuerySelector("select[name='Input.PartnerId'] option[selected]"), Is.Null, "a partner does not scope an applicant");

        var passwordUrl = editUrl + "?handler=Password";
        var weak = await Html.ParseAsync(await PostFormAsync(admin, passwordUrl, after, new() { ["NewPassword.Password"] = "short", ["NewPassword.ConfirmPassword"] = "short" }));
        Assert.That(Html.FieldError(weak, "NewPassword.Password"), Is.Not.Null.And.Not.Empty);
        var set = await PostFormAsync(admin, passwordUrl, weak, new() { ["NewPassword.Password"] = "amber harbour ninety", ["NewPassword.ConfirmPassword"] = "amber harbour ninety" });
        Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await login.PostAsJsonAsync("/api/auth/login", new { email = "bailleur.wbi@portfolio.local", password = "cobalt meadow thirty" })).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await login.PostAsJsonAsync("/api/auth/login", new { email = "bailleur.wbi@portfolio.local", password = "amber harbour ninety" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That((await admin.GetAsync("/admin/users/edit/no-such-account")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var officer = await _factory.SignedInBrowserAsync("officer@portfolio.local");
        var denied = await officer.GetAsync(editUrl);
        Assert.That(denied.Headers.Location?.OriginalString, Does.Contain("AccessDenied"));
    }
}
