using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ProjectPortfolio.BrowserTests;

/// <summary>What each role sees, walked as that role and checked on screen; the user guide's role chapters take their
/// pictures from here. Also the keyboard-only use of the execution and issue-report forms, and the empty states.</summary>
public class RoleGuideJourneys : Journey
{
    [Test]
    public async Task A_Bureau_member_reads_a_closed_session_its_decisions_and_a_dossier_but_records_nothing()
    {
        await SignInAsync("bureau@portfolio.local");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Bureau", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle réunion" })).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        // The sample's closed session of 24 May 2024 in Lausanne (see the guide's minutes).
        await Page.Locator("tbody tr").Filter(new() { HasText = "Lausanne" }).Locator("a").First.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Lausanne");
        await Expect(Page.Locator("main")).ToContainTextAsync("Clôturée");
        await Expect(Page.Locator("main")).ToContainTextAsync("Synthèse des décisions");
        await Expect(Page.Locator("main")).ToContainTextAsync("Approuvée");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Procès-verbal des décisions (PDF)" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Approuver" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Clôturer la réunion" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Modifier" })).ToHaveCountAsync(0);
        await ScreenshotForGuideAsync("bureau-reunion-lue");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        // A dossier on the agenda, opened from its reference: read only once decided (no opinion form any more).
        var reference = Page.Locator("tbody a").Filter(new() { HasTextRegex = new Regex(@"^DS-\d{4}-\d{3}$") }).First;
        var code = (await reference.InnerTextAsync()).Trim();
        await reference.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(code);
        await Expect(Page.Locator("main")).ToContainTextAsync("Décision du Bureau");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Modifier" })).ToHaveCountAsync(0);
        await ScreenshotForGuideAsync("bureau-demande-decidee");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);
    }

    [Test]
    public async Task A_donor_reads_its_dashboard_and_a_project_it_co_finances()
    {
        await SignInAsync("donor@portfolio.local");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Tableau de bord");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Demandes", Exact = true })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Bureau", Exact = true })).ToHaveCountAsync(0);
        await ScreenshotForGuideAsync("bailleur-tableau-de-bord");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        await Page.GotoAsync("/projects");
        await Page.Locator("tbody a").First.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Table).Filter(new() { HasText = "Union européenne" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Fiche PDF" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Modifier" })).ToHaveCountAsync(0);
        await Page.GetByRole(AriaRole.Heading, new() { Name = "Cofinancements", Level = 2 }).EvaluateAsync("h => h.scrollIntoView()");
        await ScreenshotForGuideAsync("bailleur-fiche-projet");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);
    }

    [Test]
    public async Task An_administrator_opens_the_reference_data_the_directories_and_the_import()
    {
        await SignInAsync("admin@portfolio.local");
        await Page.GotoAsync("/catalogue");
        var rates = Page.GetByTestId("rates");
        await Expect(rates).ToContainTextAsync("655,957");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Ajouter le taux" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Heading, new() { Name = "Taux de change" }).EvaluateAsync("h => h.scrollIntoView()");
        await ScreenshotForGuideAsync("admin-taux-de-change");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        await Page.GotoAsync("/members");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Nouveau membre" })).ToBeVisibleAsync();
        await Expect(Page.Locator("tbody")).ToContainTextAsync("Rubavu");
        await ScreenshotForGuideAsync("admin-membres");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        await Page.GotoAsync("/partners");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Nouveau partenaire" })).ToBeVisibleAsync();
        await Expect(Page.Locator("tbody")).ToContainTextAsync("Union européenne");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        await Page.GotoAsync("/measurements/import");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Télécharger le modèle (.xlsx)" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Importer" })).ToBeVisibleAsync();
        await ScreenshotForGuideAsync("admin-import-mesures");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);
    }

    [Test]
    public async Task An_applicant_city_reads_its_applications_and_one_of_its_projects()
    {
        await SignInAsync("applicant@portfolio.local");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Demandes", Exact = true }).ClickAsync();
        await Expect(Page.Locator("tbody tr").First).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle demande" })).ToHaveCountAsync(0);
        await ScreenshotForGuideAsync("ville-candidate-demandes");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        await Page.GotoAsync("/projects");
        await Page.Locator("tbody a").First.ClickAsync();
        await Expect(Page.Locator("main")).ToContainTextAsync("Rubavu");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Modifier" })).ToHaveCountAsync(0);
        await ScreenshotForGuideAsync("ville-candidate-projet");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);
    }

    [Test]
    public async Task The_execution_page_is_used_with_the_keyboard_alone()
    {
        await SignInAsync("officer@portfolio.local");
        await CreateProjectAsync("Marché couvert suivi au clavier");
        await Page.GetByTestId("project-execution").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Suivi de l'exécution");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        // The disclosure opens from the keyboard, then its fields come in reading order.
        await TabToAsync("#milestones summary");
        await AssertFocusVisibleAsync();
        await Page.Keyboard.PressAsync("Enter");
        await TabToAsync("#Milestone_Title");
        await AssertFocusVisibleAsync();
        var order = await TabOrderAsync(8);
        Assert.That(order.IndexOf("Milestone_TitleEn"), Is.GreaterThan(-1).And.LessThan(order.IndexOf("Milestone_PlannedDate")), string.Join(", ", order));

        // Sent without a date: refused, the focus goes to the errors, the title is kept.
        await Page.Locator("#Milestone_Title").FocusAsync();
        await Page.Keyboard.TypeAsync("Dalle coulée");
        await TabToAsync("[data-testid=milestone-form] button[type=submit]");
        await AssertFocusVisibleAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator(".error-summary")).ToBeFocusedAsync();
        await AssertFocusVisibleAsync();
        await Expect(Page.Locator("#Milestone_Title")).ToHaveValueAsync("Dalle coulée");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        await TabToAsync("#Milestone_PlannedDate");
        await Page.Keyboard.TypeAsync("01012027");
        await TabToAsync("[data-testid=milestone-form] button[type=submit]");
        await Page.Keyboard.PressAsync("Space");
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Jalon ajouté");
        await Expect(Page.GetByTestId("milestone-row").Filter(new() { HasText = "Dalle coulée" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(Page);
    }

    [Test]
    public async Task The_issue_report_page_is_used_with_the_keyboard_alone()
    {
        await SignInAsync("officer@portfolio.local");
        await CreateProjectAsync("Éclairage d'un stade émis au clavier");
        await Page.GetByTestId("issue-fact-sheet").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/reports/issue", RegexOptions.IgnoreCase));
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        await TabToAsync("#Input_Lang");
        await AssertFocusVisibleAsync();
        var order = await TabOrderAsync(10);
        var note = order.IndexOf("Input_Note");
        var submit = order.IndexOf("issue-report");
        Assert.That(note, Is.GreaterThan(-1).And.LessThan(submit), string.Join(", ", order));

        await Page.Locator("#Input_Lang").FocusAsync();
        await Page.Keyboard.PressAsync("ArrowDown");
        await Expect(Page.Locator("#Input_Lang")).ToHaveValueAsync("en");
        await TabToAsync("#Input_Note");
        await AssertFocusVisibleAsync();
        await Page.Keyboard.TypeAsync("Remis au clavier");
        await TabToAsync("[data-testid=issue-report]");
        await AssertFocusVisibleAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(new Regex("/reports/issued", RegexOptions.IgnoreCase));
        await Expect(Page.Locator("main")).ToContainTextAsync("Remis au clavier");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);
    }

    [Test]
    public async Task Empty_lists_say_what_to_do_next()
    {
        await SignInAsync("officer@portfolio.local");
        foreach (var (url, next) in new[]
        {
            ("/projects?q=zzz-introuvable", "Effacez-les"),
            ("/applications?q=zzz-introuvable", "Effacez-les"),
            ("/reports/issued?q=zzz-introuvable", "effacez-les"),
        })
        {
            await Page.GotoAsync(url);
            await Expect(Page.Locator("p.empty")).ToContainTextAsync(next);
            await Accessibility.AssertNoSeriousViolationsAsync(Page);
        }

        // An applicant city cannot create an application: its empty list says who does, not "create one".
        await using var applicantContext = await BrowserFixture.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = BrowserFixture.BaseUrl, Locale = "fr-FR" });
        var applicant = await applicantContext.NewPageAsync();
        await SignInAsync(applicant, "applicant@portfolio.local");
        await applicant.GotoAsync("/applications?q=zzz-introuvable");
        await Expect(applicant.Locator("p.empty")).ToContainTextAsync("saisie par un chargé de programme");
        await Expect(applicant.Locator("p.empty")).Not.ToContainTextAsync("créez");
        await Accessibility.AssertNoSeriousViolationsAsync(applicant);
    }

    private async Task CreateProjectAsync(string title)
    {
        await Page.GotoAsync("/projects/edit");
        await Page.GetByRole(AriaRole.Textbox, new() { Name = "Titre", Exact = true }).FillAsync(title);
        await Page.GetByLabel("Membre porteur").SelectOptionAsync(new SelectOptionValue { Label = "Commune de Rumonge (BI)" });
        await Page.GetByLabel("Pays").SelectOptionAsync("BI");
        await Page.GetByLabel("Axe").SelectOptionAsync("water-sanitation");
        await Page.GetByLabel("Guichet").SelectOptionAsync("COOP_FUND");
        await Page.GetByLabel("Début prévu").FillAsync("2026-01-01");
        await Page.GetByLabel("Fin prévue").FillAsync("2027-12-31");
        await Page.GetByLabel("Subvention accordée").FillAsync("40 000");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Projet créé");
    }

    /// <summary>The ids (or test ids) of the next controls Tab reaches, from the focused one.</summary>
    private async Task<List<string>> TabOrderAsync(int count)
    {
        var seen = new List<string>();
        for (var i = 0; i < count; i++)
        {
            seen.Add(await Page.EvaluateAsync<string>("() => document.activeElement.id || document.activeElement.dataset.testid || document.activeElement.tagName"));
            await Page.Keyboard.PressAsync("Tab");
        }
        return seen;
    }

    private async Task TabToAsync(string selector)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await Page.EvaluateAsync<bool>("s => document.activeElement !== null && document.activeElement.matches(s)", selector)) return;
            await Page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"{selector} never got the keyboard focus.");
    }

    private async Task AssertFocusVisibleAsync()
    {
        var outline = await Page.EvaluateAsync<string>(
            "() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }");
        var what = await Page.EvaluateAsync<string>("() => document.activeElement.outerHTML.slice(0, 80)");
        Assert.That(outline, Does.Match(@"^solid [2-9](\.\d+)?px$"), $"focus not visible on {what}");
    }
}
