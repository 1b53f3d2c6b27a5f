using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ProjectPortfolio.BrowserTests;

public partial class Journeys : Journey
{
    [Test]
    public async Task Sign_in_and_switch_language()
    {
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(new Regex("/Account/Login"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Connexion" })).ToBeVisibleAsync();
        await ScreenshotForGuideAsync("connexion");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        await SignInAsync("officer@portfolio.local");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("current-user")).ToHaveTextAsync("Chargée de programme");
        await ScreenshotForGuideAsync("tableau-de-bord");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        await Page.GetByRole(AriaRole.Button, new() { Name = "EN", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Projects", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Projects", Level = 1 })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        await Page.GetByRole(AriaRole.Button, new() { Name = "FR", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Projets", Level = 1 })).ToBeVisibleAsync();
    }

    [Test]
    public async Task An_officer_filters_the_portfolio_and_opens_a_project()
    {
        await SignInAsync("officer@portfolio.local");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Projets", Exact = true }).ClickAsync();
        await Page.GetByLabel("Pays").SelectOptionAsync("RW");
        await Page.GetByLabel("Axe").SelectOptionAsync("health");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();

        var table = Page.GetByTestId("projects-table");
        await Expect(table).ToContainTextAsync("Ville de Kigali");
        await Expect(table).ToContainTextAsync("District de Rusizi");
        await Expect(table).ToContainTextAsync("District de Rubavu");
        await Expect(table).Not.ToContainTextAsync("Nouakchott");
        await ScreenshotForGuideAsync("projets-rwanda-sante");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);
        File.Copy(Path.Combine(BrowserFixture.RepositoryRoot, "docs", "user-guide", "images", "projets-rwanda-sante.png"),
            Path.Combine(BrowserFixture.RepositoryRoot, "docs", "images", "projects-rwanda-health.png"), overwrite: true);

        await table.GetByRole(AriaRole.Link, new() { Name = "AIMF-2024-001" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Kigali");
        await Expect(Page.Locator(".facts")).ToContainTextAsync("Rwanda");
        await ScreenshotForGuideAsync("fiche-projet");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);
    }

    [Test]
    public async Task An_officer_creates_a_project_fails_validation_and_corrects_it()
    {
        await SignInAsync("officer@portfolio.local");
        await Page.GotoAsync("/projects");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Nouveau projet" }).ClickAsync();

        await Page.GetByLabel("Titre", new() { Exact = false }).First.FillAsync("Marché couvert de Rumonge");
        await Page.GetByLabel("Résumé", new() { Exact = false }).First.FillAsync("Un marché couvert pour les vendeuses du lac.");
        await Page.GetByLabel("Pays").SelectOptionAsync("BI");
        await Page.GetByLabel("Axe").SelectOptionAsync("gender-equality");
        await Page.GetByLabel("Guichet").SelectOptionAsync("COOP_FUND");
        await Page.GetByLabel("Début prévu").FillAsync("2027-01-01");
        await Page.GetByLabel("Fin prévue").FillAsync("2026-01-01");
        await Page.GetByLabel("Subvention accordée").FillAsync("120 000,50");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();

        // Refused: the errors are next to their fields and what was typed is still there.
        await Expect(Page.Locator(".error-summary")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-valmsg-for='Input.LeadMemberId']")).Not.ToBeEmptyAsync();
        await Expect(Page.Locator("[data-valmsg-for='Input.PlannedEnd']")).ToContainTextAsync("fin");
        await Expect(Page.Locator("#Input_Title")).ToHaveValueAsync("Marché couvert de Rumonge");
        await Expect(Page.Locator("#Input_GrantAmount")).ToHaveValueAsync("120 000,50");
        await ScreenshotForGuideAsync("projet-erreurs");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        await Page.GetByLabel("Membre porteur").SelectOptionAsync(new SelectOptionValue { Label = "Commune de Rumonge (BI)" });
        await Page.GetByLabel("Fin prévue").FillAsync("2028-06-30");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Projet créé");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Marché couvert de Rumonge");
        await Expect(Page.Locator(".facts")).ToContainTextAsync("120 000,50");
        await Expect(Page.Locator(".facts")).ToContainTextAsync("01/01/2027");
        await Page.GotoAsync("/members");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);
        await Page.GotoAsync("/partners");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);
        await Page.GotoAsync("/catalogue");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);
    }

    [Test]
    public async Task The_accessibility_check_does_find_violations()
    {
        if (!Accessibility.IsInstalled) Assert.Ignore("axe-core is not installed.");
        await Page.SetContentAsync("<html><body><img src='x.png'><button></button><input type='text'></body></html>");
        var violations = await Accessibility.SeriousViolationsAsync(Page);
        Assert.That(violations, Has.Some.Contains("image-alt"));
        Assert.That(violations, Has.Some.Contains("button-name"));
    }

    [Test]
    public async Task The_pages_refuse_an_injected_inline_script_and_the_journeys_hear_of_it()
    {
        await SignInAsync("officer@portfolio.local");
        await Page.GotoAsync("/Projects");
        // What an HTML injection would try: an inline script element. The policy stops it and the browser says so.
        var message = await Page.RunAndWaitForConsoleMessageAsync(
            () => Page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.body.appendChild(s); }"),
            new PageRunAndWaitForConsoleMessageOptions { Predicate = m => m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) });
        Assert.That(message.Text, Does.Contain("inline"));
        Assert.That(await Page.EvaluateAsync<bool>("() => window.injected === undefined"), Is.True, "the inline script ran");
        Assert.That(PolicyViolations, Is.Not.Empty, "the journeys' listener did not hear the violation");
        PolicyViolations.Clear();
    }
}
