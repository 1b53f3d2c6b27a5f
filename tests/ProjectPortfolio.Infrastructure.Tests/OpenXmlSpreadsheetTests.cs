using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ProjectPortfolio.Application.Measurements.Import;
using ProjectPortfolio.Infrastructure.Spreadsheets;

namespace ProjectPortfolio.Infrastructure.Tests;

/// <summary>The workbook reader on files shaped the way Excel and LibreOffice save them (shared strings, rich text,
/// cells without references, cached formula results), and the writer on a large sheet read back row by row.</summary>
public class OpenXmlSpreadsheetTests
{
    private readonly OpenXmlSpreadsheet _spreadsheet = new();

    /// <summary>A workbook built with the DOM, as a spreadsheet program would save it.</summary>
    private static MemoryStream Saved(Action<SheetData, SharedStringTable> fill, bool chartFirst = false)
    {
        var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            sheetPart.Worksheet = new Worksheet(data);
            fill(data, strings.SharedStringTable);
            var sheets = new Sheets();
            if (chartFirst)
            {
                var chart = workbook.AddNewPart<ChartsheetPart>();
                chart.Chartsheet = new Chartsheet(new ChartSheetViews(new ChartSheetView { WorkbookViewId = 0 }), new Drawing { Id = "rId1" });
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(chart), SheetId = 2, Name = "Graphique" });
            }
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Mesures" });
            workbook.Workbook = new Workbook(sheets);
        }
        buffer.Position = 0;
        return buffer;
    }

    [Test]
    public void Shared_strings_rich_text_numbers_booleans_and_formulas_read_as_their_kind()
    {
        using var file = Saved((data, strings) =>
        {
            strings.Append(new SharedStringItem(new Text("AIMF-2024-001")));
            strings.Append(new SharedStringItem(new Run(new Text("Personnes ")), new Run(new RunProperties(new Bold()), new Text("formées")),
                new PhoneticRun(new Text("ふりがな")) { BaseTextStartIndex = 0, EndingBaseIndex = 1 }));
            data.Append(new Row(
                new Cell { CellReference = "A2", DataType = CellValues.SharedString, CellValue = new CellValue("0") },
                new Cell { CellReference = "D2", DataType = CellValues.SharedString, CellValue = new CellValue("1") },
                new Cell { CellReference = "H2", CellValue = new CellValue("1250.5") },
                new Cell { CellReference = "I2", DataType = CellValues.Boolean, CellValue = new CellValue("1") },
                new Cell { CellReference = "J2", CellFormula = new CellFormula("H2/2"), CellValue = new CellValue("625.25") },
                new Cell { CellReference = "K2", DataType = CellValues.String, CellFormula = new CellFormula("\"a\"&\"b\""), CellValue = new CellValue("ab") },
                new Cell { CellReference = "L2", DataType = CellValues.Error, CellValue = new CellValue("#DIV/0!") },
                new Cell { CellReference = "M2", DataType = CellValues.SharedString, CellValue = new CellValue("99") })
            { RowIndex = 2 });
        });

        var sheet = _spreadsheet.ReadFirstSheet(file, 100);
        var row = sheet.Rows.Single();
        Assert.That(row.Number, Is.EqualTo(2));
        Assert.That(row[1], Is.EqualTo(new InCell(1, InCellKind.Text, "AIMF-2024-001", null)));
        Assert.That(row[4]!.Text, Is.EqualTo("Personnes formées"), "runs joined, phonetic hint left out");
        Assert.That((row[8]!.Kind, row[8]!.Number), Is.EqualTo((InCellKind.Number, (double?)1250.5)));
        Assert.That(row[9]!.Kind, Is.EqualTo(InCellKind.Boolean));
        Assert.That((row[10]!.Kind, row[10]!.Text), Is.EqualTo((InCellKind.Formula, "=H2/2")), "a formula, whatever value was cached");
        Assert.That(row[11]!.Kind, Is.EqualTo(InCellKind.Formula));
        Assert.That(row[12]!.Kind, Is.EqualTo(InCellKind.Error));
        Assert.That(row[13]!.Kind, Is.EqualTo(InCellKind.Error), "a shared string index beyond the table");
    }

    [Test]
    public void Rows_and_cells_without_references_follow_the_previous_ones_and_empty_rows_are_left_out()
    {
        using var file = Saved((data, _) =>
        {
            data.Append(new Row(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text("a")) }) { RowIndex = 3 });
            data.Append(new Row(
                new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text("b")) },
                new Cell { CellValue = new CellValue("7") }));
            data.Append(new Row(new Cell { CellReference = "C5" }) { RowIndex = 5 });
            data.Append(new Row(new Cell { CellReference = "AB6", CellValue = new CellValue("1") }) { RowIndex = 6 });
        });

        var rows = _spreadsheet.ReadFirstSheet(file, 100).Rows;
        Assert.That(rows.Select(r => r.Number), Is.EqualTo(new[] { 3, 4, 6 }));
        Assert.That(rows[1].Cells.Select(c => (c.Column, c.Text)), Is.EqualTo(new[] { (1, "b"), (2, "7") }));
        Assert.That(rows[2].Cells.Single().Column, Is.EqualTo(28));
    }

    [Test]
    public void Reading_stops_at_the_row_limit()
    {
        using var file = Saved((data, _) =>
        {
            for (uint i = 1; i <= 30; i++) data.Append(new Row(new Cell { CellReference = $"A{i}", CellValue = new CellValue("1") }) { RowIndex = i });
        });
        var sheet = _spreadsheet.ReadFirstSheet(file, 10);
        Assert.That((sheet.Rows.Count, sheet.TooManyRows), Is.EqualTo((10, true)));
    }

    [Test]
    public void A_workbook_whose_first_sheet_is_a_chart_or_a_zip_that_is_no_workbook_is_unreadable()
    {
        using var chart = Saved((_, _) => { }, chartFirst: true);
        Assert.Throws<SpreadsheetUnreadableException>(() => _spreadsheet.ReadFirstSheet(chart, 10));

        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
            using (var writer = new StreamWriter(archive.CreateEntry("[Content_Types].xml").Open())) writer.Write("<Types><broken");
        Assert.Throws<SpreadsheetUnreadableException>(() => _spreadsheet.ReadFirstSheet(zip, 10));
    }

    private static async IAsyncEnumerable<IReadOnlyList<OutCell>> ManyRows(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return [OutCell.Of($"P-{i:D6}"), OutCell.Of("=1+1 \u0001 <b>"), OutCell.Empty(OutStyle.Input), new OutCell(null, i, OutStyle.Plain)];
        }
    }

    [Test]
    public async Task A_large_sheet_is_written_and_read_back_row_for_row_with_text_never_a_formula()
    {
        const int count = 20_000;
        var path = Path.Combine(Path.GetTempPath(), "portfolio-large-" + Guid.NewGuid().ToString("N") + ".xlsx");
        try
        {
            await using (var file = File.Create(path))
                await _spreadsheet.WriteAsync(file, [new OutSheet("Mesures", [new("Code", 10), new("Titre", 20), new("Valeur", 10, true), new("N", 5)], ManyRows(count))], CancellationToken.None);

            await using var read = File.OpenRead(path);
            var sheet = _spreadsheet.ReadFirstSheet(read, count + 1);
            Assert.That(sheet.Rows, Has.Count.EqualTo(count + 1));
            Assert.That(sheet.Rows[0].Cells.Select(c => c.Text), Is.EqualTo(new[] { "Code", "Titre", "Valeur", "N" }));
            var last = sheet.Rows[^1];
            Assert.That(last.Number, Is.EqualTo(count + 1));
            Assert.That(last[1]!.Text, Is.EqualTo($"P-{count - 1:D6}"));
            Assert.That((last[2]!.Kind, last[2]!.Text), Is.EqualTo((InCellKind.Text, "=1+1  <b>")), "text stays text; a control character is dropped");
            Assert.That(last[4]!.Number, Is.EqualTo(count - 1));
            Assert.That(last[3], Is.Null, "an empty input cell is not a value");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
