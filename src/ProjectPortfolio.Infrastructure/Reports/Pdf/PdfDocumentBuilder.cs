using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using ProjectPortfolio.Application.Common.Formatting;
using ProjectPortfolio.Application.Reports;

namespace ProjectPortfolio.Infrastructure.Reports.Pdf;

/// <summary>Lays a <see cref="ReportDocument"/> out on A4 pages with PDFsharp. Thread-safe: each call has its
/// own document and layout state.</summary>
public sealed class PdfDocumentBuilder(IOptions<ReportOptions> options) : IPdfDocumentBuilder
{
    public byte[] Build(ReportDocument document)
    {
        PdfSharpSetup.EnsureInitialised();
        using var writer = new PdfReportWriter(document, options.Value.Organisation);
        return writer.Write();
    }
}

/// <summary>One pass from top to bottom: every block is measured once and drawn at the current position; a
/// block that does not fit continues on a new page (tables repeat their header row there). Nothing already
/// placed is ever moved, so the cost is linear in the size of the report. Page headers and footers are drawn
/// last, when the number of pages is known ("Page x / y"), on top of each finished page.</summary>
internal sealed class PdfReportWriter : IDisposable
{
    private const double CellPaddingX = 4;
    private const double CellPaddingY = 3;
    private const double KeepWithNextAtMost = 120;
    private const double BarHeight = 9;

    private readonly ReportDocument _report;
    private readonly string _organisation;
    private readonly PdfTheme _theme = new();
    private readonly TextMeasurer _measure = new(PdfTheme.PageWidth, PdfTheme.PageHeight);
    private readonly PdfDocument _document = new();
    private XGraphics? _gfx;
    private double _y;

    public PdfReportWriter(ReportDocument report, string organisation)
    {
        _report = report;
        _organisation = string.IsNullOrWhiteSpace(organisation) ? ReportOptions.DefaultOrganisation : organisation;
    }

    private XGraphics Gfx => _gfx ?? throw new InvalidOperationException("No page is open.");

    private bool AtPageTop => _gfx is not null && _y <= PdfTheme.BodyTop + 0.01;

    public byte[] Write()
    {
        _document.Info.Title = _report.Title;
        _document.Info.Author = _organisation;
        _document.Info.Subject = _report.Subject ?? _report.Title;
        _document.Info.Creator = "ProjectPortfolio (PDFsharp)";
        _document.Info.CreationDate = _report.GeneratedAt.UtcDateTime;

        NewPage();
        for (var b = 0; b < _report.Blocks.Count; b++)
        {
            var block = _report.Blocks[b];
            switch (block)
            {
                case Heading heading: DrawHeading(heading, Block(b + 1), Block(b + 2)); break;
                case Paragraph paragraph: DrawParagraph(paragraph); break;
                case KeyValueBlock keyValues: DrawKeyValues(keyValues, Block(b + 1)); break;
                case Table table: DrawTable(table); break;
                case BarChart chart: DrawBarChart(chart); break;
                case ProgressBar bar: DrawProgressBar(bar); break;
                case Spacer spacer: Gap(spacer.Height); break;
                case PageBreak: FillPage(); break;
                default: throw new NotSupportedException($"The PDF engine cannot draw a {block.GetType().Name}.");
            }
        }
        _gfx?.Dispose();
        _gfx = null;

        DecoratePages();
        using var stream = new MemoryStream();
        _document.Save(stream, false);
        return stream.ToArray();
    }

    // ---- pages -------------------------------------------------------------------------------------------

    private void NewPage()
    {
        _gfx?.Dispose();
        var page = _document.AddPage();
        page.Width = XUnit.FromPoint(PdfTheme.PageWidth);
        page.Height = XUnit.FromPoint(PdfTheme.PageHeight);
        _gfx = XGraphics.FromPdfPage(page);
        _y = PdfTheme.BodyTop;
    }

    private double Room => PdfTheme.BodyBottom - _y;

    /// <summary>Starts a new page unless <paramref name="height"/> fits below the current position (or the page is
    /// still empty, where waiting would not help).</summary>
    private void Ensure(double height)
    {
        if (height > Room && !AtPageTop) NewPage();
    }

