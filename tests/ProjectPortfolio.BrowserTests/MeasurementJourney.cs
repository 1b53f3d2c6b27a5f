using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ProjectPortfolio.BrowserTests;

public class MeasurementJourney : Journey
{
    private const string Dashboard = "/portfolio?country=RW&theme=health&from=2020-01-01";

    [Test]
    public async Task An_officer_records_and_submits_a_measurement_with_evidence_another_approves_it_and_the_dashboard_moves()
    {
        await SignInAsync("officer@portfolio.local");
        await Page.GotoAsync(Dashboard);
        var facilities = Page.GetByTestId("indicators-table").Locator("tr[data-indicator=HEALTH_FACILITIES]").GetByTestId("total");
        await Expect(facilities).ToHaveTextAsync("15");

        await Page.GotoAsync("/projects?q=AIMF-2024-002");
        await Page.GetByRole(AriaRole.Link, new() { Name = "AIMF-2024-002" }).First.ClickAsync();
        await Page.GetByTestId("project-measurements").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Indicateurs et mesures");

        var section = Page.GetByTestId("indicator-HEALTH_FACILITIES");
        await section.GetByTestId("record-HEALTH_FACILITIES").ClickAsync();
        await Page.GetByLabel("Début de la période").FillAsync("2025-01-01");
        await Page.GetByLabel("Fin de la période").FillAsync("2025-12-31");
        // A typing mistake first: the form says why, beside the field, and keeps the rest.
        await Page.GetByLabel("Valeur").FillAsync("deux");
        await Page.GetByLabel("Note (source, méthode)").FillAsync("PV de réception des centres de santé de Nkombo et Gihundwe");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Expect(Page.Locator("span[data-valmsg-for='Input.Value']")).ToContainTextAsync("Saisissez un nombre");
        await Expect(Page.GetByLabel("Note (source, méthode)")).ToHaveValueAsync("PV de réception des centres de santé de Nkombo et Gihundwe");
        await Page.GetByLabel("Valeur").FillAsync("2");
        await Page.GetByLabel("Lien vers un justificatif").FillAsync("https://example.org/rusizi/pv-2025.pdf");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Mesure enregistrée en brouillon");

        await Page.GetByLabel("Ajouter un document").SetInputFilesAsync(new FilePayload
        {
            Name = "PV réception 2025.pdf", MimeType = "application/pdf",
            Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
        });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Document ajouté");
        await Expect(Page.GetByTestId("evidence-files")).ToContainTextAsync("PV réception 2025.pdf");
        await Page.GetByTestId("submit-measurement").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Mesure soumise");
        var row = section.GetByTestId("measurement-row").Filter(new() { HasText = "01/01/2025" });
        await Expect(row.GetByTestId("measurement-status")).ToHaveTextAsync("Soumise");
        await Expect(row).ToContainTextAsync("PV réception 2025.pdf");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Approuver" })).ToHaveCountAsync(0);
        await row.ScrollIntoViewIfNeededAsync();
        await ScreenshotForGuideAsync("mesures-projet");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);
        await Expect(facilities).ToHaveCountAsync(0); // (still on the project page)

        // A second officer finds it in the review queue and approves it.
        var reviewer = await BrowserFixture.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BrowserFixture.BaseUrl, Locale = "fr-FR", BypassCSP = true, ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page2 = await reviewer.NewPageAsync();
        await page2.GotoAsync("/Account/Login");
        await page2.GetByLabel("Adresse électronique").FillAsync("officer2@portfolio.local");
        await page2.GetByLabel("Mot de passe").FillAsync(BrowserFixture.Password);
        await page2.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page2.GetByRole(AriaRole.Link, new() { Name = "Mesures à valider" }).ClickAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page2);
        var queued = page2.GetByTestId("review-queue").GetByRole(AriaRole.Row).Filter(new() { HasText = "AIMF-2024-002" }).Filter(new() { HasText = "01/01/2025" });
        await queued.GetByRole(AriaRole.Link, new() { Name = "Examiner" }).ClickAsync();
        var measurementId = page2.Url[(page2.Url.IndexOf("#m-", StringComparison.Ordinal) + 3)..];
        var toApprove = page2.Locator($"#m-{measurementId}");
        await toApprove.GetByRole(AriaRole.Button, new() { Name = "Approuver" }).ClickAsync();
        await Expect(page2.GetByRole(AriaRole.Status)).ToContainTextAsync("Mesure approuvée");
        await Expect(page2.Locator($"#m-{measurementId}").GetByTestId("measurement-status")).ToHaveTextAsync("Approuvée");
        await Expect(page2.Locator($"#m-{measurementId}")).ToContainTextAsync("Revue par officer2@portfolio.local");
        await reviewer.CloseAsync();

        // The dashboard moves by 2 and its drill-down lists the project.
        await Page.GotoAsync(Dashboard);
        await Expect(facilities).ToHaveTextAsync("17");
        await facilities.ClickAsync();
        var contribution = Page.GetByTestId("contributions-table").GetByRole(AriaRole.Row).Filter(new() { HasText = "AIMF-2024-002" });
        await Expect(contribution).ToContainTextAsync("2");
        await Expect(Page.GetByTestId("total")).ToHaveTextAsync("17");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);
    }
}
