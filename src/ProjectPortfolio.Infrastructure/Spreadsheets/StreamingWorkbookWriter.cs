using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using ProjectPortfolio.Application.Measurements.Import;
using ProjectPortfolio.Application.Reports;
using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Infrastructure.Spreadsheets;

/// <summary>Writes .xlsx report workbooks straight into a zip stream, part by part, with <see cref="XmlWriter"/>:
/// the Open XML SDK 2.20 keeps each part whole in memory (even through OpenXmlWriter), this does not, so memory
/// stays flat however many rows a sheet has (docs/adr/0010). The zip is written synchronously into a small
/// in-memory <see cref="PendingBytes"/> which is drained asynchronously to the output every few hundred rows:
/// the output may be the HTTP response, which refuses synchronous writes (and ZipArchive, even through its async
/// methods, still writes synchronously when an entry is closed) and cannot seek.
/// Text is always an inline string, never a formula; no part of the file holds an &lt;f&gt; element.</summary>
public sealed class StreamingWorkbookWriter : IWorkbookWriter
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string ContentTypesNs = "http://schemas.openxmlformats.org/package/2006/content-types";

    /// <summary>Rows written between two drains: about 100 KB of XML, 20 KB compressed, for ten columns.</summary>
    private const int RowsPerFlush = 256;

    private const int MaxSheetName = 31;
    private const int MaxColumns = 16_384;
    private const int MaxRows = 1_048_576;

    // Fixed cell formats (cellXfs); one more per currency met, from FirstMoneyStyle on, in order of first use.
    private const int HeaderStyle = 1;
    private const int IntegerStyle = 2;
    private const int DateStyle = 3;
    private const int PercentStyle = 4;
    private const int FirstMoneyStyle = 5;
    private const int FirstCustomFormat = 164;

    /// <summary>Day and month in the French and British order; the spreadsheet shows it in the reader's separators.</summary>
    public const string DateFormat = "dd/mm/yyyy";
    private static readonly int Epoch = new DateOnly(1899, 12, 30).DayNumber;

    private static readonly XmlWriterSettings Settings = new()
    {
        // Every text is cleaned before it is written (OpenXmlSpreadsheet.Clean), so the writer need not check each character again.
        Encoding = new UTF8Encoding(false), CloseOutput = false, Indent = false, CheckCharacters = false,
    };

    public async Task WriteAsync(Stream output, IReadOnlyList<WorkbookSheet> sheets, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sheets.Count);
        var names = SheetNames(sheets);
        var currencies = new Dictionary<string, int>(StringComparer.Ordinal);
        var ranges = new List<string>(sheets.Count);

        await using var pending = new PendingBytes(output);
        using (var zip = new ZipArchive(pending, ZipArchiveMode.Create, leaveOpen: true))
        {
            // Sheets first: the styles (one per currency) and the filters' ranges are known only once the rows are written.
            for (var i = 0; i < sheets.Count; i++)
                ranges.Add(await WriteSheetAsync(zip, pending, $"xl/worksheets/sheet{i + 1}.xml", sheets[i], currencies, cancellationToken));
            await WritePartAsync(zip, pending, "xl/styles.xml", xml => Styles(xml, currencies), cancellationToken);
            await WritePartAsync(zip, pending, "xl/workbook.xml", xml => Workbook(xml, names, ranges), cancellationToken);
            await WritePartAsync(zip, pending, "xl/_rels/workbook.xml.rels", xml => WorkbookRelationships(xml, sheets.Count), cancellationToken);
            await WritePartAsync(zip, pending, "_rels/.rels", PackageRels, cancellationToken);
            await WritePartAsync(zip, pending, "[Content_Types].xml", xml => ContentTypes(xml, sheets.Count), cancellationToken);
        }
        // The central directory, written when the archive is closed.
        await pending.DrainAsync(cancellationToken);
    }

    /// <summary>Writes one sheet and returns its filter range ("$A$1:$J$120").</summary>
    private static async Task<string> WriteSheetAsync(ZipArchive zip, PendingBytes pending, string path, WorkbookSheet sheet,
        Dictionary<string, int> currencies, CancellationToken cancellationToken)
    {
        var columnCount = Math.Clamp(sheet.Columns.Count, 1, MaxColumns);
        var letters = Enumerable.Range(1, columnCount).Select(ImportColumns.Letter).ToArray();

        string range;
        using (var target = zip.CreateEntry(path, CompressionLevel.Fastest).Open())
        {
            using var xml = XmlWriter.Create(target, Settings);
            xml.WriteStartDocument(true);
            xml.WriteStartElement("worksheet", Main);
            xml.WriteAttributeString("xmlns", "r", null, RelationshipsNs);

            // The header row stays in view while scrolling.
            xml.WriteStartElement("sheetViews", Main);
            xml.WriteStartElement("sheetView", Main);
            xml.WriteAttributeString("workbookViewId", "0");
            xml.WriteStartElement("pane", Main);
            xml.WriteAttributeString("ySplit", "1");
            xml.WriteAttributeString("topLeftCell", "A2");
            xml.WriteAttributeString("activePane", "bottomLeft");
            xml.WriteAttributeString("state", "frozen");
            xml.WriteEndElement();
            xml.WriteStartElement("selection", Main);
            xml.WriteAttributeString("pane", "bottomLeft");
            xml.WriteAttributeString("activeCell", "A2");
            xml.WriteAttributeString("sqref", "A2");
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();

            xml.WriteStartElement("cols", Main);
            for (var c = 0; c < columnCount; c++)
            {
                var width = sheet.Columns.Count == 0 ? 10 : Math.Clamp(sheet.Columns[c].Width, 2, 255);
                xml.WriteStartElement("col", Main);
                xml.WriteAttributeString("min", Number(c + 1));
                xml.WriteAttributeString("max", Number(c + 1));
                xml.WriteAttributeString("width", width.ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("customWidth", "1");
                xml.WriteEndElement();
            }
            xml.WriteEndElement();

            xml.WriteStartElement("sheetData", Main);
            // A row is composed as markup in a reused buffer and handed to the writer in one call: the XmlWriter's
            // per-call checks, paid eight times per cell, were most of the time for a million cells.
            var markup = new RowMarkup();
            markup.StartRow(1);
            for (var c = 0; c < sheet.Columns.Count && c < columnCount; c++)
                markup.Text(letters[c], OpenXmlSpreadsheet.Clean(sheet.Columns[c].Header), HeaderStyle);
            markup.EndRow();
            markup.WriteTo(xml);

            var rowNumber = 1;
            var sinceFlush = 0;
            await foreach (var row in sheet.Rows.WithCancellation(cancellationToken))
            {
                if (rowNumber == MaxRows)
                    throw new InvalidOperationException($"The sheet \"{sheet.Name}\" has more rows than a workbook can hold.");
                rowNumber++;
                markup.StartRow(rowNumber);
                for (var c = 0; c < row.Count && c < columnCount; c++)
                    WriteCell(markup, letters[c], row[c], currencies);
                markup.EndRow();
                markup.WriteTo(xml);

                if (++sinceFlush == RowsPerFlush)
                {
                    sinceFlush = 0;
                    await pending.DrainAsync(cancellationToken);
                }
            }
            xml.WriteEndElement();

            range = $"$A$1:${letters[^1]}${Number(rowNumber)}";
            xml.WriteStartElement("autoFilter", Main);
            xml.WriteAttributeString("ref", range.Replace("$", string.Empty, StringComparison.Ordinal));
            xml.WriteEndElement();

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        await pending.DrainAsync(cancellationToken);
        return range;
    }

    private static void WriteCell(RowMarkup markup, string letters, WorkbookCell cell, Dictionary<string, int> currencies)
    {
        switch (cell.Kind)
        {
            case WorkbookCellKind.Text when !string.IsNullOrEmpty(cell.Text):
                markup.Text(letters, OpenXmlSpreadsheet.Clean(cell.Text), 0);
                break;
            case WorkbookCellKind.Number:
                markup.Number(letters, 0, cell.Number);
                break;
            case WorkbookCellKind.Count:
                markup.Number(letters, IntegerStyle, cell.Number);
                break;
            case WorkbookCellKind.Percent:
                markup.Number(letters, PercentStyle, cell.Number);
                break;
            case WorkbookCellKind.Date:
                markup.Number(letters, DateStyle, cell.Date.DayNumber - Epoch);
                break;
            case WorkbookCellKind.Money:
                markup.Number(letters, MoneyStyle(cell.Text, currencies), cell.Amount);
                break;
        }
    }

    private static int MoneyStyle(string? currency, Dictionary<string, int> currencies)
    {
        var code = currency is { Length: 3 } && currency.All(char.IsAsciiLetterUpper) ? currency : "EUR";
        if (!currencies.TryGetValue(code, out var style))
        {
            style = FirstMoneyStyle + currencies.Count;
            currencies.Add(code, style);
        }
        return style;
    }

    /// <summary>"#,##0.00 "EUR"", with as many decimals as the currency has (none for the CFA franc).</summary>
    private static string MoneyFormat(string currency)
    {
        var decimals = Currencies.IsKnown(currency) ? Currencies.Exponent(currency) : 2;
        return (decimals == 0 ? "#,##0" : "#,##0." + new string('0', decimals)) + "\\ \"" + currency + "\"";
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Names a spreadsheet accepts: at most 31 characters, none of []:*?/\, unique (case-insensitively).</summary>
    private static List<string> SheetNames(IReadOnlyList<WorkbookSheet> sheets)
    {
        var names = new List<string>();
        foreach (var sheet in sheets)
        {
            var name = new string(sheet.Name.Select(c => "[]:*?/\\".Contains(c) || char.IsControl(c) ? ' ' : c).ToArray()).Trim().Trim('\'');
            if (name.Length == 0) name = "Sheet";
            if (name.Length > MaxSheetName) name = name[..MaxSheetName];
            var unique = name;
            for (var n = 2; names.Contains(unique, StringComparer.OrdinalIgnoreCase); n++)
                unique = name[..Math.Min(name.Length, MaxSheetName - 4)] + " (" + Number(n) + ")";
            names.Add(unique);
        }
        return names;
    }

    private static async Task WritePartAsync(ZipArchive zip, PendingBytes pending, string path, Action<XmlWriter> write,
        CancellationToken cancellationToken)
    {
        using (var target = zip.CreateEntry(path, CompressionLevel.Fastest).Open())
        using (var xml = XmlWriter.Create(target, Settings))
        {
            xml.WriteStartDocument(true);
            write(xml);
            xml.WriteEndDocument();
        }
        await pending.DrainAsync(cancellationToken);
    }

    private static void Styles(XmlWriter xml, Dictionary<string, int> currencies)
    {
        var money = currencies.OrderBy(c => c.Value).Select(c => c.Key).ToList();
        xml.WriteStartElement("styleSheet", Main);

        xml.WriteStartElement("numFmts", Main);
        xml.WriteAttributeString("count", Number(2 + money.Count));
        NumberFormat(xml, FirstCustomFormat, DateFormat);
        NumberFormat(xml, FirstCustomFormat + 1, "0.0%");
        for (var i = 0; i < money.Count; i++) NumberFormat(xml, FirstCustomFormat + 2 + i, MoneyFormat(money[i]));
        xml.WriteEndElement();

        xml.WriteStartElement("fonts", Main);
        xml.WriteAttributeString("count", "2");
        Font(xml, bold: false);
        Font(xml, bold: true);
        xml.WriteEndElement();

        xml.WriteStartElement("fills", Main);
        xml.WriteAttributeString("count", "3");
        Fill(xml, "none", null);
        Fill(xml, "gray125", null);
        Fill(xml, "solid", "FFDDEBF7");
        xml.WriteEndElement();

        xml.WriteStartElement("borders", Main);
        xml.WriteAttributeString("count", "2");
        Border(xml, bottom: false);
        Border(xml, bottom: true);
        xml.WriteEndElement();

        xml.WriteStartElement("cellStyleXfs", Main);
        xml.WriteAttributeString("count", "1");
        Format(xml, 0, fontId: 0, fillId: 0, borderId: 0, isStyle: true);
        xml.WriteEndElement();

        xml.WriteStartElement("cellXfs", Main);
        xml.WriteAttributeString("count", Number(FirstMoneyStyle + money.Count));
        Format(xml, 0);
        Format(xml, 0, fontId: 1, fillId: 2, borderId: 1, header: true);
        Format(xml, 3);
        Format(xml, FirstCustomFormat);
        Format(xml, FirstCustomFormat + 1);
        for (var i = 0; i < money.Count; i++) Format(xml, FirstCustomFormat + 2 + i);
        xml.WriteEndElement();

        xml.WriteStartElement("cellStyles", Main);
        xml.WriteAttributeString("count", "1");
        xml.WriteStartElement("cellStyle", Main);
        xml.WriteAttributeString("name", "Normal");
        xml.WriteAttributeString("xfId", "0");
        xml.WriteAttributeString("builtinId", "0");
        xml.WriteEndElement();
        xml.WriteEndElement();

        xml.WriteEndElement();
    }

    private static void NumberFormat(XmlWriter xml, int id, string code)
    {
        xml.WriteStartElement("numFmt", Main);
        xml.WriteAttributeString("numFmtId", Number(id));
        xml.WriteAttributeString("formatCode", code);
        xml.WriteEndElement();
    }

    private static void Font(XmlWriter xml, bool bold)
    {
        xml.WriteStartElement("font", Main);
        if (bold) xml.WriteElementString("b", Main, string.Empty);
        xml.WriteStartElement("sz", Main);
        xml.WriteAttributeString("val", "11");
        xml.WriteEndElement();
        xml.WriteStartElement("name", Main);
        xml.WriteAttributeString("val", "Calibri");
        xml.WriteEndElement();
        xml.WriteStartElement("family", Main);
        xml.WriteAttributeString("val", "2");
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Fill(XmlWriter xml, string pattern, string? rgb)
    {
        xml.WriteStartElement("fill", Main);
        xml.WriteStartElement("patternFill", Main);
        xml.WriteAttributeString("patternType", pattern);
        if (rgb is not null)
        {
            xml.WriteStartElement("fgColor", Main);
            xml.WriteAttributeString("rgb", rgb);
            xml.WriteEndElement();
            xml.WriteStartElement("bgColor", Main);
            xml.WriteAttributeString("indexed", "64");
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Border(XmlWriter xml, bool bottom)
    {
        xml.WriteStartElement("border", Main);
        xml.WriteElementString("left", Main, string.Empty);
        xml.WriteElementString("right", Main, string.Empty);
        xml.WriteElementString("top", Main, string.Empty);
        xml.WriteStartElement("bottom", Main);
        if (bottom)
        {
            xml.WriteAttributeString("style", "thin");
            xml.WriteStartElement("color", Main);
            xml.WriteAttributeString("auto", "1");
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteElementString("diagonal", Main, string.Empty);
        xml.WriteEndElement();
    }

    private static void Format(XmlWriter xml, int numberFormat, int fontId = 0, int fillId = 0, int borderId = 0, bool header = false, bool isStyle = false)
    {
        xml.WriteStartElement("xf", Main);
        xml.WriteAttributeString("numFmtId", Number(numberFormat));
        xml.WriteAttributeString("fontId", Number(fontId));
        xml.WriteAttributeString("fillId", Number(fillId));
        xml.WriteAttributeString("borderId", Number(borderId));
        if (!isStyle) xml.WriteAttributeString("xfId", "0");
        if (numberFormat != 0) xml.WriteAttributeString("applyNumberFormat", "1");
        if (header)
        {
            xml.WriteAttributeString("applyFont", "1");
            xml.WriteAttributeString("applyFill", "1");
            xml.WriteAttributeString("applyBorder", "1");
            xml.WriteAttributeString("applyAlignment", "1");
            xml.WriteStartElement("alignment", Main);
            xml.WriteAttributeString("vertical", "center");
            xml.WriteAttributeString("wrapText", "1");
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static void Workbook(XmlWriter xml, List<string> names, List<string> ranges)
    {
        xml.WriteStartElement("workbook", Main);
        xml.WriteAttributeString("xmlns", "r", null, RelationshipsNs);
        xml.WriteStartElement("bookViews", Main);
        xml.WriteStartElement("workbookView", Main);
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteStartElement("sheets", Main);
        for (var i = 0; i < names.Count; i++)
        {
            xml.WriteStartElement("sheet", Main);
            xml.WriteAttributeString("name", names[i]);
            xml.WriteAttributeString("sheetId", Number(i + 1));
            xml.WriteAttributeString("id", RelationshipsNs, "rId" + Number(i + 1));
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        // The autofilter's hidden name, which spreadsheet programs expect next to each sheet's <autoFilter>.
        xml.WriteStartElement("definedNames", Main);
        for (var i = 0; i < names.Count; i++)
        {
            xml.WriteStartElement("definedName", Main);
            xml.WriteAttributeString("name", "_xlnm._FilterDatabase");
            xml.WriteAttributeString("localSheetId", Number(i));
            xml.WriteAttributeString("hidden", "1");
            xml.WriteString("'" + names[i].Replace("'", "''", StringComparison.Ordinal) + "'!" + ranges[i]);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WorkbookRelationships(XmlWriter xml, int sheetCount)
    {
        xml.WriteStartElement("Relationships", PackageRelationships);
        for (var i = 1; i <= sheetCount; i++)
            Relationship(xml, "rId" + Number(i), RelationshipsNs + "/worksheet", $"worksheets/sheet{i}.xml");
        Relationship(xml, "rId" + Number(sheetCount + 1), RelationshipsNs + "/styles", "styles.xml");
        xml.WriteEndElement();
    }

    private static void PackageRels(XmlWriter xml)
    {
        xml.WriteStartElement("Relationships", PackageRelationships);
        Relationship(xml, "rId1", RelationshipsNs + "/officeDocument", "xl/workbook.xml");
        xml.WriteEndElement();
    }

    private static void Relationship(XmlWriter xml, string id, string type, string target)
    {
        xml.WriteStartElement("Relationship", PackageRelationships);
        xml.WriteAttributeString("Id", id);
        xml.WriteAttributeString("Type", type);
        xml.WriteAttributeString("Target", target);
        xml.WriteEndElement();
    }

    private static void ContentTypes(XmlWriter xml, int sheetCount)
    {
        xml.WriteStartElement("Types", ContentTypesNs);
        Default(xml, "rels", "application/vnd.openxmlformats-package.relationships+xml");
        Default(xml, "xml", "application/xml");
        Override(xml, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
        Override(xml, "/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
        for (var i = 1; i <= sheetCount; i++)
            Override(xml, $"/xl/worksheets/sheet{i}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
        xml.WriteEndElement();

        static void Default(XmlWriter xml, string extension, string type)
        {
            xml.WriteStartElement("Default", ContentTypesNs);
            xml.WriteAttributeString("Extension", extension);
            xml.WriteAttributeString("ContentType", type);
            xml.WriteEndElement();
        }

        static void Override(XmlWriter xml, string part, string type)
        {
            xml.WriteStartElement("Override", ContentTypesNs);
            xml.WriteAttributeString("PartName", part);
            xml.WriteAttributeString("ContentType", type);
            xml.WriteEndElement();
        }
    }
}

/// <summary>A write-only, forward-only stream that keeps what the zip writes to it (synchronously) until
/// <see cref="DrainAsync"/> copies it to the real output asynchronously. It holds at most what was written between
/// two drains, so memory stays flat; it cannot seek, so the zip writes each entry's sizes after its data.</summary>
internal sealed class PendingBytes(Stream output) : Stream
{
    private readonly MemoryStream _pending = new();
    private long _position;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _pending.Write(buffer);
        _position += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>Nothing to do: bytes leave only through <see cref="DrainAsync"/>.</summary>
    public override void Flush() { }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        if (_pending.Length == 0) return;
        await output.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
        _pending.SetLength(0);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _pending.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>One row of a sheet as SpreadsheetML markup, composed in a buffer reused from row to row (it grows to
/// the longest row and stays there). The only text it escapes is cell text, already cleaned of the characters XML
/// forbids: &amp;, &lt; and &gt;, and the carriage return, which XML would otherwise turn into a line feed.</summary>
internal sealed class RowMarkup
{
    private static readonly SearchValues<char> Escaped = SearchValues.Create("&<>\r");
    private char[] _chars = new char[4096];
    private int _length;
    private string _row = "1";

    public void StartRow(int number)
    {
        _row = number.ToString(CultureInfo.InvariantCulture);
        Append("<row r=\"");
        Append(_row);
        Append("\">");
    }

    public void EndRow() => Append("</row>");

    /// <summary>An inline string: text to every spreadsheet program, whatever it starts with ("=1+1", "+33…", "@SUM(…)").</summary>
    public void Text(string letters, string text, int style)
    {
        StartCell(letters, style);
        Append("\" t=\"inlineStr\"><is><t");
        if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))) Append(" xml:space=\"preserve\"");
        Append(">");
        var rest = text.AsSpan();
        while (rest.Length > 0)
        {
            var next = rest.IndexOfAny(Escaped);
            if (next < 0)
            {
                Append(rest);
                break;
            }
            Append(rest[..next]);
            Append(rest[next] switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => "&#xD;" });
            rest = rest[(next + 1)..];
        }
        Append("</t></is></c>");
    }

    public void Number<T>(string letters, int style, T value) where T : ISpanFormattable
    {
        StartCell(letters, style);
        Append("\"><v>");
        Ensure(64);
        // A double is written with every digit it needs to read back the same ("R"); integers and decimals as they are.
        var format = value is double ? "R" : default;
        if (!value.TryFormat(_chars.AsSpan(_length), out var written, format, CultureInfo.InvariantCulture))
            throw new InvalidOperationException("A number did not fit its buffer.");
        _length += written;
        Append("</v></c>");
    }

    /// <summary>Opens &lt;c r="B12" s="3" and leaves the last attribute's quote open.</summary>
    private void StartCell(string letters, int style)
    {
        Append("<c r=\"");
        Append(letters);
        Append(_row);
        if (style != 0)
        {
            Append("\" s=\"");
            Ensure(11);
            style.TryFormat(_chars.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
            _length += written;
        }
    }

    public void WriteTo(XmlWriter xml)
    {
        xml.WriteRaw(_chars, 0, _length);
        _length = 0;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        Ensure(text.Length);
        text.CopyTo(_chars.AsSpan(_length));
        _length += text.Length;
    }

    private void Ensure(int more)
    {
        if (_length + more <= _chars.Length) return;
        Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + more));
    }
}
