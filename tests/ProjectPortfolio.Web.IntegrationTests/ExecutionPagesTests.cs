using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>The execution page as a browser uses it: cookie sign-in, the real forms with their antiforgery token,
/// refusals shown beside what was typed.</summary>
public class ExecutionPagesTests
{
    private PortfolioFactory _factory = null!;
    private HttpClient _officer = null!;
    private HttpClient _api = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new PortfolioFactory();
        _officer = await _factory.SignedInBrowserAsync("officer@portfolio.local");
        _api = await _factory.ApiClientAsync("officer@portfolio.local");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _factory.DisposeAsync();
        PortfolioFactory.DeleteDatabase(_factory.DatabasePath);
    }

    private async Task<JsonNode> ApiAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>A fresh project with a 100 000 EUR grant and no tranche yet, so that each test plans its own.</summary>
    private async Task<string> NewProjectAsync()
    {
        var member = (string)(await ApiAsync(_api.GetAsync("/api/members?q=RUMONGE")))["items"]![0]!["id"]!;
        var project = await ApiAsync(_api.PostAsJsonAsync("/api/projects", new
        {
            title = "Adduction d'eau à Rumonge", leadMemberId = member, country = "BI", theme = "water-sanitation", instrument = "COOP_FUND",
            plannedStart = "2026-01-01", plannedEnd = "2027-12-31", grantAmount = 100000, currency = "EUR",
        }));
        return (string)project["id"]!;
    }

    private static string Url(string id) => $"/Projects/{id}/Execution";

    private static IHtmlFormElement Form(IHtmlDocument page, string handler, string? within = null) =>
        (IHtmlFormElement)(page.QuerySelector($"{within} form[action*='handler={handler}']".Trim())
            ?? throw new InvalidOperationException($"No {handler} form{(within is null ? "" : " in " + within)}."));

    /// <summary>Posts a form of the page with its hidden fields (version, row) and the given values typed in.</summary>
    private async Task<HttpResponseMessage> PostAsync(IHtmlDocument page, string handler, Dictionary<string, string> typed, string? within = null)
    {
        var form = Form(page, handler, within);
        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[type=hidden]").Cast<IHtmlInputElement>())
            if (!typed.ContainsKey(input.Name!)) values.Add(new(input.Name!, input.Value));
        values.AddRange(typed);
        return await _officer.PostAsync(form.Action, new FormUrlEncodedContent(values));
    }

    private async Task<IHtmlDocument> FollowAsync(HttpResponseMessage response, string flash)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        var page = await Html.GetAsync(_officer, response.Headers.Location!.ToString());
        Assert.That(page.QuerySelector(".flash")?.TextContent, Does.Contain(flash));
        return page;
    }

    private static async Task<IHtmlDocument> RefusedAsync(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a refused form comes back, not a redirect");
        var page = await Html.ParseAsync(response);
        Assert.That(page.QuerySelector(".error-summary"), Is.Not.Null);
        return page;
    }

    /// <summary>Text as read, with the French no-break spaces (thousands, before €) as plain spaces.</summary>
    private static string N(string? text) => (text ?? string.Empty).Replace('\u202F', ' ').Replace('\u00A0', ' ');

    private static string Value(IHtmlDocument page, string selector) =>
        page.QuerySelector(selector) switch
        {
            IHtmlInputElement input => input.Value,
            IHtmlTextAreaElement area => area.Value,
            var other => throw new InvalidOperationException($"{selector}: {other?.TagName ?? "nothing"}"),
        };

    [Test]
    public async Task An_officer_plans_a_tranche_on_a_milestone_sees_why_it_cannot_be_paid_then_completes_the_milestone_and_pays()
    {
        var id = await NewProjectAsync();
        var page = await Html.GetAsync(_officer, Url(id));
        Assert.That(page.QuerySelector("h1")!.TextContent, Does.Contain("Suivi de l'exécution"));

        page = await FollowAsync(await PostAsync(page, "Milestone", new()
        {
            ["Milestone.Title"] = "Forage du puits", ["Milestone.TitleEn"] = "Well drilled", ["Milestone.PlannedDate"] = "2026-03-01",
        }), "Jalon ajouté");
        var milestoneId = ((IHtmlInputElement)page.QuerySelector("input[name='Tranche.MilestoneIds']")!).Value;

        page = await FollowAsync(await PostAsync(page, "Tranche", new()
        {
            ["Tranche.PlannedDate"] = "2026-04-01", ["Tranche.Amount"] = "30 000", ["Tranche.MilestoneIds"] = milestoneId,
            ["Tranche.Reports"] = "Rapport technique n° 1\n\n",
        }), "Tranche ajoutée");
        var tranche = page.QuerySelector("[data-testid=tranche-row]")!;
        Assert.That(N(tranche.TextContent), Does.Contain("30 000,00").And.Contain("Forage du puits").And.Contain("Rapport technique n° 1"));
        var pay = (IHtmlButtonElement)tranche.QuerySelector("[data-testid=pay]")!;
        Assert.That(pay.IsDisabled, Is.True);
        Assert.That(tranche.QuerySelector("[data-testid=pay-reason]")!.TextContent,
            Is.EqualTo("En attente : jalon « Forage du puits », rapport « Rapport technique n° 1 »"));
        Assert.That(pay.GetAttribute("aria-describedby"), Does.Contain(tranche.QuerySelector("[data-testid=pay-reason]")!.Id));

        // Sent anyway (the button is disabled, not the rule): the domain refuses and nothing is paid.
        var forced = await RefusedAsync(await PostAsync(page, "Pay", new() { ["Pay.PaidDate"] = "2026-04-02", ["Pay.Amount"] = "30000" }, "[data-testid=tranche-row]"));
        Assert.That(forced.QuerySelector("[data-testid=tranche-row] .field-error")!.TextContent, Does.Contain("ne peut pas encore être versée"));
        Assert.That(N(forced.QuerySelector("[data-testid=disbursed]")!.TextContent), Does.StartWith("0,00"));

        page = await FollowAsync(await PostAsync(page, "Complete", new() { ["Complete.ActualDate"] = "2026-03-15" }, "[data-testid=milestone-row]"), "Jalon marqué atteint");
        Assert.That(page.QuerySelector("[data-testid=milestone-row]")!.TextContent, Does.Contain("15/03/2026").And.Contain("Réalisé"));
        Assert.That(page.QuerySelector("[data-testid=pay-reason]")!.TextContent, Is.EqualTo("En attente : rapport « Rapport technique n° 1 »"));

        page = await FollowAsync(await PostAsync(page, "Met", new() { ["Met.Note"] = "Rapport reçu et validé par le comité" }, "[data-testid=tranche-row]"),
            "Condition marquée remplie");
        Assert.That(page.QuerySelector("[data-testid=tranche-row]")!.TextContent, Does.Contain("constatée par officer@portfolio.local").And.Contain("Rapport reçu et validé"));
        Assert.That(page.QuerySelector("[data-testid=pay-reason]"), Is.Null);
        Assert.That(((IHtmlButtonElement)page.QuerySelector("[data-testid=pay]")!).IsDisabled, Is.False);

        page = await FollowAsync(await PostAsync(page, "Pay", new() { ["Pay.PaidDate"] = "2026-04-02", ["Pay.Amount"] = "30 000,00" }, "[data-testid=tranche-row]"), "Tranche versée");
        Assert.That(N(page.QuerySelector("[data-testid=disbursed]")!.TextContent), Does.StartWith("30 000,00"));
        Assert.That(N(page.QuerySelector("[data-testid=remaining]")!.TextContent), Does.StartWith("70 000,00"));
        Assert.That(page.QuerySelector("[data-testid=tranche-paid]")!.TextContent, Does.Contain("02/04/2026"));

        var detail = await Html.GetAsync(_officer, $"/projects/details/{id}");
        Assert.That(detail.QuerySelector("[data-testid=project-execution]")!.GetAttribute("href"), Is.EqualTo(Url(id)));
        Assert.That(N(detail.QuerySelector("dl.facts")!.TextContent), Does.Contain("30 000,00"), "the project page reads the same payment");
    }

    [Test]
    public async Task Refused_forms_keep_what_was_typed_and_say_why_beside_the_field()
    {
        var id = await NewProjectAsync();
        var page = await Html.GetAsync(_officer, Url(id));

        var refused = await RefusedAsync(await PostAsync(page, "Milestone", new()
        {
            ["Milestone.Title"] = "", ["Milestone.TitleEn"] = "Kept as typed", ["Milestone.PlannedDate"] = "2026-05-01",
        }));
        Assert.That(Html.FieldError(refused, "Milestone.Title"), Is.Not.Null);
        Assert.That(Value(refused, "#Milestone_TitleEn"), Is.EqualTo("Kept as typed"));
        Assert.That(Value(refused, "#Milestone_PlannedDate"), Is.EqualTo("2026-05-01"));
        Assert.That(refused.QuerySelectorAll("[data-testid=milestone-row]"), Is.Empty, "nothing saved");
        Assert.That(refused.QuerySelector("#milestones details")!.HasAttribute("open"), Is.True, "the folded form opens on its refusal");
        Assert.That(page.QuerySelector("#milestones details")!.HasAttribute("open"), Is.False);

        refused = await RefusedAsync(await PostAsync(page, "Tranche", new()
        {
            ["Tranche.PlannedDate"] = "2026-06-01", ["Tranche.Amount"] = "trente mille", ["Tranche.Decisions"] = "=cmd|' /C calc'!A0",
        }));
        Assert.That(Html.FieldError(refused, "Tranche.Amount"), Does.Contain("Saisissez un montant"));
        Assert.That(Value(refused, "#Tranche_Amount"), Is.EqualTo("trente mille"));
        Assert.That(Value(refused, "#Tranche_Decisions"), Is.EqualTo("=cmd|' /C calc'!A0"));

        refused = await RefusedAsync(await PostAsync(page, "Tranche", new() { ["Tranche.PlannedDate"] = "2026-06-01", ["Tranche.Amount"] = "150 000" }));
        Assert.That(Html.FieldError(refused, "Tranche.Amount"), Does.Contain("dépasseraient la subvention"));
        Assert.That(Value(refused, "#Tranche_Amount"), Is.EqualTo("150 000"));
        Assert.That(refused.QuerySelectorAll("[data-testid=tranche-row]"), Is.Empty, "nothing saved");

        // A milestone an unpaid tranche waits for cannot be cancelled: the domain's refusal shows on its row.
        page = await FollowAsync(await PostAsync(page, "Milestone", new() { ["Milestone.Title"] = "Réception des travaux", ["Milestone.PlannedDate"] = "2026-05-01" }), "Jalon ajouté");
        var milestoneId = ((IHtmlInputElement)page.QuerySelector("input[name='Tranche.MilestoneIds']")!).Value;
        page = await FollowAsync(await PostAsync(page, "Tranche", new()
        {
            ["Tranche.PlannedDate"] = "2026-06-01", ["Tranche.Amount"] = "20000", ["Tranche.MilestoneIds"] = milestoneId,
        }), "Tranche ajoutée");
        refused = await RefusedAsync(await PostAsync(page, "Cancel", new(), "[data-testid=milestone-row]"));
        Assert.That(refused.QuerySelector("[data-testid=cancel-error]")!.TextContent, Does.Contain("Une tranche non versée attend ce jalon"));
        Assert.That(refused.QuerySelector("[data-testid=milestone-row]")!.TextContent, Does.Contain("Prévu").Or.Contain("En retard"));

        // A completion in the future is refused on its row, with the typed date kept.
        refused = await RefusedAsync(await PostAsync(page, "Complete", new() { ["Complete.ActualDate"] = "2099-01-01" }, "[data-testid=milestone-row]"));
        Assert.That(refused.QuerySelector("[data-testid=milestone-row] .field-error")!.TextContent, Does.Contain("futur"));
        Assert.That(Value(refused, "#Complete_ActualDate"), Is.EqualTo("2099-01-01"));

        // A page drawn before someone else's change: the conflict is said, nothing saved.
        var stale = page;
        await FollowAsync(await PostAsync(page, "Milestone", new() { ["Milestone.Title"] = "Inauguration", ["Milestone.PlannedDate"] = "2026-09-01" }), "Jalon ajouté");
        refused = await RefusedAsync(await PostAsync(stale, "Milestone", new() { ["Milestone.Title"] = "Doublon", ["Milestone.PlannedDate"] = "2026-09-01" }));
        Assert.That(refused.QuerySelector(".error-summary")!.TextContent, Does.Contain("Quelqu'un d'autre a modifié ce projet").And.Contain("envoyez à nouveau"));
        Assert.That(Value(refused, "#Milestone_Title"), Is.EqualTo("Doublon"));
        Assert.That(refused.QuerySelectorAll("[data-testid=milestone-row]").Count(r => r.TextContent.Contains("Doublon")), Is.Zero);
        // The reloaded page shows the other change and carries the stored version: sending again is deliberate and works.
        Assert.That(refused.QuerySelectorAll("[data-testid=milestone-row]").Count(r => r.TextContent.Contains("Inauguration")), Is.EqualTo(1));
        await FollowAsync(await PostAsync(refused, "Milestone", new() { ["Milestone.Title"] = "Doublon", ["Milestone.PlannedDate"] = "2026-09-01" }), "Jalon ajouté");
    }

    [Test]
    public async Task Targets_are_set_changed_and_removed_and_co_financing_received_is_recorded()
    {
        var id = await NewProjectAsync();
        var page = await Html.GetAsync(_officer, Url(id));
        var refused = await RefusedAsync(await PostAsync(page, "Target", new()
        {
            ["Target.IndicatorCode"] = "PEOPLE_WATER_ACCESS", ["Target.Baseline"] = "-5", ["Target.Target"] = "12 000", ["Target.TargetDate"] = "2027-12-31",
        }));
        Assert.That(Html.FieldError(refused, "Target.Baseline"), Is.Not.Null);
        Assert.That(Value(refused, "#Target_Target"), Is.EqualTo("12 000"));
        Assert.That(((IHtmlSelectElement)refused.QuerySelector("#Target_IndicatorCode")!).Value, Is.EqualTo("PEOPLE_WATER_ACCESS"));

        page = await FollowAsync(await PostAsync(page, "Target", new()
        {
            ["Target.IndicatorCode"] = "PEOPLE_WATER_ACCESS", ["Target.Baseline"] = "0", ["Target.Target"] = "12 000,5", ["Target.TargetDate"] = "2027-12-31",
        }), "Cible enregistrée");
        Assert.That(N(page.QuerySelector("[data-testid=target-row]")!.TextContent), Does.Contain("12 000,5").And.Contain("31/12/2027"));

        var edit = await Html.GetAsync(_officer, Url(id) + "?target=PEOPLE_WATER_ACCESS");
        Assert.That(Value(edit, "#Target_Target"), Is.EqualTo("12000,5"), "Modifier opens the form filled");

        page = await FollowAsync(await PostAsync(page, "Remove", new(), "[data-testid=target-row]"), "Cible retirée");
        Assert.That(page.QuerySelectorAll("[data-testid=target-row]"), Is.Empty);

        // Co-financing lines come from the sample portfolio (AIMF-2024-003 has three).
        var list = await Html.GetAsync(_officer, "/projects?q=AIMF-2024-003");
        var sampleId = list.QuerySelector("[data-testid=projects-table] tbody tr td a")!.GetAttribute("href")!.Split('/').Last();
        page = await Html.GetAsync(_officer, Url(sampleId));
        refused = await RefusedAsync(await PostAsync(page, "Received", new() { ["Received.Amount"] = "99 999 999", ["Received.ReceivedOn"] = "2025-02-01" }, "[data-testid=cofinancing-row]"));
        Assert.That(refused.QuerySelector("[data-testid=cofinancing-row] .field-error")!.TextContent, Does.Contain("ne peut pas dépasser"));
        Assert.That(Value(refused, "#Received_Amount"), Is.EqualTo("99 999 999"));

        page = await FollowAsync(await PostAsync(page, "Received", new() { ["Received.Amount"] = "1 000", ["Received.ReceivedOn"] = "2025-02-01" }, "[data-testid=cofinancing-row]"),
            "Co-financement reçu enregistré");
        var row = page.QuerySelector("[data-testid=cofinancing-row]")!;
        Assert.That(N(row.Children[2].TextContent), Does.StartWith("1 000,00"));
        Assert.That(row.Children[3].TextContent, Is.EqualTo("01/02/2025"));
    }

    [Test]
    public async Task The_page_speaks_English_on_request_and_shows_markup_as_text()
    {
        var id = await NewProjectAsync();
        var english = await _factory.SignedInBrowserAsync("officer2@portfolio.local");
        var home = await Html.GetAsync(english, "/");
        await english.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "en", ["returnUrl"] = "/", ["__RequestVerificationToken"] = Html.Token(home),
        }));
        var page = await Html.GetAsync(english, Url(id));
        Assert.That(page.QuerySelector("h1")!.TextContent, Does.Contain("Project execution"));

        async Task<IHtmlDocument> SendAsync(string handler, Dictionary<string, string> typed)
        {
            var form = Form(page, handler);
            typed[$"{handler}.Version"] = ((IHtmlInputElement)form.QuerySelector($"input[name='{handler}.Version']")!).Value;
            typed["__RequestVerificationToken"] = Html.Token(page);
            var response = await english.PostAsync(form.Action, new FormUrlEncodedContent(typed));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
            return await Html.GetAsync(english, response.Headers.Location!.ToString());
        }

        // Markup is plain text to the application: stored as typed, shown encoded, never run.
        page = await SendAsync("Milestone", new() { ["Milestone.Title"] = "<script>alert(1)</script>", ["Milestone.PlannedDate"] = "2026-06-01" });
        Assert.That(page.QuerySelector(".flash")!.TextContent, Is.EqualTo("Milestone added."));
        Assert.That(page.QuerySelector("[data-testid=milestone-row] th")!.TextContent, Is.EqualTo("<script>alert(1)</script>"));
        Assert.That(page.QuerySelectorAll("main script"), Is.Empty);

        page = await SendAsync("Milestone", new() { ["Milestone.Title"] = "Forage du puits", ["Milestone.TitleEn"] = "Well drilled", ["Milestone.PlannedDate"] = "2026-03-01" });
        var wellDrilled = page.QuerySelectorAll("[data-testid=milestone-row]").Single(r => r.TextContent.Contains("Well drilled")).Id!["milestone-".Length..];
        page = await SendAsync("Tranche", new()
        {
            ["Tranche.PlannedDate"] = "2026-04-01", ["Tranche.Amount"] = "30,000.50", ["Tranche.MilestoneIds"] = wellDrilled,
        });
        Assert.That(page.QuerySelector("[data-testid=pay-reason]")!.TextContent, Is.EqualTo("Waiting for: milestone “Well drilled”"));
        Assert.That(N(page.QuerySelector("[data-testid=planned]")!.TextContent), Is.EqualTo("€30,000.50"));
    }

    [TestCase("donor@portfolio.local")]
    [TestCase("applicant@portfolio.local")]
    [TestCase("bureau@portfolio.local")]
    public async Task Other_roles_cannot_open_or_post_the_execution_page(string email)
    {
        var id = await NewProjectAsync();
        var version = (int)(await ApiAsync(_api.GetAsync($"/api/projects/{id}")))["version"]!;
        var other = await _factory.SignedInBrowserAsync(email);
        var read = await other.GetAsync(Url(id));
        Assert.That(read.StatusCode, Is.AnyOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect));
        if (read.StatusCode == HttpStatusCode.Redirect) Assert.That(read.Headers.Location!.ToString(), Does.Contain("AccessDenied"));

        var home = await Html.GetAsync(other, "/");
        var post = await other.PostAsync(Url(id) + "?handler=Milestone", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Milestone.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Milestone.Title"] = "Intrus",
            ["Milestone.PlannedDate"] = "2026-03-01", ["__RequestVerificationToken"] = Html.Token(home),
        }));
        Assert.That(post.StatusCode, Is.AnyOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect));
        if (post.StatusCode == HttpStatusCode.Redirect) Assert.That(post.Headers.Location!.ToString(), Does.Contain("AccessDenied"));
        var after = await ApiAsync(_api.GetAsync($"/api/projects/{id}"));
        Assert.That((int)after["version"]!, Is.EqualTo(version), "nothing saved");
        Assert.That(after["milestones"]!.AsArray(), Is.Empty);
    }
}