    /// <summary>Vertical space between blocks; none at the top of a page. Space that does not fit ends the page, but
    /// the next page is only opened by what is drawn next: a report never ends with an empty page.</summary>
    private void Gap(double height)
    {
        if (AtPageTop) return;
        if (height >= Room) FillPage();
        else _y += height;
    }

    /// <summary>Marks the current page as full (unless it is still empty), so that whatever comes next opens a new page.</summary>
    private void FillPage()
    {
        if (!AtPageTop) _y = PdfTheme.BodyBottom;
    }

    private void DecoratePages()
    {
        var count = _document.PageCount;
        var generated = (_report.Language == "en" ? "Generated on " : "Généré le ")
                        + Formats.Date(DateOnly.FromDateTime(_report.GeneratedAt.UtcDateTime), Formats.CultureFor(_report.Language));
        var generatedWidth = _measure.Width(generated, _theme.Small);
        var organisation = _measure.Ellipsis(_organisation, _theme.SmallBold, PdfTheme.ContentWidth - generatedWidth - 16);
        var lastLabel = $"Page {count} / {count}";
        var title = _measure.Ellipsis(_report.Title, _theme.Small, PdfTheme.ContentWidth - _measure.Width(lastLabel, _theme.Small) - 24);
        var headerRule = new XPen(PdfTheme.Primary, 0.8);
        var footerRule = new XPen(PdfTheme.Rule, 0.5);

        for (var i = 0; i < count; i++)
        {
            using var gfx = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
            gfx.DrawString(organisation, _theme.SmallBold, PdfTheme.PrimaryBrush, PdfTheme.ContentLeft, PdfTheme.HeaderBaseline, XStringFormats.BaseLineLeft);
            gfx.DrawString(generated, _theme.Small, PdfTheme.MutedBrush, PdfTheme.ContentRight, PdfTheme.HeaderBaseline, XStringFormats.BaseLineRight);
            gfx.DrawLine(headerRule, PdfTheme.ContentLeft, PdfTheme.HeaderRule, PdfTheme.ContentRight, PdfTheme.HeaderRule);

            gfx.DrawLine(footerRule, PdfTheme.ContentLeft, PdfTheme.FooterRule, PdfTheme.ContentRight, PdfTheme.FooterRule);
            gfx.DrawString(title, _theme.Small, PdfTheme.MutedBrush, PdfTheme.ContentLeft, PdfTheme.FooterBaseline, XStringFormats.BaseLineLeft);
            gfx.DrawString($"Page {i + 1} / {count}", _theme.Small, PdfTheme.InkBrush, PdfTheme.ContentRight, PdfTheme.FooterBaseline, XStringFormats.BaseLineRight);
        }
    }

    // ---- text blocks -------------------------------------------------------------------------------------

    private void DrawLines(IReadOnlyList<TextLine> lines, XFont font, XBrush brush, double x)
    {
        var lineHeight = PdfTheme.LineHeight(font);
        foreach (var line in lines)
        {
            if (lineHeight > Room) NewPage();
            Gfx.DrawString(line.Text, font, brush, x, _y + PdfTheme.Ascent(font), XStringFormats.BaseLineLeft);
            _y += lineHeight;
        }
    }

    private ReportBlock? Block(int index) => index < _report.Blocks.Count ? _report.Blocks[index] : null;

    private void DrawHeading(Heading heading, ReportBlock? next, ReportBlock? afterNext)
    {
        var (font, before, after, brush) = Style(heading);
        var lines = _measure.Wrap(heading.Text, font, PdfTheme.ContentWidth);
        var height = lines.Count * PdfTheme.LineHeight(font) + after;
        Gap(before);
        // A heading is never the last thing on a page: it needs room for the start of what follows.
        Ensure(height + StartOf(next, afterNext));
        DrawLines(lines, font, brush, PdfTheme.ContentLeft);
        if (heading.Level == 2)
        {
            Gfx.DrawLine(new XPen(PdfTheme.Rule, 0.6), PdfTheme.ContentLeft, _y + 1, PdfTheme.ContentRight, _y + 1);
        }
        _y += after;
    }

