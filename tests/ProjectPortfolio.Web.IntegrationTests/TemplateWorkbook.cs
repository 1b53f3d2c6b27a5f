using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>A downloaded template reopened with the Open XML SDK, the way a spreadsheet program would see it, and
/// filled in programmatically as a user would: numbers as numbers, text as text, formulas as formulas.</summary>
public sealed class TemplateWorkbook : IDisposable
{
    private readonly MemoryStream _buffer = new();
    private readonly SpreadsheetDocument _document;
    private readonly WorksheetPart _sheet;

    public TemplateWorkbook(byte[] bytes)
    {
        _buffer.Write(bytes);
        _buffer.Position = 0;
        _document = SpreadsheetDocument.Open(_buffer, true);
        var workbook = _document.WorkbookPart!;
        SheetNames = workbook.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();
        _sheet = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var second = workbook.Workbook.Sheets!.Elements<Sheet>().Skip(1).FirstOrDefault();
        SecondSheetText = second is null ? [] : ((WorksheetPart)workbook.GetPartById(second.Id!)).Worksheet.Descendants<Cell>().Select(Text).ToList();
    }

    public IReadOnlyList<string> SheetNames { get; }

    /// <summary>What the Open XML schema validator finds wrong with the package (Excel refuses or "repairs" such files).</summary>
    public IReadOnlyList<string> SchemaErrors() =>
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(_document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
    public IReadOnlyList<string> SecondSheetText { get; }

    private SheetData Data => _sheet.Worksheet.GetFirstChild<SheetData>()!;

    public IEnumerable<Cell> AllCells => Data.Descendants<Cell>();

    /// <summary>Every row of the first sheet as the texts of columns A to O.</summary>
    public List<string[]> Rows() =>
        Data.Elements<Row>().Select(r => Enumerable.Range(1, 15).Select(c => Find(r, c) is { } cell ? Text(cell) : string.Empty).ToArray()).ToList();

    /// <summary>The sheet row number (1-based) of a project × indicator.</summary>
    public int RowOf(string project, string indicator) =>
        (int)Data.Elements<Row>().Single(r => Text(Find(r, 1)!) == project && Text(Find(r, 3)!) == indicator).RowIndex!.Value;

    public Cell CellAt(int row, string column)
    {
        var r = Data.Elements<Row>().Single(x => x.RowIndex!.Value == (uint)row);
        var reference = column + row.ToString(CultureInfo.InvariantCulture);
        var cell = r.Elements<Cell>().FirstOrDefault(c => c.CellReference?.Value == reference);
        if (cell is null)
        {
            cell = new Cell { CellReference = reference };
            r.Append(cell);
        }
        return cell;
    }

    public TemplateWorkbook Number(int row, string column, double value)
    {
        var cell = CellAt(row, column);
        cell.DataType = null;
        cell.InlineString = null;
        cell.CellValue = new CellValue(value.ToString("R", CultureInfo.InvariantCulture));
        return this;
    }

    public TemplateWorkbook Text(int row, string column, string value)
    {
        var cell = CellAt(row, column);
        cell.CellValue = null;
        cell.DataType = CellValues.InlineString;
        cell.InlineString = new InlineString(new Text(value));
        return this;
    }

    public TemplateWorkbook Formula(int row, string column, string formula, double cached)
    {
        var cell = CellAt(row, column);
        cell.DataType = null;
        cell.InlineString = null;
        cell.CellFormula = new CellFormula(formula);
        cell.CellValue = new CellValue(cached.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>Copies a row to the end of the sheet (a duplicate typed by the user); returns the new row's number.</summary>
    public int CopyRow(int row)
    {
        var source = Data.Elements<Row>().Single(x => x.RowIndex!.Value == (uint)row);
        var number = (int)Data.Elements<Row>().Max(r => r.RowIndex!.Value) + 1;
        var copy = (Row)source.CloneNode(true);
        copy.RowIndex = (uint)number;
        foreach (var cell in copy.Elements<Cell>())
            cell.CellReference = new string(cell.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray()) + number.ToString(CultureInfo.InvariantCulture);
        Data.Append(copy);
        return number;
    }

    private bool _closed;

    public byte[] Save()
    {
        _sheet.Worksheet.Save();
        _document.Dispose();
        _closed = true;
        return _buffer.ToArray();
    }

    public void Dispose()
    {
        if (!_closed) _document.Dispose();
        _closed = true;
        _buffer.Dispose();
    }

    private static Cell? Find(Row row, int column) =>
        row.Elements<Cell>().FirstOrDefault(c => c.CellReference?.Value is { } reference
            && new string(reference.TakeWhile(char.IsLetter).ToArray()) == ((char)('A' + column - 1)).ToString());

    public static string Text(Cell cell) =>
        cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.Text?.Text ?? string.Empty : cell.CellValue?.Text ?? string.Empty;
}
