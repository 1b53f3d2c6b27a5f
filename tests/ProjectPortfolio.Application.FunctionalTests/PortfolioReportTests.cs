using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Formatting;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Portfolio;
using ProjectPortfolio.Application.Reports;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Projects;
using ProjectPortfolio.Testing;

namespace ProjectPortfolio.Application.FunctionalTests;

/// <summary>The portfolio report, made through the real pipeline and PDF engine and read back with pdftotext: the
/// sample's Rwanda health figures in both languages, equal to the summary's; a donor's projects and share; hostile
/// titles; and the number of database queries, which must not grow with the number of projects.</summary>
public class PortfolioReportTests : FunctionalTest
{
    private static readonly DateOnly Since2020 = new(2020, 1, 1);

    private async Task<string> TextAsync(GetPortfolioReportQuery query)
    {
        var file = await SendAsync(query);
        Assert.That(file.ContentType, Is.EqualTo("application/pdf"));
        await KeepAsync(file, query.Language);
        return await PdfText.ExtractAsync(file.Content);
    }

    /// <summary>Set PORTFOLIO_PDF_OUT to a folder to keep the reports for a look.</summary>
    private static async Task KeepAsync(ReportFile file, string? language)
    {
        if (Environment.GetEnvironmentVariable("PORTFOLIO_PDF_OUT") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, $"{TestContext.CurrentContext.Test.Name}-{language}.pdf"), file.Content);
        }
    }

    /// <summary>The codes of the projects that have a block in the report ("AIMF-2019-002 — title").</summary>
    private static string[] ProjectBlocks(string text) =>
        Regex.Matches(text, @"(AIMF-\d{4}-\d{3}) —").Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToArray();

    [Test]
    public async Task The_Rwanda_health_report_shows_the_association_s_figures_in_French()
    {
        await ImportSampleAsync();
        var raw = await TextAsync(new GetPortfolioReportQuery(Country: "RW", Theme: "health", From: Since2020, Language: "fr"));
        var text = PdfText.NormaliseSpaces(raw);

        // .NET writes French thousands with a narrow no-break space (U+202F); pdftotext (poppler 22.12) gives it back as
        // a plain space, in -layout mode and without it.
        Assert.That(raw, Does.Contain("85 000"), "85 000 people, with the French thousands separator");
        Assert.That(raw, Does.Not.Contain("85,000"));
        // Indicator, achieved, target, % of target (the first name wraps in its column).
        Assert.That(text, Does.Match(@"Infrastructures de santé construites ou réhabilitées et (équipées )?15 22 68 %"));
        Assert.That(text, Does.Contain("Maternités construites et équipées 2 3 67 %"));
        Assert.That(text, Does.Contain("Personnes ayant un accès amélioré à la santé 85 000 101 000 84 %"));
        Assert.That(text, Does.Contain("Rwanda · Santé · depuis le 01/01/2020"));
        Assert.That(text, Does.Contain("Chiffres clés").And.Contain("Subventions accordées").And.Contain("Les projets (5)"));
        Assert.That(ProjectBlocks(raw), Is.EqualTo(new[] { "AIMF-2019-002", "AIMF-2019-003", "AIMF-2019-004", "AIMF-2024-001", "AIMF-2024-002" }));
        Assert.That(text, Does.Contain("Ville de Kigali · Rwanda"));
        Assert.That(text, Does.Contain("Fondation Solidarité Santé Afrique : 80 000,00 €"));
    }

    [Test]
    public async Task The_Rwanda_health_report_shows_the_same_figures_in_English()
    {
        await ImportSampleAsync();
        var text = PdfText.NormaliseSpaces(await TextAsync(new GetPortfolioReportQuery(Country: "RW", Theme: "health", From: Since2020, Language: "en")));
        Assert.That(text, Does.Contain("85,000"));
        Assert.That(text, Does.Contain("15 ").And.Contain("Key figures").And.Contain("The projects (5)").And.Contain("Rwanda · Health · since 01/01/2020"));
        Assert.That(text, Does.Contain("(in French)"), "the sample's titles are in French only");
        Assert.That(text, Does.Not.Contain("Chiffres clés"));
    }

    [TestCase("fr")]
    [TestCase("en")]
    public async Task Every_total_is_the_summary_s_total(string language)
    {
        await ImportSampleAsync();
        var summary = await SendAsync(new GetPortfolioSummaryQuery());
        var text = PdfText.NormaliseSpaces(await TextAsync(new GetPortfolioReportQuery(Language: language)));
        var culture = Formats.CultureFor(language);
        string Euros(decimal amount) => PdfText.NormaliseSpaces(Formats.Money(Currencies.ToMinor(amount, "EUR"), "EUR", culture));

        Assert.That(text, Does.Contain(Euros(summary.Finance.AwardedEur)));
        Assert.That(text, Does.Contain(Euros(summary.Finance.DisbursedEur)));
        Assert.That(text, Does.Contain(Euros(summary.Finance.CoFinancingEur)));
        Assert.That(ProjectBlocks(text), Has.Length.EqualTo(summary.Projects.Total));
        foreach (var figure in summary.Indicators)
            Assert.That(text, Does.Contain(PdfText.NormaliseSpaces(Formats.Number(figure.Total, culture))), figure.Code);
    }

    [Test]
    public async Task A_donor_report_covers_only_what_the_donor_co_finances_and_shows_its_share()
    {
        await ImportSampleAsync();
        var eu = await QueryAsync(db => db.Partners.Where(p => p.Code == "UE").Select(p => p.Id).SingleAsync());
        var euProjects = await QueryAsync(db => db.Projects.Where(p => p.CoFinancing.Any(c => c.PartnerId == eu))
            .Select(p => p.Code).OrderBy(c => c).ToArrayAsync());
        Assert.That(euProjects, Has.Length.GreaterThan(1));

        var byFilter = await TextAsync(new GetPortfolioReportQuery(Partner: "ue"));
        Assert.That(ProjectBlocks(byFilter), Is.EqualTo(euProjects));
        var text = PdfText.NormaliseSpaces(byFilter);
        Assert.That(text, Does.Contain("Rapport au bailleur — Union européenne").And.Contain("Bailleur : Union européenne"));
        // Gitega: 400 000 € of the European Union in a budget of 250 000 € + 400 000 € + 12 000 €.
        Assert.That(text, Does.Contain("Union européenne : 400 000,00 €"));
        Assert.That(Regex.IsMatch(text, @"AIMF-2022-002 —.*?Part du bailleur 60 %"), Is.True, "the donor's share of Gitega's budget");
        var euTotal = await QueryAsync(db => db.Projects.SelectMany(p => p.CoFinancing).Where(c => c.PartnerId == eu).SumAsync(c => c.AmountMinor));
        Assert.That(text, Does.Contain("Cofinancement apporté " + PdfText.NormaliseSpaces(Formats.Money(euTotal, "EUR", Formats.French))));

        User.SignInAs("donor@portfolio.local", Roles.Donor, partnerId: eu);
        var signedIn = await TextAsync(new GetPortfolioReportQuery(Language: "en"));
        Assert.That(ProjectBlocks(signedIn), Is.EqualTo(euProjects), "a donor's own report, without any filter");
        Assert.That(PdfText.NormaliseSpaces(signedIn), Does.Contain("Donor report — Union européenne").And.Contain("Donor's share"));
    }

    [Test]
    public async Task Hostile_titles_print_as_written_without_breaking_the_page()
    {
        const string longWord = "Anticonstitutionnellementinterdépartementalisationnellementintransmissibilité";
        string[] titles =
        [
            "<script>alert('x')</script> Centre de santé <b>gras</b>",
            "=HYPERLINK(\"http://evil.example\";\"clic\") +1 -1 @SUM(A1)",
            "Œuvre du cœur : 1 000 000 € pour l'économie sociale",
            longWord,
            "Київ — Αθήνα — Hà Nội — Dakar",
        ];
        await SeedAsync(s =>
        {
            for (var i = 0; i < titles.Length; i++) s.Project($"AIMF-2021-00{i + 1}", title: titles[i]);
        });

        var file = await SendAsync(new GetPortfolioReportQuery(Language: "fr"));
        await KeepAsync(file, "fr");
        var raw = await PdfText.ExtractAsync(file.Content);
        var text = PdfText.NormaliseSpaces(raw);
        foreach (var title in titles.Where(t => t != longWord)) Assert.That(text, Does.Contain(title));
        // The long word is cut where the column ends, never drawn past the margin.
        Assert.That(Regex.Replace(raw, @"\s+", ""), Does.Contain(longWord));
        Assert.That(ProjectBlocks(raw), Has.Length.EqualTo(titles.Length));

        // Nothing is drawn outside the page: pdftotext's bounding boxes all lie within A4 (595 × 842 pt).
        var boxes = await PdfText.BoundingBoxesAsync(file.Content);
        Assert.That(boxes, Is.Not.Empty);
        Assert.That(boxes.Max(b => b.XMax), Is.LessThanOrEqualTo(595 - 56), "inside the right margin");
    }

    [Test]
    public async Task The_queries_do_not_grow_with_the_number_of_projects()
    {
        await ImportSampleAsync();
        var few = await CountQueriesAsync(new GetPortfolioReportQuery(Country: "BI"));
        var all = await CountQueriesAsync(new GetPortfolioReportQuery());
        var projects = await QueryAsync(db => db.Projects.CountAsync());
        Assert.That(projects, Is.GreaterThan(20));
        Assert.That(all, Is.EqualTo(few), "one query per kind of data, never one per project");
        Assert.That(all, Is.LessThan(30));
    }

    [TestCase("de")]
    [TestCase("")]
    public void An_unknown_language_is_refused(string language)
    {
        var error = Assert.ThrowsAsync<ValidationException>(() => SendAsync(new GetPortfolioReportQuery(Language: language)));
        Assert.That(error!.Errors.Keys, Is.EqualTo(new[] { "lang" }));
    }

    [Test]
    public void A_bad_filter_is_refused_as_on_the_summary()
    {
        var error = Assert.ThrowsAsync<ValidationException>(() => SendAsync(new GetPortfolioReportQuery(Theme: "astrology", From: new DateOnly(2024, 1, 1), To: new DateOnly(2023, 1, 1))));
        Assert.That(error!.Errors.Keys, Is.EquivalentTo(new[] { "Theme", "To" }));
        User.SignOut();
        Assert.ThrowsAsync<UnauthorizedAccessException>(() => SendAsync(new GetPortfolioReportQuery()));
    }

    private async Task SeedAsync(Action<Seed> build) =>
        await QueryAsync(async db =>
        {
            build(await Seed.CreateAsync(db));
            return await db.SaveChangesAsync();
        });

    /// <summary>Counts the SQL commands EF Core executes on this test's database while the report is made.</summary>
    private async Task<int> CountQueriesAsync(GetPortfolioReportQuery query)
    {
        var file = Path.GetFileName(DatabasePath);
        var count = 0;
        using var counter = new CommandCounter(dataSource =>
        {
            if (dataSource?.Contains(file, StringComparison.Ordinal) == true) Interlocked.Increment(ref count);
        });
        await SendAsync(query);
        return count;
    }

    private sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly Action<string?> _onCommand;
        private readonly List<IDisposable> _subscriptions = [];

        public CommandCounter(Action<string?> onCommand)
        {
            _onCommand = onCommand;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name) lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData data)
                // SQLite names the file in DataSource; PostgreSQL the server there and the database in Database.
                _onCommand(data.Command.Connection is { } c ? c.DataSource + "|" + c.Database : null);
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }

        public void Dispose()
        {
            lock (_subscriptions) foreach (var subscription in _subscriptions) subscription.Dispose();
        }
    }
}
