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
}
