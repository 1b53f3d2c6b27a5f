using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.Data.Sqlite;

namespace ProjectPortfolio.Web.IntegrationTests;

public class PagesTests
{
    private PortfolioFactory _factory = null!;
    private HttpClient _officer = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new PortfolioFactory();
        _officer = await _factory.SignedInBrowserAsync("officer@portfolio.local");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _factory.DisposeAsync();
        PortfolioFactory.DeleteDatabase(_factory.DatabasePath);
    }

    [TestCase("/")]
    [TestCase("/projects")]
    [TestCase("/members")]
    [TestCase("/catalogue")]
    [TestCase("/portfolio")]
    [TestCase("/portfolio/projects?indicator=HEALTH_FACILITIES")]
    public async Task Pages_need_a_login(string url)
    {
        var response = await _factory.Browser().GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.ToString(), Does.Contain("/Account/Login"));
    }

    [Test]
    public async Task The_login_page_speaks_French_by_default_and_English_on_request()
    {
        var browser = _factory.Browser();
        var french = await Html.GetAsync(browser, "/Account/Login");
        Assert.That(french.QuerySelector("h1")!.TextContent, Is.EqualTo("Connexion"));
        Assert.That(french.DocumentElement.GetAttribute("lang"), Is.EqualTo("fr"));
        var switched = await browser.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "en", ["returnUrl"] = "/Account/Login", ["__RequestVerificationToken"] = Html.Token(french),
        }));
        Assert.That(switched.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var english = await Html.GetAsync(browser, "/Account/Login");
        Assert.That(english.QuerySelector("h1")!.TextContent, Is.EqualTo("Sign in"));
    }

    [Test]
    public async Task A_wrong_password_keeps_the_email_and_says_why()
    {
        var browser = _factory.Browser();
        var form = await Html.GetAsync(browser, "/Account/Login");
        var response = await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "officer2@portfolio.local", ["Input.Password"] = "wrong", ["__RequestVerificationToken"] = Html.Token(form),
        }));
        var page = await Html.ParseAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.QuerySelector(".error-summary")!.TextContent, Does.Contain("Adresse ou mot de passe incorrect"));
        Assert.That(((IHtmlInputElement)page.QuerySelector("#Input_Email")!).Value, Is.EqualTo("officer2@portfolio.local"));
    }

    [Test]
    public async Task The_officer_filters_projects_to_Rwanda_and_health()
    {
        var page = await Html.GetAsync(_officer, "/projects?country=RW&theme=health");
        var rows = page.QuerySelectorAll("[data-testid=projects-table] tbody tr");
        var members = rows.Select(r => r.Children[2].TextContent.Trim()).Distinct().ToList();
        Assert.That(members, Is.EquivalentTo(new[] { "Ville de Kigali", "District de Rusizi", "District de Rubavu" }));
        Assert.That(rows.All(r => r.Children[3].TextContent.Trim() == "Rwanda"), Is.True);
        Assert.That(((IHtmlSelectElement)page.QuerySelector("#country")!).Value, Is.EqualTo("RW"), "the filter keeps its value");
        Assert.That(page.QuerySelector("td.num")!.TextContent, Does.Match(@"^\d{1,3}([\u202F\u00A0 ]\d{3})*,\d{2}\u00A0€$"), "amounts read the French way");
    }

    [Test]
    public async Task Sorting_and_paging_links_work()
    {
        var page = await Html.GetAsync(_officer, "/projects?sort=code");
        var codes = page.QuerySelectorAll("[data-testid=projects-table] tbody tr td:first-child").Select(c => c.TextContent.Trim()).ToList();
        Assert.That(codes, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        var next = page.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        Assert.That(next, Does.Contain("page=2").And.Contain("sort=code"));
        var second = await Html.GetAsync(_officer, next);
        Assert.That(second.QuerySelectorAll("[data-testid=projects-table] tbody tr").First().Children[0].TextContent.Trim(), Is.GreaterThan(codes.Last()));
    }

    private async Task<(string Url, IHtmlDocument Page)> EditPageOfAsync(string code)
    {
        var list = await Html.GetAsync(_officer, $"/projects?q={code}");
        var details = list.QuerySelector("[data-testid=projects-table] tbody tr td a")!.GetAttribute("href")!;
        var detailPage = await Html.GetAsync(_officer, details);
        var edit = detailPage.QuerySelector("a.button[href*='/edit']")!.GetAttribute("href")!;
        return (edit, await Html.GetAsync(_officer, edit));
    }

    [Test]
    public async Task Saving_an_empty_title_or_an_end_before_the_start_shows_the_errors_and_changes_nothing()
    {
        var (url, page) = await EditPageOfAsync("AIMF-2022-001");
        var original = ((IHtmlInputElement)page.QuerySelector("#Input_Title")!).Value;
        var values = Html.FormValues(page);
        values["Input.Title"] = "";
        values["Input.Summary"] = "Résumé retapé par l'utilisateur";
        values["Input.PlannedEnd"] = "2000-01-01";

        var response = await _officer.PostAsync(url, new FormUrlEncodedContent(values));
        var result = await Html.ParseAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Html.FieldError(result, "Input.Title"), Is.Not.Null.And.Contain("Titre"));
        Assert.That(Html.FieldError(result, "Input.PlannedEnd"), Is.Not.Null);
        Assert.That(result.QuerySelector(".error-summary"), Is.Not.Null);
        Assert.That(result.QuerySelector("#Input_Summary")!.TextContent, Is.EqualTo("Résumé retapé par l'utilisateur"), "what was typed is kept");
        var reopened = await Html.GetAsync(_officer, url);
        Assert.That(((IHtmlInputElement)reopened.QuerySelector("#Input_Title")!).Value, Is.EqualTo(original));
        Assert.That(((IHtmlInputElement)reopened.QuerySelector("#Input_PlannedEnd")!).Value, Is.Not.EqualTo("2000-01-01"));
    }

    [Test]
    public async Task An_edit_is_saved_and_survives_a_restart()
    {
        var path = Path.Combine(Path.GetTempPath(), "portfolio-restart-" + Guid.NewGuid().ToString("N") + ".db");
        string editUrl;
        await using (var first = new PortfolioFactory(path))
        {
            var officer = await first.SignedInBrowserAsync("officer@portfolio.local");
            var list = await Html.GetAsync(officer, "/projects?q=AIMF-2022-001");
            var details = list.QuerySelector("[data-testid=projects-table] tbody tr td a")!.GetAttribute("href")!;
            editUrl = details.Replace("/projects/details/", "/projects/edit/", StringComparison.Ordinal);
            var values = Html.FormValues(await Html.GetAsync(officer, editUrl));
            values["Input.Title"] = "Centre d'information touristique de Nyanza — <b>titre</b> modifié";
            var saved = await officer.PostAsync(editUrl, new FormUrlEncodedContent(values));
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            var detail = await Html.GetAsync(officer, saved.Headers.Location!.ToString());
            Assert.That(detail.QuerySelector("h1")!.TextContent, Does.Contain("<b>titre</b> modifié"), "HTML typed in a field is shown as text");
            Assert.That(detail.QuerySelector("h1 b"), Is.Null);
        }
        SqliteConnection.ClearAllPools();
        await using (var second = new PortfolioFactory(path))
        {
            var officer = await second.SignedInBrowserAsync("officer@portfolio.local");
            var page = await Html.GetAsync(officer, editUrl);
            Assert.That(((IHtmlInputElement)page.QuerySelector("#Input_Title")!).Value, Is.EqualTo("Centre d'information touristique de Nyanza — <b>titre</b> modifié"));
        }
        PortfolioFactory.DeleteDatabase(path);
    }

    [Test]
    public async Task A_new_project_with_an_unreadable_amount_is_refused_with_the_typed_values_kept()
    {
        var form = await Html.GetAsync(_officer, "/projects/edit");
        var values = Html.FormValues(form);
        values["Input.Title"] = "Nouveau projet";
        values["Input.GrantAmount"] = "=1+1";
        var response = await _officer.PostAsync("/projects/edit", new FormUrlEncodedContent(values));
        var page = await Html.ParseAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Html.FieldError(page, "Input.GrantAmount"), Is.Not.Null);
        Assert.That(Html.FieldError(page, "Input.LeadMemberId"), Is.Not.Null, "other problems are reported at the same time");
        Assert.That(((IHtmlInputElement)page.QuerySelector("#Input_Title")!).Value, Is.EqualTo("Nouveau projet"));
        Assert.That(((IHtmlInputElement)page.QuerySelector("#Input_GrantAmount")!).Value, Is.EqualTo("=1+1"));
    }

    [Test]
    public async Task A_donor_cannot_open_the_edit_form()
    {
        var donor = await _factory.SignedInBrowserAsync("donor@portfolio.local");
        var response = await donor.GetAsync("/projects/edit");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.ToString(), Does.Contain("AccessDenied"));
        var list = await Html.GetAsync(donor, "/projects");
        Assert.That(list.QuerySelector("a.button.primary[href='/projects/edit']"), Is.Null);
    }

    [Test]
    public async Task The_project_page_shows_the_English_text_or_marks_the_French_fallback()
    {
        var browser = await _factory.SignedInBrowserAsync("bureau@portfolio.local");
        var home = await Html.GetAsync(browser, "/");
        await browser.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "en", ["returnUrl"] = "/", ["__RequestVerificationToken"] = Html.Token(home),
        }));
        var list = await Html.GetAsync(browser, "/projects?q=Gitega");
        var detail = await Html.GetAsync(browser, list.QuerySelector("[data-testid=projects-table] tbody tr td a")!.GetAttribute("href")!);
        Assert.That(detail.QuerySelector("nav")!.TextContent, Does.Contain("Projects"));
        Assert.That(detail.QuerySelector(".facts")!.TextContent, Does.Contain("Burundi"));
        Assert.That(detail.Body!.TextContent, Does.Contain("26/08/2024"));
    }

    [Test]
    public async Task The_results_dashboard_shows_the_Rwanda_health_figures_and_opens_the_projects_behind_them()
    {
        var page = await Html.GetAsync(_officer, "/portfolio?country=RW&theme=health&from=2020-01-01");
        Assert.That(page.QuerySelector("nav a.active")!.TextContent, Is.EqualTo("Résultats"));
        Assert.That(((IHtmlSelectElement)page.QuerySelector("#Country")!).Value, Is.EqualTo("RW"), "the filters keep their values");
        Assert.That(((IHtmlSelectElement)page.QuerySelector("#Theme")!).Value, Is.EqualTo("health"));
        Assert.That(((IHtmlInputElement)page.QuerySelector("#From")!).Value, Is.EqualTo("2020-01-01"));

        string Total(string code) => page.QuerySelector($"tr[data-indicator={code}] [data-testid=total]")!.TextContent.Trim();
        Assert.That(Total("HEALTH_FACILITIES"), Is.EqualTo("15"));
        Assert.That(Total("MATERNITY_UNITS"), Is.EqualTo("2"));
        Assert.That(Total("PEOPLE_HEALTH_ACCESS"), Is.EqualTo("85\u202F000"), "numbers read the French way");
        Assert.That(page.QuerySelector("[data-testid=awarded]")!.TextContent, Is.EqualTo("1\u202F330\u202F000,00\u00A0€"));
        Assert.That(page.QuerySelector("tr[data-indicator=HEALTH_FACILITIES]")!.TextContent, Does.Match("68[\u00A0\u202F]%"), "15 of a target of 22");

        // Each chart is an inline SVG with a title, and a table of the same figures for screen readers.
        var chart = page.QuerySelector("figure.chart[data-indicator=PEOPLE_HEALTH_ACCESS]")!;
        Assert.That(chart.QuerySelector("svg[role=group] > title")!.TextContent, Does.Contain("Rwanda 85\u202F000"));
        Assert.That(chart.QuerySelector("table caption"), Is.Not.Null);
        Assert.That(page.QuerySelectorAll("svg.progress[role=img][aria-label]"), Has.Length.EqualTo(3));
        Assert.That(page.QuerySelectorAll("script"), Is.Empty, "no JavaScript");

        var link = page.QuerySelector("tr[data-indicator=HEALTH_FACILITIES] a[data-testid=total]")!.GetAttribute("href")!;
        Assert.That(link, Is.EqualTo("/portfolio/projects?indicator=HEALTH_FACILITIES&country=RW&theme=health&from=2020-01-01"));
        var drill = await Html.GetAsync(_officer, link);
        Assert.That(drill.QuerySelector("[data-testid=total]")!.TextContent, Is.EqualTo("15"));
        var rows = drill.QuerySelectorAll("[data-testid=contributions-table] tbody tr");
        Assert.That(rows.Select(r => r.Children[2].TextContent.Trim()).Distinct(),
            Is.EquivalentTo(new[] { "Ville de Kigali", "District de Rusizi", "District de Rubavu" }));
        Assert.That(rows.Select(r => r.Children[0].TextContent.Trim()), Does.Contain("AIMF-2019-002").And.Contain("AIMF-2024-001"));

        var people = await Html.GetAsync(_officer, "/portfolio/projects?indicator=PEOPLE_HEALTH_ACCESS&country=RW&theme=health&from=2020-01-01");
        var kigaliFirstPhase = people.QuerySelectorAll("[data-testid=contributions-table] tbody tr").Single(r => r.Children[0].TextContent.Trim() == "AIMF-2019-002");
        Assert.That(kigaliFirstPhase.Children[5].TextContent, Does.Contain("compté dans AIMF-2024-001"), "a phase inside its continuation's figure says so");
    }

    [Test]
    public async Task A_reversed_period_on_the_dashboard_is_explained_and_shows_no_figures()
    {
        var page = await Html.GetAsync(_officer, "/portfolio?from=2024-01-01&to=2023-01-01");
        Assert.That(page.QuerySelector(".error-summary")!.TextContent, Does.Contain("La date de fin ne peut pas précéder la date de début."));
        Assert.That(page.QuerySelector(".error-summary a")!.GetAttribute("href"), Is.EqualTo("#To"));
        Assert.That(page.QuerySelector("#To"), Is.Not.Null);
        Assert.That(page.QuerySelector("[data-testid=indicators-table]"), Is.Null);
        var typo = await Html.GetAsync(_officer, "/portfolio?from=hier");
        Assert.That(typo.QuerySelector(".error-summary")!.TextContent, Does.Contain("Date invalide"));
        Assert.That(((IHtmlInputElement)typo.QuerySelector("#From")!).GetAttribute("value"), Is.EqualTo("hier"), "what was typed is shown back");
    }
}
