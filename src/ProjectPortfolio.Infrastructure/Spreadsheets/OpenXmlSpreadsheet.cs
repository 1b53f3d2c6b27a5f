using System.Globalization;
using System.IO.Packaging;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ProjectPortfolio.Application.Measurements.Import;

namespace ProjectPortfolio.Infrastructure.Spreadsheets;

/// <summary>Excel workbooks with the Open XML SDK, written and read in the SAX style (OpenXmlWriter, OpenXmlReader):
/// one row at a time, so that neither a large template nor a large upload is held as a document in memory.
/// Text is always written as an inline string, so a value such as "=HYPERLINK(…)" stays text and never becomes
/// a formula.</summary>
public sealed class OpenXmlSpreadsheet : ISpreadsheet
{
    /// <summary>Largest part (sheet, shared strings) read, in characters: a guard against XML that inflates far
    /// beyond what the file inspector's archive sizes suggested.</summary>
    public const long MaxCharactersInPart = 64L * 1024 * 1024;

    private const int MaxColumnsRead = 64;
    private const int MaxCellText = 32_767;

    public async Task WriteAsync(Stream output, IReadOnlyList<OutSheet> sheets, CancellationToken cancellationToken)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
        stylesPart.Stylesheet = Styles();
        stylesPart.Stylesheet.Save();

