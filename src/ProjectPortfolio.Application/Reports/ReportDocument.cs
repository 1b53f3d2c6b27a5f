namespace ProjectPortfolio.Application.Reports;

/// <summary>A report as a flow of blocks, independent of the PDF library: the report code says what to show,
/// the engine (<see cref="IPdfDocumentBuilder"/>) decides where it goes on the A4 pages. Every text is
/// already in the report's language and already formatted (amounts, dates).</summary>
/// <param name="Title">Shown at the foot of every page and stored as the PDF's title.</param>
/// <param name="Language">"fr" or "en": the language of the page furniture ("Page 1 / 3", the generation date).</param>
/// <param name="GeneratedAt">Printed in the page header.</param>
public sealed record ReportDocument(string Title, string Language, DateTimeOffset GeneratedAt, IReadOnlyList<ReportBlock> Blocks)
{
    /// <summary>The PDF's subject (document properties); optional.</summary>
    public string? Subject { get; init; }
}

public abstract record ReportBlock;

/// <summary>A heading: level 1 is the report's title, level 2 a section, level 3 a sub-section. The engine
/// never leaves a heading alone at the bottom of a page.</summary>
public sealed record Heading(string Text, int Level = 2) : ReportBlock;

/// <summary>Running text, wrapped to the page width. A line feed starts a new line.</summary>
public sealed record Paragraph(string Text, TextTone Tone = TextTone.Normal) : ReportBlock;

/// <summary>Label–value pairs in two aligned columns (the identity of a project).</summary>
public sealed record KeyValueBlock(IReadOnlyList<KeyValueItem> Items) : ReportBlock;

public sealed record KeyValueItem(string Label, string Value, TextTone Tone = TextTone.Normal);

/// <summary>A table whose rows may run over several pages: the header row is repeated at the top of each page.
/// Column widths are relative; a cell's text is wrapped within its column.</summary>
public sealed record Table(IReadOnlyList<TableColumn> Columns, IReadOnlyList<TableRow> Rows) : ReportBlock
{
    /// <summary>Rows drawn after the body in bold above a rule (totals).</summary>
    public IReadOnlyList<TableRow> Footer { get; init; } = [];
}

public sealed record TableColumn(string Header, double Width = 1, CellAlignment Alignment = CellAlignment.Left);

public sealed record TableRow(IReadOnlyList<TableCell> Cells)
{
    public static TableRow Of(params string[] texts) => new(texts.Select(t => new TableCell(t)).ToList());
}

public sealed record TableCell(string Text, TextTone Tone = TextTone.Normal)
{
    public static implicit operator TableCell(string text) => new(text);
}

public enum CellAlignment { Left, Right, Center }

/// <summary>How a text stands out: muted (notes), strong (bold), good or bad news (colours).</summary>
public enum TextTone { Normal, Muted, Strong, Positive, Negative }

/// <summary>Horizontal bars, one per item, each filled to its <see cref="BarItem.Fraction"/> (0 to 1). A progress
/// chart's fractions are achieved / target, and a bar at 100 % or more is drawn full in the "reached" colour; a
/// comparison chart's are value / largest value, all in one colour.</summary>
public sealed record BarChart(IReadOnlyList<BarItem> Items) : ReportBlock
{
    public BarChartStyle Style { get; init; } = BarChartStyle.Progress;

    /// <summary>A short line under the chart that says what the bars measure.</summary>
    public string? Caption { get; init; }
}

public enum BarChartStyle { Progress, Comparison }

public sealed record BarItem(string Label, double Fraction, string ValueText);

/// <summary>One wide progress bar with a label above it and the value on its right.</summary>
public sealed record ProgressBar(string Label, double Fraction, string ValueText) : ReportBlock;

/// <summary>What follows starts on a new page (unless the current page is still empty).</summary>
public sealed record PageBreak : ReportBlock;

/// <summary>Blank space, in points.</summary>
public sealed record Spacer(double Height) : ReportBlock;

/// <summary>Renders a report to PDF bytes: A4 portrait, 20 mm margins, a header (the association, the generation
/// date) and a footer (the report's title, "Page x / y") on every page, fonts embedded.</summary>
public interface IPdfDocumentBuilder
{
    byte[] Build(ReportDocument document);
}
