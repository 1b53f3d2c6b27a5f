using System.Text;
using PdfSharp.Drawing;

namespace ProjectPortfolio.Infrastructure.Reports.Pdf;

/// <summary>One line of wrapped text and its width in points.</summary>
public readonly record struct TextLine(string Text, double Width);

/// <summary>Measures words once per font (a cache, since reports repeat the same words and amounts) and wraps
/// text greedily: a word goes on the line if it fits, otherwise starts the next one. The width of a line is the
/// sum of its words and spaces, so no line is ever measured twice. No-break spaces (U+00A0, U+202F, used in
/// French amounts and before "%") are not break points; a word wider than the column is cut between characters.</summary>
public sealed class TextMeasurer : IDisposable
{
    private readonly XGraphics _context;
    private readonly Dictionary<XFont, Dictionary<string, double>> _widths = new(ReferenceEqualityComparer.Instance);

    public TextMeasurer(double pageWidth, double pageHeight) =>
        _context = XGraphics.CreateMeasureContext(new XSize(pageWidth, pageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);

    public double Width(string text, XFont font)
    {
        if (text.Length == 0) return 0;
        if (!_widths.TryGetValue(font, out var cache)) _widths[font] = cache = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!cache.TryGetValue(text, out var width)) cache[text] = width = _context.MeasureString(text, font).Width;
        return width;
    }

    public IReadOnlyList<TextLine> Wrap(string text, XFont font, double maxWidth)
    {
        var lines = new List<TextLine>();
        var space = Width(" ", font);
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = new StringBuilder();
            var lineWidth = 0.0;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var wordWidth = Width(word, font);
                if (line.Length > 0 && lineWidth + space + wordWidth <= maxWidth)
                {
                    line.Append(' ').Append(word);
                    lineWidth += space + wordWidth;
                    continue;
                }
                if (line.Length > 0)
                {
                    lines.Add(new TextLine(line.ToString(), lineWidth));
                    line.Clear();
                    lineWidth = 0;
                }
                if (wordWidth <= maxWidth)
                {
                    line.Append(word);
                    lineWidth = wordWidth;
                    continue;
                }
                // A word longer than the column: cut it where it overflows (character widths are cached too).
                foreach (var piece in Cut(word, font, maxWidth))
                {
                    if (line.Length > 0) lines.Add(new TextLine(line.ToString(), lineWidth));
                    line.Clear().Append(piece.Text);
                    lineWidth = piece.Width;
                }
            }
            lines.Add(new TextLine(line.ToString(), lineWidth));
        }
        return lines;
    }

    /// <summary>Shortens a single line to fit, ending it with "…" (for the footer's title).</summary>
    public string Ellipsis(string text, XFont font, double maxWidth)
    {
        if (Width(text, font) <= maxWidth) return text;
        var ellipsis = Width("…", font);
        var width = 0.0;
        var end = 0;
        foreach (var element in TextElements(text))
        {
            var w = Width(element, font);
            if (width + w + ellipsis > maxWidth) break;
            width += w;
            end += element.Length;
        }
        return text[..end].TrimEnd() + "…";
    }

    private IEnumerable<TextLine> Cut(string word, XFont font, double maxWidth)
    {
        var piece = new StringBuilder();
        var width = 0.0;
        foreach (var element in TextElements(word))
        {
            var w = Width(element, font);
            if (piece.Length > 0 && width + w > maxWidth)
            {
                yield return new TextLine(piece.ToString(), width);
                piece.Clear();
                width = 0;
            }
            piece.Append(element);
            width += w;
        }
        if (piece.Length > 0) yield return new TextLine(piece.ToString(), width);
    }

    /// <summary>Characters as the reader sees them (a surrogate pair or a base letter with its accents stays whole).</summary>
    private static IEnumerable<string> TextElements(string text)
    {
        var enumerator = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext()) yield return (string)enumerator.Current;
    }

    public void Dispose() => _context.Dispose();
}