        var entries = new List<Sheet>();
        uint sheetId = 1;
        foreach (var sheet in sheets)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            await WriteSheetAsync(part, sheet, cancellationToken);
            entries.Add(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = sheetId++, Name = sheet.Name });
        }
        workbookPart.Workbook = new Workbook(new Sheets(entries));
        workbookPart.Workbook.Save();
    }

    private static async Task WriteSheetAsync(WorksheetPart part, OutSheet sheet, CancellationToken cancellationToken)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        if (sheet.HeaderRow)
        {
            // The header row stays in view while scrolling through hundreds of rows.
            writer.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
            { WorkbookViewId = 0 }));
        }
        var columns = new Columns();
        for (var i = 0; i < sheet.Columns.Count; i++)
            columns.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = sheet.Columns[i].Width, CustomWidth = true });
        writer.WriteElement(columns);

        writer.WriteStartElement(new SheetData());
        var rowNumber = 0;
        if (sheet.HeaderRow)
            WriteRow(writer, ++rowNumber, sheet.Columns.Select(c => OutCell.Of(c.Header, OutStyle.Header)).ToList());
        await foreach (var row in sheet.Rows.WithCancellation(cancellationToken))
            WriteRow(writer, ++rowNumber, row);
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter writer, int number, IReadOnlyList<OutCell> cells)
    {
        writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", string.Empty, number.ToString(CultureInfo.InvariantCulture))]);
        for (var i = 0; i < cells.Count; i++)
        {
            var value = cells[i];
            var cell = new Cell { CellReference = Letter(i + 1) + number.ToString(CultureInfo.InvariantCulture) };
            if (value.Style != OutStyle.Plain) cell.StyleIndex = StyleIndex(value.Style);
            if (value.Text is { } text)
            {
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new Text(Clean(text)) { Space = SpaceProcessingModeValues.Preserve });
            }
            else if (value.Number is { } n)
            {
                cell.CellValue = new CellValue(n.ToString("R", CultureInfo.InvariantCulture));
            }
            writer.WriteElement(cell);
        }
        writer.WriteEndElement();
    }

    /// <summary>Text a cell can hold: no characters XML forbids (a control character in a title would make the
    /// file unreadable), at most Excel's 32,767 characters. Shared with <see cref="StreamingWorkbookWriter"/>.</summary>
    internal static string Clean(string text)
    {
        // Almost every text is already clean: it is returned as is, without a copy.
        if (text.Length <= MaxCellText && IsClean(text)) return text;
        var builder = new StringBuilder(Math.Min(text.Length, MaxCellText));
        foreach (var c in text)
        {
            if (builder.Length == MaxCellText) break;
            if (XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)) builder.Append(c);
        }
        return builder.ToString();
    }

    private static bool IsClean(string text)
    {
        foreach (var c in text)
            if (!XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c)) return false;
        return true;
    }

    private static uint StyleIndex(OutStyle style) => style switch
    {
        OutStyle.Header => 1,
        OutStyle.Input => 2,
        OutStyle.Disabled => 3,
        OutStyle.Wrapped => 4,
        _ => 0,
    };

    private static Stylesheet Styles() => new(
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFFFF2CC" }) { PatternType = PatternValues.Solid }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9D9D9" }) { PatternType = PatternValues.Solid })) { Count = 4 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top })
                { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyAlignment = true },
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 2, BorderId = 0, FormatId = 0, ApplyFill = true },
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 3, BorderId = 0, FormatId = 0, ApplyFill = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top })
                { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyAlignment = true }) { Count = 5 });

    public InSheet ReadFirstSheet(Stream content, int maxRows)
    {
        try
        {
            content.Position = 0;
            using var document = SpreadsheetDocument.Open(content, false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
            var workbookPart = document.WorkbookPart ?? throw new SpreadsheetUnreadableException("The file has no workbook.");
            var first = workbookPart.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault()
                ?? throw new SpreadsheetUnreadableException("The workbook has no sheet.");
            if (first.Id?.Value is not { } id || workbookPart.GetPartById(id) is not WorksheetPart sheetPart)
                throw new SpreadsheetUnreadableException("The first sheet is not a worksheet.");
            var shared = SharedStrings(workbookPart.SharedStringTablePart);
            return ReadRows(sheetPart, shared, maxRows);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or XmlException or IOException or FileFormatException
                                       or InvalidOperationException or ArgumentException or FormatException or OverflowException or KeyNotFoundException)
        {
            throw new SpreadsheetUnreadableException("The workbook cannot be read.", ex);
        }
    }

    private static List<string> SharedStrings(SharedStringTablePart? part)
    {
        var strings = new List<string>();
        if (part is null) return strings;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(SharedStringItem) || !reader.IsStartElement) continue;
            var item = (SharedStringItem)reader.LoadCurrentElement()!;
            // Rich text is the concatenation of its runs; phonetic hints (rPh) are not part of the value.
            strings.Add(item.Text?.Text ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text)));
        }
        return strings;
    }

    private static InSheet ReadRows(WorksheetPart part, List<string> shared, int maxRows)
    {
        var rows = new List<InRow>();
        var previousRow = 0;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
            var row = (Row)reader.LoadCurrentElement()!;
            var number = row.RowIndex?.Value is { } index ? (int)Math.Min(index, int.MaxValue) : previousRow + 1;
            previousRow = number;
            var cells = new List<InCell>();
            var previousColumn = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? ColumnOf(reference) : previousColumn + 1;
                previousColumn = column;
                if (column < 1 || column > MaxColumnsRead) continue;
                if (ToCell(cell, column, shared) is { } read) cells.Add(read);
            }
            if (cells.Count == 0) continue;
            if (rows.Count == maxRows) return new InSheet(rows, TooManyRows: true);
            rows.Add(new InRow(number, cells));
        }
        return new InSheet(rows, TooManyRows: false);
    }

    private static InCell? ToCell(Cell cell, int column, List<string> shared)
    {
        // A formula is reported as such, whatever value the spreadsheet cached for it: the cached value may be stale
        // or missing (files saved by tools that do not compute), and a figure reported to donors must be typed.
        if (cell.CellFormula is not null) return new InCell(column, InCellKind.Formula, "=" + cell.CellFormula.Text, null);
        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
            return Text(column, cell.InlineString?.Text?.Text ?? string.Concat(cell.InlineString?.Elements<Run>().Select(r => r.Text?.Text) ?? []));
        if (type == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Count
                ? Text(column, shared[index])
                : new InCell(column, InCellKind.Error, raw ?? string.Empty, null);
        if (type == CellValues.String) return Text(column, raw);
        if (type == CellValues.Boolean) return new InCell(column, InCellKind.Boolean, raw == "1" ? "TRUE" : "FALSE", null);
        if (type == CellValues.Error) return new InCell(column, InCellKind.Error, raw ?? string.Empty, null);
        if (type == CellValues.Date)
            return Text(column, raw is { Length: >= 10 } ? raw[..10] : raw);
        if (string.IsNullOrEmpty(raw)) return null;
        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? new InCell(column, InCellKind.Number, raw, number)
            : new InCell(column, InCellKind.Error, raw, null);
    }

    private static InCell? Text(int column, string? text) =>
        string.IsNullOrEmpty(text) ? null : new InCell(column, InCellKind.Text, text, null);

    /// <summary>"AB12" → 28.</summary>
    private static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z') column = column * 26 + (c - 'A' + 1);
            else if (c is >= 'a' and <= 'z') column = column * 26 + (c - 'a' + 1);
            else break;
            if (column > MaxColumnsRead) return MaxColumnsRead + 1;
        }
        return column;
    }

    private static string Letter(int number) => ImportColumns.Letter(number);
}
