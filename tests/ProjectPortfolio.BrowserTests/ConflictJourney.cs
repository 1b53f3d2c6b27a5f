using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ProjectPortfolio.BrowserTests;

/// <summary>Two officers edit the same project in two browsers: the second save shows what the first saved beside
/// what was typed, keeps the typing, and a second click overwrites on purpose (issue 6, "no lost data").</summary>
public class ConflictJourney : Journey
{
    private IBrowserContext? _other;

    [TearDown]
    public async Task CloseOtherAsync()
    {
        if (_other is not null) await _other.CloseAsync();
    }

    [Test]
    public async Task The_second_editor_sees_the_first_ones_change_and_overwrites_only_on_purpose()
    {
        await SignInAsync("officer@portfolio.local");
        var members = await Page.APIRequest.GetAsync("/api/members?q=RUMONGE");
        var member = JsonDocument.Parse(await members.TextAsync()).RootElement.GetProperty("items")[0].GetProperty("id").GetString();
        var created = await Page.APIRequest.PostAsync("/api/projects", new()
        {
            DataObject = new
            {
                title = "Projet disputé dans deux navigateurs", leadMemberId = member, country = "BI", theme = "water-sanitation", instrument = "COOP_FUND",
                plannedStart = "2026-01-01", plannedEnd = "2027-12-31", grantAmount = 100000, currency = "EUR",
            },
        });
        Assert.That(created.Status, Is.EqualTo(201), await created.TextAsync());
        var id = JsonDocument.Parse(await created.TextAsync()).RootElement.GetProperty("id").GetString();

        await Page.GotoAsync($"/projects/edit/{id}");
        _other = await BrowserFixture.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = BrowserFixture.BaseUrl, Locale = "fr-FR" });
        var other = await _other.NewPageAsync();
        await SignInAsync(other, "officer2@portfolio.local");
        await other.GotoAsync($"/projects/edit/{id}");
        await other.Locator("#Input_Title").FillAsync("Titre enregistré par le collègue");
        await other.Locator("main button[type=submit]").ClickAsync();
        await Expect(other.GetByRole(AriaRole.Status)).ToContainTextAsync("Modifications enregistrées");

        await Page.Locator("#Input_Title").FillAsync("Mon titre à moi");
        await Page.Locator("main button[type=submit]").ClickAsync();
        var conflict = Page.Locator("section.conflict");
        await Expect(conflict).ToBeVisibleAsync();
        await Expect(conflict.Locator("tr[data-field=Title] td.stored")).ToHaveTextAsync("Titre enregistré par le collègue");
        await Expect(conflict.Locator("tr[data-field=Title] td.typed")).ToHaveTextAsync("Mon titre à moi");
        await Expect(Page.Locator("#Input_Title")).ToHaveValueAsync("Mon titre à moi");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        await Page.Locator("main button[type=submit]").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Modifications enregistrées");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Mon titre à moi");
    }
}
