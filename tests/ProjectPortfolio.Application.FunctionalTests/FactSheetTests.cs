using ProjectPortfolio.Application.Reports;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Application.FunctionalTests;

/// <summary>What the fact sheet says (the document model, before any PDF): languages and their fallbacks, totals
/// per currency, late milestones, progress from the baseline. The PDF itself is tested in the web and engine tests.</summary>
public class FactSheetTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private static ProjectDetail Project(string? titleEn = null, string? summaryEn = null) => new(
        Guid.NewGuid(), "AIMF-2024-004", "Eau et assainissement à Nouakchott — phase 4", titleEn, "Extension du service de l'eau.", summaryEn,
        Guid.NewGuid(), "Communauté urbaine de Nouakchott", "MR", "water-sanitation", "Eau et assainissement", "Water and sanitation",
        "COOP_FUND", "Fonds de coopération", "Cooperation fund", null, null, ProjectStatus.Ongoing,
        new DateOnly(2024, 7, 1), new DateOnly(2027, 6, 30), new DateOnly(2024, 7, 1), null, 30_000_000, "EUR", 3,
        null, [], [new MemberRef(Guid.NewGuid(), "Ville de Lausanne")],
        [new CoFinancingRow(Guid.NewGuid(), Guid.NewGuid(), "Ville de Lausanne", 80_000_000, 40_000_000, "CHF", CoFinancingStatus.Confirmed, null),
         new CoFinancingRow(Guid.NewGuid(), Guid.NewGuid(), "Union européenne", 10_000_000, 0, "EUR", CoFinancingStatus.Expected, null)],
        [new TrancheRow(Guid.NewGuid(), 1, new DateOnly(2024, 7, 15), 12_000_000, new DateOnly(2024, 8, 2), 12_000_000, [], false),
         new TrancheRow(Guid.NewGuid(), 2, new DateOnly(2025, 7, 15), 18_000_000, null, null, [], true)],
        [new MilestoneRow(Guid.NewGuid(), "Raccordement du quartier de Tarhil", null, new DateOnly(2026, 6, 30), null, MilestoneStatus.Planned, IsLate: true),
         new MilestoneRow(Guid.NewGuid(), "Lancement", "Launch", new DateOnly(2024, 9, 30), new DateOnly(2024, 10, 3), MilestoneStatus.Done, IsLate: false)],
        [new TargetRow("PEOPLE_WATER_ACCESS", "Personnes ayant accès à l'eau", "People with access to water", IndicatorUnit.People, IndicatorKind.Cumulative,
             210_000, 260_000, new DateOnly(2027, 6, 30), 230_000, true),
         new TargetRow("PEOPLE_TRAINED", "Personnes formées", "People trained", IndicatorUnit.People, IndicatorKind.Incremental, 0, 500, new DateOnly(2027, 6, 30), null, false)]);

    /// <summary>French amounts hold no-break spaces (U+202F between thousands, U+00A0 before the symbol).</summary>
    private static string Plain(string text) => text.Replace('\u202F', ' ').Replace('\u00A0', ' ');

    private static IEnumerable<string> Texts(ReportDocument document) => document.Blocks.SelectMany(block => block switch
    {
        Heading h => [h.Text],
        Paragraph p => [p.Text],
        KeyValueBlock kv => kv.Items.SelectMany(i => new[] { i.Label, i.Value }),
        Table t => t.Columns.Select(c => c.Header).Concat(t.Rows.Concat(t.Footer).SelectMany(r => r.Cells.Select(c => c.Text))),
        BarChart c => c.Items.SelectMany(i => new[] { i.Label, i.ValueText }),
        ProgressBar b => [b.Label, b.ValueText],
        _ => Array.Empty<string>(),
    }).Select(Plain);

    [Test]
    public void French_is_written_with_French_labels_and_amounts()
    {
        var document = ProjectFactSheet.Compose(Project(), "fr", Now);
        var texts = Texts(document).ToList();
        Assert.That(document.Language, Is.EqualTo("fr"));
        Assert.That(document.Title, Is.EqualTo("AIMF-2024-004 — Eau et assainissement à Nouakchott — phase 4"));
        Assert.That(texts, Does.Contain("Subvention accordée").And.Contain("300 000,00 €").And.Contain("Mauritanie").And.Contain("En retard"));
    }

    [Test]
    public void English_falls_back_to_French_texts_with_a_visible_mark()
    {
        var texts = Texts(ProjectFactSheet.Compose(Project(), "en", Now)).ToList();
        Assert.That(texts.Count(t => t == "(available in French only)"), Is.EqualTo(2), "title and summary");
        Assert.That(texts, Does.Contain("Raccordement du quartier de Tarhil (in French)").And.Contain("Launch"));
        Assert.That(texts, Does.Contain("Awarded grant").And.Contain("€300,000.00").And.Contain("Mauritania").And.Contain("Late"));

        var translated = Texts(ProjectFactSheet.Compose(Project("Water and sanitation in Nouakchott", "Extending the water service."), "en", Now)).ToList();
        Assert.That(translated, Does.Contain("Water and sanitation in Nouakchott").And.Contain("Extending the water service."));
        Assert.That(translated, Does.Not.Contain("(available in French only)"));
    }

    [Test]
    public void Amounts_in_different_currencies_are_totalled_apart_never_converted()
    {
        var document = ProjectFactSheet.Compose(Project(), "fr", Now);
        var overview = document.Blocks.OfType<KeyValueBlock>().Single(kv => kv.Items.Any(i => i.Label == "Financement total"));
        Assert.That(Plain(overview.Items.Single(i => i.Label == "Financement total").Value), Is.EqualTo("400 000,00 € + 800 000,00 CHF"));
        var coFinancing = document.Blocks.OfType<Table>().Single(t => t.Columns[0].Header == "Partenaire");
        Assert.That(coFinancing.Footer.Select(r => r.Cells[0].Text), Is.EqualTo(new[] { "Total EUR", "Total CHF" }));
        Assert.That(Texts(document), Does.Contain("Solde restant à verser").And.Contain("180 000,00 €"));
    }

    [Test]
    public void Progress_runs_from_the_baseline_to_the_target_and_an_unmeasured_indicator_says_so()
    {
        var chart = ProjectFactSheet.Compose(Project(), "fr", Now).Blocks.OfType<BarChart>().Single(c => c.Style == BarChartStyle.Progress);
        Assert.That(chart.Items[0].Fraction, Is.EqualTo(0.4).Within(1e-9), "(230 000 − 210 000) / (260 000 − 210 000)");
        Assert.That(chart.Items[1].ValueText, Is.EqualTo("non mesuré"));
    }

    [Test]
    public void Only_fr_and_en_are_accepted_whatever_their_case()
    {
        var validator = new GetProjectFactSheetValidator();
        Assert.That(validator.Validate(new GetProjectFactSheetQuery(Guid.NewGuid(), null)).IsValid, Is.True);
        Assert.That(validator.Validate(new GetProjectFactSheetQuery(Guid.NewGuid(), "EN")).IsValid, Is.True);
        var refused = validator.Validate(new GetProjectFactSheetQuery(Guid.NewGuid(), "de"));
        Assert.That(refused.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "lang" }));
    }
}
