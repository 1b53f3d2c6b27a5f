namespace ProjectPortfolio.Application.Measurements.Import;

/// <summary>How a written cell looks: plain, a column header, a cell to fill with a number, or a cell that must
/// stay empty (a disaggregation the indicator does not allow, greyed out).</summary>
public enum OutStyle { Plain, Header, Input, Disabled, Wrapped }

/// <summary>A value to write. Text is always written as text, never as a formula, whatever it starts with.</summary>
public readonly record struct OutCell(string? Text, double? Number, OutStyle Style)
{
    public static OutCell Of(string? text, OutStyle style = OutStyle.Plain) => new(text, null, style);
    public static OutCell Empty(OutStyle style) => new(null, null, style);
}

public sealed record OutColumn(string Header, double Width, bool Input = false);

/// <summary>One sheet to write. <see cref="Rows"/> is enumerated once, while writing, so that a large template
/// streams from the database to the file without being held in memory.</summary>
public sealed record OutSheet(string Name, IReadOnlyList<OutColumn> Columns, IAsyncEnumerable<IReadOnlyList<OutCell>> Rows, bool HeaderRow = true);

public enum InCellKind { Text, Number, Boolean, Error, Formula }

/// <summary>A cell read from an uploaded workbook; <see cref="Column"/> is 1-based (A = 1). Empty cells are not listed.</summary>
public sealed record InCell(int Column, InCellKind Kind, string Text, double? Number);

/// <summary>A row read from an uploaded workbook; <see cref="Number"/> is the row number a spreadsheet shows (1-based).</summary>
public sealed record InRow(int Number, IReadOnlyList<InCell> Cells)
{
    public InCell? this[int column] => Cells.FirstOrDefault(c => c.Column == column);
}

/// <summary>The rows of a workbook's first sheet. <see cref="TooManyRows"/> says reading stopped at the limit.</summary>
public sealed record InSheet(IReadOnlyList<InRow> Rows, bool TooManyRows);

/// <summary>The file is not a workbook that can be read (corrupt, encrypted, no sheet, a part too large).</summary>
public class SpreadsheetUnreadableException : Exception
{
    public SpreadsheetUnreadableException() { }
    public SpreadsheetUnreadableException(string message) : base(message) { }
    public SpreadsheetUnreadableException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>Excel workbooks (.xlsx). The implementation lives in Infrastructure so that the Open XML library stays
/// out of Application and Domain.</summary>
public interface ISpreadsheet
{
    /// <summary>Writes the sheets, in order, to <paramref name="output"/> (which must be seekable: a package is a zip).</summary>
    Task WriteAsync(Stream output, IReadOnlyList<OutSheet> sheets, CancellationToken cancellationToken);

    /// <summary>Reads the non-empty cells of the first sheet, at most <paramref name="maxRows"/> non-empty rows.
    /// Throws <see cref="SpreadsheetUnreadableException"/> when the file cannot be read.</summary>
    InSheet ReadFirstSheet(Stream content, int maxRows);
}
