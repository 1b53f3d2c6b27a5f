using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ProjectPortfolio.BrowserTests;

/// <summary>What a donor and an applicant city may see, and the main forms driven by the keyboard alone. The
/// expected scope is read at run time from the API as a programme officer (who sees everything), not from
/// counts written here: other journeys add projects and applications to the same database.</summary>
public class ScopeJourneys : Journey
{
    /// <summary>The partner the demo donor account is bound to (DemoOptions.DonorPartnerCode) and the member the demo
    /// applicant speaks for (DemoOptions.ApplicantMemberCode).</summary>
    private const string DonorPartnerCode = "UE";
    private const string ApplicantMemberCode = "RUBAVU";

    private readonly List<IBrowserContext> _otherContexts = [];

    [TearDown]
    public async Task CloseOtherContextsAsync()
    {
        foreach (var context in _otherContexts) await context.CloseAsync();
        _otherContexts.Clear();
    }

    [Test]
    public async Task A_donor_sees_only_what_it_co_finances()
    {
        var officer = await SignedInPageAsync("officer@portfolio.local");
        var partnerId = (await FindByCodeAsync(officer, $"/api/partners?q={DonorPartnerCode}&pageSize=100", DonorPartnerCode)).GetProperty("id").GetGuid();
        var projects = await AllProjectDetailsAsync(officer);
        bool CoFinanced(JsonElement p) => p.GetProperty("coFinancing").EnumerateArray().Any(c => c.GetProperty("partnerId").GetGuid() == partnerId);
        var expected = projects.Where(CoFinanced).Select(p => p.GetProperty("code").GetString()!).Order(StringComparer.Ordinal).ToList();
        var notCoFinanced = projects.First(p => !CoFinanced(p));
        TestContext.Out.WriteLine($"Projects co-financed by {DonorPartnerCode} (officer's view): {string.Join(", ", expected)}");
        Assert.That(expected, Is.Not.Empty.And.Count.LessThanOrEqualTo(25), "the sample must give the donor a scope that fits one page");

        await SignInAsync("donor@portfolio.local");
        await Page.GotoAsync("/projects");
        var seen = (await Page.GetByTestId("projects-table").Locator("tbody tr td:first-child a").AllInnerTextsAsync())
            .Select(c => c.Trim()).Order(StringComparer.Ordinal).ToList();
        TestContext.Out.WriteLine($"Projects the donor sees: {string.Join(", ", seen)}");
        Assert.That(seen, Is.EqualTo(expected));
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Nouveau projet" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Demandes", Exact = true })).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        var opened = await ClickFirstRowAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(opened);
        await Expect(Page.GetByRole(AriaRole.Table).Filter(new() { HasText = "Union européenne" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Modifier" })).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("project-execution")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(Page);
        var ownId = Page.Url.Split('/').Last();

        // A project the partner does not co-finance, opened by its address: not found, and nothing of it shown.
        await AssertNotFoundAsync($"/projects/details/{notCoFinanced.GetProperty("id").GetGuid()}", notCoFinanced);
        var api = await Page.APIRequest.GetAsync($"/api/projects/{notCoFinanced.GetProperty("id").GetGuid()}");
        Assert.That(api.Status, Is.EqualTo(404), "the API must hide it as the page does");

        var application = await FirstApplicationAsync(officer, null);
        var refused = new[]
        {
            "/projects/edit", $"/projects/edit/{ownId}", $"/projects/{ownId}/execution", "/applications", "/applications/edit",
            $"/applications/details/{application.GetProperty("id").GetGuid()}", "/sessions", "/measurements",
        };
        foreach (var url in refused) await AssertAccessDeniedAsync(url);
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        // The results dashboard counts the partner's projects only: the same figures as an officer's dashboard
        // filtered on that partner, and fewer projects than the whole portfolio.
        await Page.GotoAsync("/portfolio");
        var donorFigures = await DashboardFiguresAsync(Page);
        await officer.GotoAsync($"/portfolio?partner={DonorPartnerCode}");
        var partnerFigures = await DashboardFiguresAsync(officer);
        await officer.GotoAsync("/portfolio");
        var wholeFigures = await DashboardFiguresAsync(officer);
        TestContext.Out.WriteLine($"Dashboard: donor [{string.Join(" | ", donorFigures)}], officer filtered on {DonorPartnerCode} [{string.Join(" | ", partnerFigures)}], officer [{string.Join(" | ", wholeFigures)}]");
        Assert.That(donorFigures, Is.EqualTo(partnerFigures));
        Assert.That(donorFigures[0], Is.EqualTo(expected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(wholeFigures[0], Is.Not.EqualTo(donorFigures[0]));
        await Accessibility.AssertNoSeriousViolationsAsync(Page);
    }

    [Test]
    public async Task An_applicant_city_sees_only_its_own()
    {
        var officer = await SignedInPageAsync("officer@portfolio.local");
        var memberId = (await FindByCodeAsync(officer, $"/api/members?q={ApplicantMemberCode}&pageSize=100", ApplicantMemberCode)).GetProperty("id").GetGuid();
        var projects = await AllProjectDetailsAsync(officer);
        bool Takes_part(JsonElement p) => p.GetProperty("leadMemberId").GetGuid() == memberId
            || p.GetProperty("partnerMembers").EnumerateArray().Any(m => m.GetProperty("id").GetGuid() == memberId);
        var expectedProjects = projects.Where(Takes_part).Select(p => p.GetProperty("code").GetString()!).Order(StringComparer.Ordinal).ToList();
        var otherProject = projects.First(p => !Takes_part(p));
        var ownApplications = await ItemsAsync(officer, $"/api/applications?member={memberId}&pageSize=100");
        var expectedApplications = ownApplications.Select(a => a.GetProperty("reference").GetString()!).Order(StringComparer.Ordinal).ToList();
        var otherApplication = await FirstApplicationAsync(officer, ownApplications.Select(a => a.GetProperty("id").GetGuid()).ToHashSet());
        TestContext.Out.WriteLine($"{ApplicantMemberCode} (officer's view): projects {string.Join(", ", expectedProjects)}; applications {string.Join(", ", expectedApplications)}");
        Assert.That(expectedProjects, Is.Not.Empty.And.Count.LessThanOrEqualTo(25));
        Assert.That(expectedApplications, Is.Not.Empty.And.Count.LessThanOrEqualTo(25));

        await SignInAsync("applicant@portfolio.local");
        await Page.GotoAsync("/projects");
        var seenProjects = (await Page.GetByTestId("projects-table").Locator("tbody tr td:first-child a").AllInnerTextsAsync())
            .Select(c => c.Trim()).Order(StringComparer.Ordinal).ToList();
        TestContext.Out.WriteLine($"Projects the applicant sees: {string.Join(", ", seenProjects)}");
        Assert.That(seenProjects, Is.EqualTo(expectedProjects));
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Nouveau projet" })).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        var openedProject = await ClickFirstRowAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/projects/details/", RegexOptions.IgnoreCase));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(openedProject);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Modifier" })).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("project-execution")).ToHaveCountAsync(0);
        await Expect(Page.Locator("main form")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(Page);
        var ownProjectId = Page.Url.Split('/').Last();

        await Page.GotoAsync("/applications");
        var seenApplications = (await Page.Locator("tbody tr td:first-child a").AllInnerTextsAsync())
            .Select(c => c.Trim()).Order(StringComparer.Ordinal).ToList();
        TestContext.Out.WriteLine($"Applications the applicant sees: {string.Join(", ", seenApplications)}");
        Assert.That(seenApplications, Is.EqualTo(expectedApplications));
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle demande" })).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        var openedApplication = await ClickFirstRowAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(openedApplication);
        // No edit, submit, screening, recommendation, opinion or upload form: an applicant reads its dossier.
        await Expect(Page.Locator("main form")).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Modifier" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Approuver" })).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(Page);
        var ownApplicationId = Page.Url.Split('/').Last();

        await AssertNotFoundAsync($"/projects/details/{otherProject.GetProperty("id").GetGuid()}", otherProject);
        await AssertNotFoundAsync($"/applications/details/{otherApplication.GetProperty("id").GetGuid()}", otherApplication);
        Assert.That((await Page.APIRequest.GetAsync($"/api/applications/{otherApplication.GetProperty("id").GetGuid()}")).Status, Is.EqualTo(404));

        foreach (var url in new[] { $"/projects/edit/{ownProjectId}", $"/applications/edit/{ownApplicationId}", "/applications/edit", "/sessions" })
            await AssertAccessDeniedAsync(url);
    }

    [Test]
    public async Task The_project_form_is_filled_and_sent_with_the_keyboard_alone()
    {
        await SignInAsync("officer@portfolio.local");
        await Page.GotoAsync("/projects/edit");

        await TabToAsync("#Input_Title");
        await AssertFocusVisibleAsync();
        await Page.Keyboard.TypeAsync("Éclairage public solaire saisi au clavier");
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.Locator("#Input_TitleEn")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Shift+Tab");
        await Expect(Page.Locator("#Input_Title")).ToBeFocusedAsync();

        // Sent with required fields missing: refused, and the focus lands on the list of what to fix.
        await TabToAsync("main button[type=submit]");
        await AssertFocusVisibleAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator(".error-summary")).ToBeFocusedAsync();
        await AssertFocusVisibleAsync();
        await Expect(Page.Locator("#Input_Title")).ToHaveValueAsync("Éclairage public solaire saisi au clavier");

        foreach (var select in new[] { "#Input_LeadMemberId", "#Input_Country", "#Input_Theme", "#Input_Instrument" })
        {
            await TabToAsync(select);
            await AssertFocusVisibleAsync();
            await Page.Keyboard.PressAsync("ArrowDown");
            await Expect(Page.Locator(select)).Not.ToHaveValueAsync("");
        }
        // Day and month alike, so the typing is the same whatever order the locale shows them in.
        await TabToAsync("#Input_PlannedStart");
        await Page.Keyboard.TypeAsync("01012027");
        await Expect(Page.Locator("#Input_PlannedStart")).ToHaveValueAsync("2027-01-01");
        await TabToAsync("#Input_PlannedEnd");
        await Page.Keyboard.TypeAsync("01012028");
        await Expect(Page.Locator("#Input_PlannedEnd")).ToHaveValueAsync("2028-01-01");
        await TabToAsync("#Input_GrantAmount");
        await Page.Keyboard.TypeAsync("50 000");
        await TabToAsync("main button[type=submit]");
        await Page.Keyboard.PressAsync("Space");

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Projet créé");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Éclairage public solaire saisi au clavier");
        await Expect(Page.Locator(".facts")).ToContainTextAsync("50 000");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);
    }

    [Test]
    public async Task The_application_draft_form_is_filled_and_sent_with_the_keyboard_alone()
    {
        await SignInAsync("officer@portfolio.local");
        await Page.GotoAsync("/applications/edit");

        await TabToAsync("#Input_Title");
        await AssertFocusVisibleAsync();
        await Page.Keyboard.TypeAsync("Bibliothèque de quartier demandée au clavier");
        await TabToAsync("main button[type=submit]");
        await Page.Keyboard.PressAsync("Enter");

        // No applicant: refused, the focus is on the error summary and the title is kept.
        await Expect(Page.Locator(".error-summary")).ToBeFocusedAsync();
        await AssertFocusVisibleAsync();
        await Expect(Page.Locator("[data-valmsg-for='Input.ApplicantMemberId']")).Not.ToBeEmptyAsync();
        await Expect(Page.Locator("#Input_Title")).ToHaveValueAsync("Bibliothèque de quartier demandée au clavier");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        await TabToAsync("#Input_ApplicantMemberId");
        await AssertFocusVisibleAsync();
        await Page.Keyboard.PressAsync("ArrowDown");
        await Expect(Page.Locator("#Input_ApplicantMemberId")).Not.ToHaveValueAsync("");
        var applicant = (await Page.Locator("#Input_ApplicantMemberId option:checked").InnerTextAsync()).Trim();
        await TabToAsync("main button[type=submit]");
        await Page.Keyboard.PressAsync("Space");

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Brouillon enregistré");
        await Expect(Page.GetByTestId("application-status")).ToHaveTextAsync("Brouillon");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Bibliothèque de quartier demandée au clavier");
        await Expect(Page.Locator(".facts")).ToContainTextAsync(Regex.Replace(applicant, @"\s*\([A-Z]{2}\)$", ""));
    }

    /// <summary>Presses Tab (nothing else) until the element gets the focus; fails if it never does.</summary>
    private async Task TabToAsync(string selector)
    {
        for (var i = 0; i < 120; i++)
        {
            if (await Page.EvaluateAsync<bool>("s => document.activeElement !== null && document.activeElement.matches(s)", selector)) return;
            await Page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"{selector} never got the keyboard focus.");
    }

    /// <summary>The focused element shows the site's focus ring (a solid outline), not the browser's faint default
    /// nor nothing at all.</summary>
    private async Task AssertFocusVisibleAsync()
    {
        var outline = await Page.EvaluateAsync<string>(
            "() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }");
        var what = await Page.EvaluateAsync<string>("() => document.activeElement.outerHTML.slice(0, 80)");
        Assert.That(outline, Does.Match(@"^solid [2-9](\.\d+)?px$"), $"focus not visible on {what}");
    }

    private async Task AssertNotFoundAsync(string url, JsonElement hidden)
    {
        var response = await Page.GotoAsync(url);
        Assert.That(response!.Status, Is.EqualTo(404), url);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Page introuvable", Level = 1 })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(Page);
        var text = await Page.Locator("body").InnerTextAsync();
        var code = hidden.TryGetProperty("code", out var c) ? c.GetString()! : hidden.GetProperty("reference").GetString()!;
        Assert.That(text, Does.Not.Contain(code).And.Not.Contain(hidden.GetProperty("title").GetString()!), $"{url} shows what it hides");
    }

    private async Task AssertAccessDeniedAsync(string url)
    {
        await Page.GotoAsync(url);
        await Expect(Page).ToHaveURLAsync(new Regex("/account/accessdenied", RegexOptions.IgnoreCase), new() { Timeout = 5_000 });
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Accès refusé", Level = 1 })).ToBeVisibleAsync();
    }

    private static async Task<string[]> DashboardFiguresAsync(IPage page) =>
    [
        (await page.GetByTestId("projects-total").InnerTextAsync()).Trim(),
        (await page.GetByTestId("awarded").InnerTextAsync()).Trim(),
        (await page.GetByTestId("disbursed").InnerTextAsync()).Trim(),
        (await page.GetByTestId("cofinancing").InnerTextAsync()).Trim(),
        // The rows only: the caption names the scope, which differs in wording between the two views.
        string.Join("\n", await page.GetByTestId("indicators-table").Locator("tbody tr").AllInnerTextsAsync()),
    ];

    /// <summary>Opens the first row of the list on screen, as a person would, and says which one it was.</summary>
    private async Task<string> ClickFirstRowAsync()
    {
        var link = Page.Locator("tbody a").First;
        var text = (await link.InnerTextAsync()).Trim();
        await link.ClickAsync();
        return text;
    }

    private async Task<IPage> SignedInPageAsync(string email)
    {
        var context = await BrowserFixture.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = BrowserFixture.BaseUrl, Locale = "fr-FR" });
        _otherContexts.Add(context);
        var page = await context.NewPageAsync();
        await SignInAsync(page, email);
        return page;
    }

    private static async Task<List<JsonElement>> ItemsAsync(IPage page, string url)
    {
        var response = await page.APIRequest.GetAsync(url);
        Assert.That(response.Status, Is.EqualTo(200), url);
        var body = (await response.JsonAsync())!.Value;
        Assert.That(body.GetProperty("totalCount").GetInt32(), Is.LessThanOrEqualTo(100), $"{url} needs paging");
        return body.GetProperty("items").EnumerateArray().Select(i => i.Clone()).ToList();
    }

    private static async Task<JsonElement> FindByCodeAsync(IPage page, string url, string code) =>
        (await ItemsAsync(page, url)).Single(i => i.GetProperty("code").GetString() == code);

    private static async Task<List<JsonElement>> AllProjectDetailsAsync(IPage page)
    {
        var details = new List<JsonElement>();
        foreach (var item in await ItemsAsync(page, "/api/projects?pageSize=100"))
        {
            var response = await page.APIRequest.GetAsync($"/api/projects/{item.GetProperty("id").GetGuid()}");
            details.Add((await response.JsonAsync())!.Value.Clone());
        }
        return details;
    }

    private static async Task<JsonElement> FirstApplicationAsync(IPage page, HashSet<Guid>? except) =>
        (await ItemsAsync(page, "/api/applications?pageSize=100")).First(a => except is null || !except.Contains(a.GetProperty("id").GetGuid()));
}
