using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ProjectPortfolio.BrowserTests;

public class ExecutionJourney : Journey
{
    [Test]
    public async Task An_officer_plans_a_tranche_on_a_milestone_sees_why_it_waits_completes_the_milestone_and_pays_it()
    {
        await SignInAsync("officer@portfolio.local");

        // A project of its own, so that the sample portfolio's figures stay as the other journeys expect them.
        await Page.GotoAsync("/projects");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Nouveau projet" }).ClickAsync();
        await Page.GetByRole(AriaRole.Textbox, new() { Name = "Titre", Exact = true }).FillAsync("Adduction d'eau à Rumonge");
        await Page.GetByLabel("Membre porteur").SelectOptionAsync(new SelectOptionValue { Label = "Commune de Rumonge (BI)" });
        await Page.GetByLabel("Pays").SelectOptionAsync("BI");
        await Page.GetByLabel("Axe").SelectOptionAsync("water-sanitation");
        await Page.GetByLabel("Guichet").SelectOptionAsync("COOP_FUND");
        await Page.GetByLabel("Début prévu").FillAsync("2026-01-01");
        await Page.GetByLabel("Fin prévue").FillAsync("2027-12-31");
        await Page.GetByLabel("Subvention accordée").FillAsync("100 000");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Projet créé");

        await Page.GetByTestId("project-execution").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Suivi de l'exécution");
        await Expect(Page.GetByTestId("disbursed")).ToHaveTextAsync(new Regex(@"^0,00\s€$"));

        await Page.Locator("#milestones summary").ClickAsync();
        var milestoneForm = Page.GetByTestId("milestone-form");
        await milestoneForm.GetByRole(AriaRole.Textbox, new() { Name = "Titre", Exact = true }).FillAsync("Forage du puits");
        await milestoneForm.GetByLabel("Date prévue").FillAsync("2026-03-01");
        await milestoneForm.GetByRole(AriaRole.Button, new() { Name = "Ajouter un jalon" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Jalon ajouté");
        var milestone = Page.GetByTestId("milestone-row").Filter(new() { HasText = "Forage du puits" });
        await Expect(milestone).ToContainTextAsync("En retard");

        await Page.Locator("#tranches summary").ClickAsync();
        var trancheForm = Page.GetByTestId("tranche-form");
        await trancheForm.GetByLabel("Date prévue").FillAsync("2026-04-01");
        await trancheForm.GetByLabel("Montant (EUR)").FillAsync("30 000");
        await trancheForm.GetByLabel("jalon « Forage du puits » atteint").CheckAsync();
        await trancheForm.GetByRole(AriaRole.Button, new() { Name = "Ajouter une tranche" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Tranche ajoutée");

        var tranche = Page.GetByTestId("tranche-row").Filter(new() { HasText = "Tranche 1" });
        var pay = tranche.GetByRole(AriaRole.Button, new() { Name = "Verser la tranche" });
        await Expect(pay).ToBeDisabledAsync();
        await Expect(tranche.GetByTestId("pay-reason")).ToHaveTextAsync("En attente : jalon « Forage du puits »");
        await Expect(pay).ToHaveAccessibleDescriptionAsync("En attente : jalon « Forage du puits »");
        // The guide's picture: the milestone and the tranche that waits for it, with the reason under the button.
        await Page.Locator("#milestones h2").EvaluateAsync("heading => heading.scrollIntoView()");
        await ScreenshotForGuideAsync("execution-projet");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        await milestone.GetByLabel("Atteint le").FillAsync("2026-03-15");
        await milestone.GetByRole(AriaRole.Button, new() { Name = "Marquer atteint" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Jalon marqué atteint");
        await Expect(milestone).ToContainTextAsync("Réalisé");
        await Expect(tranche.GetByTestId("pay-reason")).ToHaveCountAsync(0);
        await Expect(pay).ToBeEnabledAsync();

        await pay.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Tranche versée");
        await Expect(Page.GetByTestId("disbursed")).ToHaveTextAsync(new Regex(@"^30\s000,00\s€$"));
        await Expect(Page.GetByTestId("remaining")).ToHaveTextAsync(new Regex(@"^70\s000,00\s€$"));
        await Expect(tranche.GetByTestId("tranche-paid")).ToContainTextAsync("Versée");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        // The project page reads the same payment.
        await Page.Locator(".breadcrumb a").Nth(1).ClickAsync();
        await Expect(Page.Locator("dl.facts")).ToContainTextAsync(new Regex(@"30\s000,00\s€"));
    }
}