    private (XFont Font, double Before, double After, XBrush Brush) Style(Heading heading) => heading.Level switch
    {
        <= 1 => (_theme.Heading1, 4.0, 8.0, PdfTheme.InkBrush),
        2 => (_theme.Heading2, 16.0, 6.0, PdfTheme.PrimaryBrush),
        _ => (_theme.Heading3, 10.0, 4.0, PdfTheme.InkBrush),
    };

    /// <summary>The height of the first piece of a block that must follow its heading on the same page: two lines of
    /// a paragraph, a table's header and first row, a small chart or key-value block whole. An estimate, capped
    /// (except for a key-value block kept whole), read from one block ahead: it costs one extra measure of a row, or
    /// of a small key-value block, at most. A key-value block kept whole also brings the start of the table that
    /// follows it (<paramref name="afterNext"/>).</summary>
    private double StartOf(ReportBlock? next, ReportBlock? afterNext = null)
    {
        var height = next switch
        {
            null => 0,
            Paragraph => 2 * PdfTheme.LineHeight(_theme.Body) + 4,
            KeyValueBlock { Items.Count: > 0 } keyValues when WholeHeight(MeasureKeyValues(keyValues).Rows) is > 0 and var whole =>
                4 + whole + (afterNext is Table ? StartOf(afterNext) : 0),
            KeyValueBlock => 2 * (PdfTheme.LineHeight(_theme.Body) + 2 * CellPaddingY) + 4,
            Table table => 6 + Measure(Columns(table.Columns), table.Columns.Select(c => new TableCell(c.Header)).ToList(), _ => _theme.CellBold).Height
                           + (table.Rows.Count > 0 ? Measure(Columns(table.Columns), table.Rows[0].Cells, c => _theme.CellFont(c.Tone)).Height : 0),
            BarChart chart => 6 + Math.Min(chart.Items.Count, 4) * (PdfTheme.LineHeight(_theme.Cell) + 6) + (chart.Caption is null ? 0 : PdfTheme.LineHeight(_theme.CellItalic)),
            ProgressBar => 8 + PdfTheme.LineHeight(_theme.BodyBold) + 6 + BarHeight,
            Heading heading => Style(heading).Before + PdfTheme.LineHeight(Style(heading).Font) + 2 * PdfTheme.LineHeight(_theme.Body),
            _ => 2 * PdfTheme.LineHeight(_theme.Body),
        };
        // A block kept whole must come whole after its heading; the others need only their first lines.
        return next is KeyValueBlock ? height : Math.Min(height, KeepWithNextAtMost);
    }

    private void DrawParagraph(Paragraph paragraph)
    {
        var font = _theme.BodyFont(paragraph.Tone);
        Gap(4);
        DrawLines(_measure.Wrap(paragraph.Text, font, PdfTheme.ContentWidth), font, PdfTheme.Brush(paragraph.Tone), PdfTheme.ContentLeft);
    }

    // ---- grids: key-value blocks and tables ----------------------------------------------------------------

    /// <summary>A row measured once: the wrapped lines of each cell, with the font and colour to draw them in.</summary>
    private sealed record RowLayout(IReadOnlyList<TextLine>[] Cells, XFont[] Fonts, XBrush[] Brushes)
    {
        public int LineCount { get; } = Cells.Max(c => c.Count);
        public double LineHeight { get; } = Fonts.Max(PdfTheme.LineHeight);
        public double Height => LineCount * LineHeight + 2 * CellPaddingY;
    }

    private sealed record Grid(double[] X, double[] Widths, CellAlignment[] Alignments);

