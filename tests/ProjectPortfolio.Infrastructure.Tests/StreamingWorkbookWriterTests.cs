using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ProjectPortfolio.Application.Reports;
using ProjectPortfolio.Infrastructure.Spreadsheets;

namespace ProjectPortfolio.Infrastructure.Tests;

/// <summary>The report workbook writer, read back with the Open XML SDK: every text that a spreadsheet program
/// could take for a formula stays text, characters XML forbids are dropped, and typed cells keep their values.</summary>
public class StreamingWorkbookWriterTests
{
    private static async IAsyncEnumerable<IReadOnlyList<WorkbookCell>> Rows(params IReadOnlyList<WorkbookCell>[] rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    [Test]
    public async Task Formula_looking_text_is_written_as_text_and_typed_cells_keep_their_values()
    {
        string[] risky = ["=1+1", "+33 1 23", "-2+3", "@SUM(A1:A2)", "\tindented", "\rreturn", "a < b & c > d", "bell\u0007"];
        var sheet = new WorkbookSheet("Données [1]", [new WorkbookColumn("=Titre", 20), new WorkbookColumn("Valeur", 12)],
            Rows(
            [
                .. risky.Select(text => (IReadOnlyList<WorkbookCell>)[WorkbookCell.Of(text)]),
                [WorkbookCell.Of(new DateOnly(2024, 8, 26)), WorkbookCell.Money(1234.5m, "XOF")],
                [WorkbookCell.Count(85_000), WorkbookCell.Percent(0.25)],
                [WorkbookCell.Blank, WorkbookCell.Of(double.NaN)],
            ]));
        using var buffer = new MemoryStream();
        await new StreamingWorkbookWriter().WriteAsync(buffer, [sheet], CancellationToken.None);

        buffer.Position = 0;
        using var document = SpreadsheetDocument.Open(buffer, false);
        var workbook = document.WorkbookPart!;
        Assert.That(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document), Is.Empty);
        var entry = workbook.Workbook.Sheets!.Elements<Sheet>().Single();
        Assert.That(entry.Name?.Value, Is.EqualTo("Données  1"), "brackets are not allowed in a sheet name");
        var part = (WorksheetPart)workbook.GetPartById(entry.Id!);
        Assert.That(part.Worksheet.Descendants<CellFormula>(), Is.Empty);
        var rows = part.Worksheet.Descendants<Row>().ToList();

        var texts = rows.Take(risky.Length + 1).Select(r => r.Elements<Cell>().First()).ToList();
        Assert.That(texts.All(c => c.DataType?.Value == CellValues.InlineString), Is.True);
        Assert.That(texts.Select(c => c.InlineString!.Text!.Text),
            Is.EqualTo(new[] { "=Titre" }.Concat(risky.Select(t => t.Replace("\u0007", "", StringComparison.Ordinal)))));

        var typed = rows[risky.Length + 1].Elements<Cell>().ToList();
        Assert.That(typed.All(c => c.DataType is null), Is.True, "numbers, not text");
        Assert.That(typed.Select(c => c.CellValue?.Text), Is.EqualTo(new[] { "45530", "1234.5" }), "26/08/2024 is day 45530");
        var formats = workbook.WorkbookStylesPart!.Stylesheet;
        string Format(Cell cell)
        {
            var id = formats.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value).NumberFormatId!.Value;
            return formats.NumberingFormats?.Elements<NumberingFormat>().FirstOrDefault(f => f.NumberFormatId!.Value == id)?.FormatCode?.Value
                   ?? id.ToString(CultureInfo.InvariantCulture);
        }
        Assert.That(Format(typed[0]), Is.EqualTo("dd/mm/yyyy"));
        Assert.That(Format(typed[1]), Is.EqualTo("#,##0\\ \"XOF\""), "the CFA franc has no decimals");
        var counts = rows[risky.Length + 2].Elements<Cell>().ToList();
        Assert.That(counts.Select(c => c.CellValue!.Text), Is.EqualTo(new[] { "85000", "0.25" }));
        Assert.That(counts.Select(Format), Is.EqualTo(new[] { "3", "0.0%" }));
        Assert.That(rows[risky.Length + 3].Elements<Cell>(), Is.Empty, "a blank and a NaN are empty cells");
    }
}
