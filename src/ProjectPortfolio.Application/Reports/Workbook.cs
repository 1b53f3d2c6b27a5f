namespace ProjectPortfolio.Application.Reports;

/// <summary>How a cell's value is typed and shown in a report workbook. Every kind but <see cref="Text"/> is a
/// number in the file, so that a reader can sum, sort and filter it.</summary>
public enum WorkbookCellKind { Empty, Text, Number, Count, Date, Money, Percent }

/// <summary>A value of a report workbook. Text is always written as text, never as a formula, whatever it starts
/// with ("=1+1" stays "=1+1"); a date is a real date; money is an amount in major units with its ISO currency.</summary>
public readonly record struct WorkbookCell(WorkbookCellKind Kind, string? Text, double Number, decimal Amount, DateOnly Date)
{
    public static WorkbookCell Blank => default;

    public static WorkbookCell Of(string? text) => text is null ? Blank : new(WorkbookCellKind.Text, text, 0, 0, default);

    /// <summary>A measured value, a target: shown as typed (decimals only when it has some).</summary>
    public static WorkbookCell Of(double? number) =>
        number is { } n && double.IsFinite(n) ? new(WorkbookCellKind.Number, null, n, 0, default) : Blank;

    /// <summary>A count: shown with thousands separators.</summary>
    public static WorkbookCell Count(long? number) => number is { } n ? new(WorkbookCellKind.Count, null, n, 0, default) : Blank;

    public static WorkbookCell Of(DateOnly? date) => date is { } d ? new(WorkbookCellKind.Date, null, 0, 0, d) : Blank;

    /// <summary>An amount in major units of <paramref name="currency"/>, shown with the currency's decimals and code.</summary>
    public static WorkbookCell Money(decimal? amount, string currency) =>
        amount is { } a ? new(WorkbookCellKind.Money, currency, 0, a, default) : Blank;

    /// <summary>A fraction (0.5 is 50 %).</summary>
    public static WorkbookCell Percent(double? fraction) =>
        fraction is { } f && double.IsFinite(f) ? new(WorkbookCellKind.Percent, null, f, 0, default) : Blank;
}

/// <summary>A column: its header (the first row, bold, frozen, with an autofilter) and its width in characters.</summary>
public sealed record WorkbookColumn(string Header, double Width);

/// <summary>One sheet. <see cref="Rows"/> is enumerated once, while writing, so that rows stream from the database
/// to the file without being held in memory; each row has at most as many cells as there are columns.</summary>
public sealed record WorkbookSheet(string Name, IReadOnlyList<WorkbookColumn> Columns, IAsyncEnumerable<IReadOnlyList<WorkbookCell>> Rows);

/// <summary>Writes report workbooks (.xlsx) as a stream: the memory used does not grow with the number of rows,
/// and the output may be a network stream that cannot seek (the HTTP response). See docs/adr/0010.</summary>
public interface IWorkbookWriter
{
    Task WriteAsync(Stream output, IReadOnlyList<WorkbookSheet> sheets, CancellationToken cancellationToken);
}

/// <summary>A workbook to send while it is written: nothing is produced before <see cref="WriteAsync"/> runs, so a
/// download starts at once and its size is not known in advance.</summary>
public sealed record WorkbookDownload(string FileName, Func<Stream, CancellationToken, Task> WriteAsync)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}
