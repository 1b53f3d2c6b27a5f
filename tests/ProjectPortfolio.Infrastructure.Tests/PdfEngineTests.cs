using System.Globalization;
using Microsoft.Extensions.Options;
using ProjectPortfolio.Application.Reports;
using ProjectPortfolio.Infrastructure.Reports;
using ProjectPortfolio.Infrastructure.Reports.Pdf;
using ProjectPortfolio.Testing;

namespace ProjectPortfolio.Infrastructure.Tests;

/// <summary>The PDF engine, read back with pdftotext: text survives (accents, œ, €, Cyrillic), tables run over
/// pages with their header repeated, page numbers and the header are on every page, and the number of pages grows
/// in proportion to the content. Nothing here measures time: that would belong to a benchmark.</summary>
public class PdfEngineTests
{
    private static readonly DateTimeOffset Generated = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);

    private static PdfDocumentBuilder Builder(string? organisation = null) =>
        new(Options.Create(new ReportOptions { Organisation = organisation ?? ReportOptions.DefaultOrganisation }));

    private static Table NumberedTable(int rows) => new(
        [new("Ligne", 0.8, CellAlignment.Right), new("Bénéficiaire", 3), new("Montant", 1.5, CellAlignment.Right)],
        Enumerable.Range(1, rows).Select(i => TableRow.Of($"R{i:D5}", $"Commune n° {i}", $"{i * 10:N0} €")).ToList());

    private static ReportDocument Document(params ReportBlock[] blocks) => new("Rapport d'essai", "fr", Generated, blocks);

    [Test]
    public async Task Accents_oe_euro_Greek_and_Cyrillic_survive_the_round_trip()
    {
        var pdf = Builder().Build(Document(
            new Heading("Œuvre commune à Kigali", 1),
            new Paragraph("Cœur de ville : 250 000,00 € pour l'Œuvre des écoles ; Кигали, Київ, Ελλάδα ; « guillemets » — tiret."),
            new Table([new("Ville"), new("Montant", 1, CellAlignment.Right)], [TableRow.Of("Кигали", "1\u202F000,00\u00A0€")])));

        Assert.That(pdf.AsSpan(0, 5).ToArray(), Is.EqualTo("%PDF-"u8.ToArray()));
        var text = await PdfText.ExtractAsync(pdf);
        Assert.That(text, Does.Contain("Œuvre"));
        Assert.That(text, Does.Contain("€"));
        Assert.That(text, Does.Contain("Кигали"));
        Assert.That(text, Does.Contain("Київ").And.Contain("Ελλάδα").And.Contain("Cœur"));
        Assert.That(PdfText.NormaliseSpaces(text), Does.Contain("250 000,00 €").And.Contain("1 000,00 €").And.Contain("« guillemets » — tiret"));
    }

    [Test]
    public async Task Every_page_has_the_organisation_the_date_the_title_and_page_x_of_y()
    {
        var pdf = Builder("Association des maires — Fonds de coopération").Build(Document(NumberedTable(120)));
        var pages = PdfText.Pages(await PdfText.ExtractAsync(pdf));

        Assert.That(pages, Has.Length.GreaterThan(1));
        for (var i = 0; i < pages.Length; i++)
        {
            Assert.That(pages[i], Does.Contain("Association des maires — Fonds de coopération"), $"page {i + 1}");
            Assert.That(pages[i], Does.Contain("Généré le 22/11/2026"), $"page {i + 1}");
            Assert.That(pages[i], Does.Contain("Rapport d'essai"), $"page {i + 1}");
            Assert.That(pages[i], Does.Contain($"Page {i + 1} / {pages.Length}"), $"page {i + 1}");
        }
    }

    [Test]
    public async Task The_English_page_furniture_is_in_English()
    {
        var pdf = Builder().Build(new ReportDocument("Test report", "en", Generated, [new Paragraph("Hello.")]));
        var text = await PdfText.ExtractAsync(pdf);
        Assert.That(text, Does.Contain("Generated on 22/11/2026").And.Contain("Page 1 / 1"));
        Assert.That(text, Does.Contain(ReportOptions.DefaultOrganisation));
    }

    [Test]
    public async Task A_long_table_repeats_its_header_on_every_page_and_loses_no_row()
    {
        const int rows = 2000;
        var pages = PdfText.Pages(await PdfText.ExtractAsync(Builder().Build(Document(new Heading("Table longue"), NumberedTable(rows)))));

        Assert.That(pages, Has.Length.GreaterThanOrEqualTo(45), "about fifty pages");
        var next = 1;
        foreach (var (page, number) in pages.Select((p, i) => (p, i + 1)))
        {
            var lines = page.Split('\n');
            var header = Array.FindIndex(lines, l => l.Contains("Ligne", StringComparison.Ordinal) && l.Contains("Bénéficiaire", StringComparison.Ordinal) && l.Contains("Montant", StringComparison.Ordinal));
            var firstRow = Array.FindIndex(lines, l => l.Contains($"R{next:D5}", StringComparison.Ordinal));
            Assert.That(header, Is.GreaterThanOrEqualTo(0), $"the header row on page {number}");
            Assert.That(firstRow, Is.GreaterThan(header), $"page {number} starts with the header, then row {next}");
            foreach (var line in lines.Where(l => l.Contains(" R", StringComparison.Ordinal) || l.TrimStart().StartsWith('R')))
            {
                var match = System.Text.RegularExpressions.Regex.Match(line, @"R(\d{5})");
                if (!match.Success) continue;
                Assert.That(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), Is.EqualTo(next), $"rows in order on page {number}");
                next++;
            }
        }
        Assert.That(next - 1, Is.EqualTo(rows), "every row printed once");
    }

    [Test]
    public async Task Pages_grow_linearly_with_the_rows()
    {
        var small = PdfText.Pages(await PdfText.ExtractAsync(Builder().Build(Document(NumberedTable(500))))).Length;
        var large = PdfText.Pages(await PdfText.ExtractAsync(Builder().Build(Document(NumberedTable(2000))))).Length;

        Assert.That(small, Is.GreaterThan(5));
        // Four times the rows, four times the pages (give or take the last, partly filled page of each).
        Assert.That(large, Is.InRange(4 * (small - 1), 4 * small));
    }

    [Test]
    public async Task A_cell_taller_than_a_page_is_split_across_pages_without_losing_lines()
    {
        var tall = string.Join("\n", Enumerable.Range(1, 150).Select(i => $"Ligne L{i:D3} du long texte"));
        var pdf = Builder().Build(Document(new Table([new("Colonne A"), new("Colonne B")], [TableRow.Of("court", tall), TableRow.Of("après", "fin")])));
        var text = await PdfText.ExtractAsync(pdf);
        var pages = PdfText.Pages(text);

        Assert.That(pages, Has.Length.GreaterThanOrEqualTo(2));
        Assert.That(pages, Has.All.Contain("Colonne A"), "the header is repeated where the row continues");
        var found = System.Text.RegularExpressions.Regex.Matches(text, @"L(\d{3})").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.That(found, Is.EqualTo(Enumerable.Range(1, 150)));
        Assert.That(text, Does.Contain("après"));
    }

    [Test]
    public async Task Long_words_and_paragraphs_wrap_within_the_margins()
    {
        var word = string.Concat(Enumerable.Repeat("Intercommunalité", 20));
        var paragraph = string.Join(' ', Enumerable.Repeat("La commune renforce l'accès aux services de base.", 40));
        var pdf = Builder().Build(Document(new Paragraph(word), new Paragraph(paragraph),
            new Table([new("Étroite", 0.3), new("Large", 3)], [TableRow.Of(word, paragraph)])));

        var text = await PdfText.ExtractAsync(pdf);
        var joined = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        Assert.That(joined, Does.Contain(string.Concat(word.Take(200))), "a word wider than the page is cut, not dropped");
        Assert.That(PdfText.NormaliseSpaces(text), Does.Contain("La commune renforce l'accès aux services de base."));
    }

    [Test]
    public async Task Charts_draw_their_labels_and_values_and_tolerate_odd_fractions()
    {
        var pdf = Builder().Build(Document(
            new BarChart([new("Femmes accompagnées", 0.975, "98 % (780 / 800)"), new("Personnes formées", 1.4, "140 %"),
                          new("Jamais mesuré", double.NaN, "non mesuré"), new("Négatif", -1, "—")]) { Caption = "Réalisé rapporté à la cible." },
            new ProgressBar("Décaissement de la subvention", 0.99, "99 % · 247 500,00 € / 250 000,00 €")));

        var text = PdfText.NormaliseSpaces(await PdfText.ExtractAsync(pdf));
        Assert.That(text, Does.Contain("Femmes accompagnées").And.Contain("98 % (780 / 800)").And.Contain("140 %"));
        Assert.That(text, Does.Contain("Décaissement de la subvention").And.Contain("247 500,00 € / 250 000,00 €"));
        Assert.That(text, Does.Contain("Réalisé rapporté à la cible."));
    }

    [Test]
    public void The_startup_probe_makes_a_PDF() =>
        Assert.DoesNotThrow(() => PdfEngineProbe.Probe(Builder(), TimeProvider.System));

    private sealed class BrokenBuilder : IPdfDocumentBuilder
    {
        public byte[] Build(ReportDocument document) => throw new InvalidOperationException("The font DejaVuSans.ttf is not embedded.");
    }

    [Test]
    public void The_startup_probe_stops_the_host_with_the_cause_when_no_PDF_can_be_made()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => PdfEngineProbe.Probe(new BrokenBuilder(), TimeProvider.System));
        Assert.That(failure!.Message, Does.StartWith("PDF generation is not usable").And.Contain("DejaVuSans.ttf is not embedded"));
    }

    [Test]
    public async Task A_page_break_starts_a_new_page_unless_the_page_is_still_empty()
    {
        var pages = PdfText.Pages(await PdfText.ExtractAsync(Builder().Build(Document(
            new PageBreak(), new Paragraph("Première page."), new PageBreak(), new PageBreak(), new Paragraph("Deuxième page.")))));
        Assert.That(pages, Has.Length.EqualTo(2));
        Assert.That(pages[0], Does.Contain("Première page."));
        Assert.That(pages[1], Does.Contain("Deuxième page."));
    }

    [Test]
    public async Task A_report_never_ends_with_an_empty_page()
    {
        var spaced = Builder().Build(Document(new Paragraph("Texte."), new Spacer(2_000)));
        var broken = Builder().Build(Document(new Paragraph("Texte."), new PageBreak()));
        Assert.That(PdfText.Pages(await PdfText.ExtractAsync(spaced)), Has.Length.EqualTo(1));
        Assert.That(PdfText.Pages(await PdfText.ExtractAsync(broken)), Has.Length.EqualTo(1));
    }

    [Test]
    public void An_empty_report_is_still_a_valid_PDF()
    {
        var pdf = Builder().Build(Document());
        Assert.That(pdf.AsSpan(0, 5).ToArray(), Is.EqualTo("%PDF-"u8.ToArray()));
    }
}