    /// <summary>Column widths from the relative widths, then widened where a header word would not fit (a header is
    /// never cut inside a word), the space taken from the columns that have some to spare.</summary>
    private Grid Columns(IReadOnlyList<TableColumn> columns)
    {
        var relative = columns.Select(c => c.Width > 0 ? c.Width : 1).ToArray();
        var total = relative.Sum();
        var widths = relative.Select(w => PdfTheme.ContentWidth * w / total).ToArray();
        var minimum = columns.Select(c => c.Header.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => _measure.Width(word, _theme.CellBold)).DefaultIfEmpty(0).Max() + 2 * CellPaddingX + 1).ToArray();
        var deficit = widths.Select((w, i) => Math.Max(minimum[i] - w, 0)).Sum();
        var slack = widths.Select((w, i) => Math.Max(w - minimum[i], 0)).ToArray();
        var totalSlack = slack.Sum();
        if (deficit > 0 && totalSlack > deficit)
        {
            for (var i = 0; i < widths.Length; i++)
                widths[i] = widths[i] < minimum[i] ? minimum[i] : widths[i] - deficit * slack[i] / totalSlack;
        }
        var x = new double[widths.Length];
        x[0] = PdfTheme.ContentLeft;
        for (var i = 1; i < widths.Length; i++) x[i] = x[i - 1] + widths[i - 1];
        return new Grid(x, widths, columns.Select(c => c.Alignment).ToArray());
    }

    private RowLayout Measure(Grid grid, IReadOnlyList<TableCell> cells, Func<TableCell, XFont> font)
    {
        var lines = new IReadOnlyList<TextLine>[grid.Widths.Length];
        var fonts = new XFont[grid.Widths.Length];
        var brushes = new XBrush[grid.Widths.Length];
        for (var i = 0; i < grid.Widths.Length; i++)
        {
            var cell = i < cells.Count ? cells[i] : new TableCell(string.Empty);
            fonts[i] = font(cell);
            brushes[i] = PdfTheme.Brush(cell.Tone);
            lines[i] = _measure.Wrap(cell.Text, fonts[i], grid.Widths[i] - 2 * CellPaddingX);
        }
        return new RowLayout(lines, fonts, brushes);
    }

    /// <summary>Draws a row, on this page if it fits, else on the next one (after <paramref name="onNewPage"/>,
    /// which repeats a table's header). A row taller than a whole page is split between its lines.</summary>
    private void DrawRow(Grid grid, RowLayout row, XBrush? fill, XPen? ruleBelow, Action? onNewPage)
    {
        var freshPageRoom = PdfTheme.BodyBottom - PdfTheme.BodyTop - (onNewPage is null ? 0 : 40);
        if (row.Height > Room && row.Height <= freshPageRoom && !AtPageTop)
        {
            NewPage();
            onNewPage?.Invoke();
        }

        var first = 0;
        while (first < row.LineCount)
        {
            var fitting = (int)Math.Floor((Room - 2 * CellPaddingY) / row.LineHeight);
            if (fitting < 1)
            {
                NewPage();
                onNewPage?.Invoke();
                continue;
            }
            var take = Math.Min(fitting, row.LineCount - first);
            var height = take * row.LineHeight + 2 * CellPaddingY;
            if (fill is not null) Gfx.DrawRectangle(fill, PdfTheme.ContentLeft, _y, PdfTheme.ContentWidth, height);
            for (var c = 0; c < grid.Widths.Length; c++)
            {
                var lines = row.Cells[c];
                for (var l = first; l < Math.Min(first + take, lines.Count); l++)
                {
                    var line = lines[l];
                    var x = grid.Alignments[c] switch
                    {
                        CellAlignment.Right => grid.X[c] + grid.Widths[c] - CellPaddingX - line.Width,
                        CellAlignment.Center => grid.X[c] + (grid.Widths[c] - line.Width) / 2,
                        _ => grid.X[c] + CellPaddingX,
                    };
                    var baseline = _y + CellPaddingY + (l - first) * row.LineHeight + PdfTheme.Ascent(row.Fonts[c]);
                    Gfx.DrawString(line.Text, row.Fonts[c], row.Brushes[c], x, baseline, XStringFormats.BaseLineLeft);
                }
            }
            _y += height;
            if (ruleBelow is not null) Gfx.DrawLine(ruleBelow, PdfTheme.ContentLeft, _y, PdfTheme.ContentRight, _y);
            first += take;
            if (first < row.LineCount)
            {
                NewPage();
                onNewPage?.Invoke();
            }
        }
    }

    private (Grid Grid, List<RowLayout> Rows) MeasureKeyValues(KeyValueBlock block)
    {
        // At least a quarter of the width, so that consecutive blocks line up in the usual case.
        var labelWidth = Math.Clamp(block.Items.Max(i => _measure.Width(i.Label, _theme.Body)) + 2 * CellPaddingX + 10,
            PdfTheme.ContentWidth * 0.25, PdfTheme.ContentWidth * 0.38);
        var grid = new Grid([PdfTheme.ContentLeft, PdfTheme.ContentLeft + labelWidth], [labelWidth, PdfTheme.ContentWidth - labelWidth],
            [CellAlignment.Left, CellAlignment.Left]);
        var rows = block.Items.Select(item =>
        {
            var row = Measure(grid, [new TableCell(item.Label, TextTone.Muted), new TableCell(item.Value, item.Tone)],
                cell => cell.Tone == TextTone.Muted ? _theme.Body : _theme.BodyFont(cell.Tone));
            row.Brushes[0] = PdfTheme.MutedBrush;
            return row;
        }).ToList();
        return (grid, rows);
    }

    /// <summary>A key-value block of a third of a page or less is kept whole (a project's identity is read at once);
    /// a longer one breaks between rows.</summary>
    private static double WholeHeight(IEnumerable<RowLayout> rows)
    {
        var height = rows.Sum(r => r.Height);
        return height <= (PdfTheme.BodyBottom - PdfTheme.BodyTop) / 3 ? height : 0;
    }

    /// <summary>A key-value block kept whole stays with the header and first row of a table right after it (a
    /// project's identity and its indicators).</summary>
    private void DrawKeyValues(KeyValueBlock block, ReportBlock? next)
    {
        if (block.Items.Count == 0) return;
        var (grid, rows) = MeasureKeyValues(block);
        var rule = new XPen(PdfTheme.Track, 0.5);
        Gap(4);
        if (WholeHeight(rows) is > 0 and var whole) Ensure(whole + (next is Table ? StartOf(next) : 0));
        foreach (var row in rows) DrawRow(grid, row, null, rule, null);
    }

    private void DrawTable(Table table)
    {
        var grid = Columns(table.Columns);
        var header = Measure(grid, table.Columns.Select(c => new TableCell(c.Header)).ToList(), _ => _theme.CellBold);
        for (var i = 0; i < header.Brushes.Length; i++) header.Brushes[i] = PdfTheme.PrimaryBrush;
        var headerFill = new XSolidBrush(PdfTheme.PrimaryLight);
        var headerRule = new XPen(PdfTheme.Primary, 0.8);
        var rowRule = new XPen(PdfTheme.Rule, 0.4);
        var zebra = new XSolidBrush(PdfTheme.Zebra);

        void DrawHeader() => DrawRow(grid, header, headerFill, headerRule, null);

        Gap(6);
        // Totals are measured first, so that the last row does not leave them alone at the top of the next page.
        var footers = table.Footer.Select(f => Measure(grid, f.Cells, cell => _theme.CellFont(cell.Tone, bold: true))).ToList();
        var footerHeight = footers.Sum(f => f.Height);
        var count = table.Rows.Count;
        for (var index = 0; index < count; index++)
        {
            var row = Measure(grid, table.Rows[index].Cells, cell => _theme.CellFont(cell.Tone));
            if (index == 0)
            {
                // The header never stands alone at the foot of a page.
                Ensure(header.Height + Math.Min(row.Height, 60) + (count == 1 ? footerHeight : 0));
                DrawHeader();
            }
            if (index == count - 1 && footerHeight > 0 && row.Height + footerHeight <= PdfTheme.BodyBottom - PdfTheme.BodyTop - header.Height
                && row.Height + footerHeight > Room && !AtPageTop)
            {
                NewPage();
                DrawHeader();
            }
            DrawRow(grid, row, index % 2 == 1 ? zebra : null, rowRule, DrawHeader);
        }
        if (count == 0)
        {
            Ensure(header.Height + footerHeight);
            DrawHeader();
        }

        for (var f = 0; f < footers.Count; f++)
        {
            if (f == 0)
            {
                if (footers[0].Height > Room)
                {
                    NewPage();
                    DrawHeader();
                }
                Gfx.DrawLine(new XPen(PdfTheme.Ink, 0.8), PdfTheme.ContentLeft, _y, PdfTheme.ContentRight, _y);
            }
            DrawRow(grid, footers[f], null, null, DrawHeader);
        }
    }

    // ---- charts ------------------------------------------------------------------------------------------

    private void DrawBar(double x, double y, double width, double fraction, bool progress = true)
    {
        Gfx.DrawRectangle(new XSolidBrush(PdfTheme.Track), x, y, width, BarHeight);
        var clamped = double.IsFinite(fraction) ? Math.Clamp(fraction, 0, 1) : 0;
        if (clamped > 0)
            Gfx.DrawRectangle(progress && fraction >= 1 ? PdfTheme.PositiveBrush : PdfTheme.PrimaryBrush, x, y, Math.Max(width * clamped, 1), BarHeight);
    }

    private void DrawBarChart(BarChart chart)
    {
        if (chart.Items.Count == 0) return;
        var font = _theme.Cell;
        var lineHeight = PdfTheme.LineHeight(font);
        var labelWidth = PdfTheme.ContentWidth * 0.36;
        var valueWidth = Math.Min(chart.Items.Max(i => _measure.Width(i.ValueText, font)) + 8, PdfTheme.ContentWidth * 0.32);
        var trackX = PdfTheme.ContentLeft + labelWidth + 8;
        var trackWidth = PdfTheme.ContentRight - valueWidth - trackX;

        var rows = chart.Items.Select(item => (Item: item, Label: _measure.Wrap(item.Label, font, labelWidth), Value: _measure.Wrap(item.ValueText, font, valueWidth - 8)))
            .Select(r => (r.Item, r.Label, r.Value, Height: Math.Max(r.Label.Count, r.Value.Count) * lineHeight + 6)).ToList();
        var caption = chart.Caption is null ? [] : _measure.Wrap(chart.Caption, _theme.CellItalic, PdfTheme.ContentWidth);
        var total = rows.Sum(r => r.Height) + caption.Count * PdfTheme.LineHeight(_theme.CellItalic);

        Gap(6);
        // A chart of a third of a page or less is kept whole; a longer one breaks between bars.
        if (total <= (PdfTheme.BodyBottom - PdfTheme.BodyTop) / 3) Ensure(total);
        foreach (var (item, label, value, height) in rows)
        {
            Ensure(height);
            var top = _y;
            for (var l = 0; l < label.Count; l++)
                Gfx.DrawString(label[l].Text, font, PdfTheme.InkBrush, PdfTheme.ContentLeft, top + l * lineHeight + PdfTheme.Ascent(font), XStringFormats.BaseLineLeft);
            DrawBar(trackX, top + (lineHeight - BarHeight) / 2 + 0.5, trackWidth, item.Fraction, chart.Style == BarChartStyle.Progress);
            for (var l = 0; l < value.Count; l++)
                Gfx.DrawString(value[l].Text, font, PdfTheme.InkBrush, trackX + trackWidth + 8, top + l * lineHeight + PdfTheme.Ascent(font), XStringFormats.BaseLineLeft);
            _y = top + height;
        }
        DrawLines(caption, _theme.CellItalic, PdfTheme.MutedBrush, PdfTheme.ContentLeft);
    }

    private void DrawProgressBar(ProgressBar bar)
    {
        var valueWidth = _measure.Width(bar.ValueText, _theme.Cell);
        var label = _measure.Wrap(bar.Label, _theme.BodyBold, Math.Max(PdfTheme.ContentWidth - valueWidth - 12, PdfTheme.ContentWidth / 2));
        var lineHeight = PdfTheme.LineHeight(_theme.BodyBold);
        Gap(8);
        Ensure(label.Count * lineHeight + 4 + BarHeight + 4);
        var top = _y;
        Gfx.DrawString(bar.ValueText, _theme.Cell, PdfTheme.MutedBrush, PdfTheme.ContentRight, top + PdfTheme.Ascent(_theme.BodyBold), XStringFormats.BaseLineRight);
        DrawLines(label, _theme.BodyBold, PdfTheme.InkBrush, PdfTheme.ContentLeft);
        _y += 2;
        DrawBar(PdfTheme.ContentLeft, _y, PdfTheme.ContentWidth, bar.Fraction);
        _y += BarHeight + 4;
    }

    public void Dispose()
    {
        _gfx?.Dispose();
        _measure.Dispose();
        _document.Dispose();
    }
}
