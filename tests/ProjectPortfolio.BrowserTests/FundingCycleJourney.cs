using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ProjectPortfolio.BrowserTests;

public class FundingCycleJourney : Journey
{
    [Test]
    public async Task From_draft_application_to_Bureau_decision_to_project()
    {
        await SignInAsync("officer@portfolio.local");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Demandes", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle demande" }).ClickAsync();

        await Page.GetByLabel("Demandeur").SelectOptionAsync(new SelectOptionValue { Label = "Commune de Rumonge (BI)" });
        await Page.GetByRole(AriaRole.Textbox, new() { Name = "Titre", Exact = true }).FillAsync("Quai de pêche de Rumonge");
        await Page.GetByRole(AriaRole.Textbox, new() { Name = "Résumé", Exact = true }).FillAsync("Un quai et une halle de pêche pour les femmes transformatrices.");
        await Page.GetByLabel("Axe").SelectOptionAsync("gender-equality");
        await Page.GetByLabel("Guichet").SelectOptionAsync("COOP_FUND");
        await Page.GetByLabel("Montant demandé (EUR)").FillAsync("48 000");
        await Page.GetByLabel("Budget total (EUR)").FillAsync("70 000");
        await Page.GetByLabel("Début prévu").FillAsync("2027-02-01");
        await Page.GetByLabel("Fin prévue").FillAsync("2028-01-31");
        await Page.GetByLabel("Partenaire 1").SelectOptionAsync(new SelectOptionValue { Label = "Union européenne" });
        await Page.GetByLabel("Montant 1").FillAsync("15 000");
        await Page.GetByLabel("Indicateur 1").SelectOptionAsync("WOMEN_SUPPORTED");
        await Page.GetByLabel("Cible 1").FillAsync("250");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Brouillon enregistré");
        await Expect(Page.GetByTestId("application-status")).ToHaveTextAsync("Brouillon");
        var dossierUrl = Page.Url;

        await Page.GetByRole(AriaRole.Button, new() { Name = "Déposer la demande" }).ClickAsync();
        await Expect(Page.GetByTestId("application-status")).ToHaveTextAsync("Déposée");

        // A checklist with an unanswered criterion is refused, and what was typed stays on the form.
        await Page.GetByRole(AriaRole.Radio, new() { Name = "Oui" }).First.CheckAsync();
        await Page.GetByLabel("Commentaire d'instruction").FillAsync("Dossier complet, éligible.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'instruction" }).ClickAsync();
        await Expect(Page.GetByTestId("screening-error")).ToContainTextAsync("Répondez à chaque critère");
        await Expect(Page.GetByTestId("application-status")).ToHaveTextAsync("Déposée");
        await Expect(Page.GetByRole(AriaRole.Radio, new() { Name = "Oui" }).First).ToBeCheckedAsync();
        await Expect(Page.GetByLabel("Commentaire d'instruction")).ToHaveValueAsync("Dossier complet, éligible.");

        foreach (var yes in await Page.GetByRole(AriaRole.Radio, new() { Name = "Oui" }).AllAsync()) await yes.CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'instruction" }).ClickAsync();
        await Expect(Page.GetByTestId("application-status")).ToHaveTextAsync("Instruite");

        await Page.GetByLabel("Montant proposé (EUR)").FillAsync("45 000");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la recommandation" }).ClickAsync();
        await Expect(Page.GetByTestId("application-status")).ToHaveTextAsync("Recommandée");
        await ScreenshotForGuideAsync("demande-instruite");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Bureau", Exact = true }).ClickAsync();
        await Page.GetByTestId("sessions-table").GetByRole(AriaRole.Row).Filter(new() { HasText = "BUREAU-2026-12" }).GetByRole(AriaRole.Link).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Inscrire les demandes prêtes" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("inscrite");
        var sessionUrl = Page.Url;
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Quai de pêche de Rumonge" });
        await Expect(row).ToBeVisibleAsync();

        // A Bureau member reads the dossier and gives an opinion, and cannot decide.
        var bureau = await BrowserFixture.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = BrowserFixture.BaseUrl, BypassCSP = true });
        var bureauPage = await bureau.NewPageAsync();
        await bureauPage.GotoAsync("/Account/Login");
        await bureauPage.GetByLabel("Adresse électronique").FillAsync("bureau@portfolio.local");
        await bureauPage.GetByLabel("Mot de passe").FillAsync(BrowserFixture.Password);
        await bureauPage.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await bureauPage.GotoAsync(dossierUrl);
        await bureauPage.GetByRole(AriaRole.Radio, new() { Name = "Favorable", Exact = true }).CheckAsync();
        await bureauPage.GetByLabel("Commentaire").Last.FillAsync("Projet structurant pour les femmes du lac.");
        await bureauPage.GetByRole(AriaRole.Button, new() { Name = "Enregistrer mon avis" }).ClickAsync();
        await Expect(bureauPage.GetByRole(AriaRole.Status)).ToContainTextAsync("avis est enregistré");
        await bureauPage.GotoAsync(sessionUrl);
        await Expect(bureauPage.GetByRole(AriaRole.Button, new() { Name = "Approuver" })).ToHaveCountAsync(0);
        await bureau.CloseAsync();

        await Page.ReloadAsync();
        // An approval with a condition but no deadline is refused, and the form keeps what was typed.
        await row.GetByLabel("Montant").FillAsync("45 000");
        await row.GetByText("Conditions (facultatif)").ClickAsync();
        await row.GetByLabel("Condition 1", new() { Exact = true }).FillAsync("Rapport d'avancement avant le second versement");
        await row.GetByRole(AriaRole.Button, new() { Name = "Approuver" }).ClickAsync();
        await Expect(Page.Locator(".error-summary")).ToBeVisibleAsync();
        await Expect(row.GetByLabel("Montant")).ToHaveValueAsync("45 000");
        await Expect(row.GetByLabel("Condition 1", new() { Exact = true })).ToHaveValueAsync("Rapport d'avancement avant le second versement");
        await row.GetByLabel("Échéance 1").FillAsync("2027-06-30");
        await row.GetByRole(AriaRole.Button, new() { Name = "Approuver" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync(new Regex("le projet AIMF-2026-\\d{3} est créé"));
        await Expect(row.GetByTestId("decision-conditions")).ToContainTextAsync("Rapport d'avancement avant le second versement (30/06/2027)");
        await ScreenshotForGuideAsync("reunion-bureau");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        await row.GetByRole(AriaRole.Link, new() { Name = "projet" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Quai de pêche de Rumonge");
        await Expect(Page.Locator(".facts")).ToContainTextAsync("45 000,00");
        await Expect(Page.Locator(".facts")).ToContainTextAsync("Approuvé");
        await Expect(Page.GetByRole(AriaRole.Table).Filter(new() { HasText = "Union européenne" })).ToBeVisibleAsync();
    }
}
