using PdfSharp.Drawing;
using PdfSharp.Pdf;
using ProjectPortfolio.Application.Reports;

namespace ProjectPortfolio.Infrastructure.Reports.Pdf;

/// <summary>The look of the reports: page geometry (A4 portrait, 20 mm margins), type sizes and colours. All
/// lengths are in points (1/72 inch).</summary>
public sealed class PdfTheme
{
    public const double Millimetre = 72 / 25.4;
    public const double PageWidth = 210 * Millimetre;
    public const double PageHeight = 297 * Millimetre;
    public const double Margin = 20 * Millimetre;

    public const double ContentLeft = Margin;
    public const double ContentRight = PageWidth - Margin;
    public const double ContentWidth = ContentRight - ContentLeft;

    /// <summary>The header (the association, the date) sits inside the top margin box, then a rule, then the body.</summary>
    public const double HeaderBaseline = Margin + 7;
    public const double HeaderRule = Margin + 12;
    public const double BodyTop = Margin + 24;

    public const double FooterRule = PageHeight - Margin - 12;
    public const double FooterBaseline = PageHeight - Margin - 2;
    public const double BodyBottom = FooterRule - 10;

    public static readonly XColor Ink = XColor.FromArgb(0x1F, 0x29, 0x33);
    public static readonly XColor Muted = XColor.FromArgb(0x5B, 0x65, 0x73);
    public static readonly XColor Primary = XColor.FromArgb(0x1B, 0x4F, 0x8A);
    public static readonly XColor PrimaryLight = XColor.FromArgb(0xE8, 0xEF, 0xF7);
    public static readonly XColor Rule = XColor.FromArgb(0xC9, 0xD1, 0xDB);
    public static readonly XColor Zebra = XColor.FromArgb(0xF5, 0xF7, 0xFA);
    public static readonly XColor Track = XColor.FromArgb(0xE4, 0xE8, 0xEE);
    public static readonly XColor Positive = XColor.FromArgb(0x2E, 0x7D, 0x32);
    public static readonly XColor Negative = XColor.FromArgb(0xB3, 0x26, 0x1E);

    public PdfTheme()
    {
        var unicode = new XPdfFontOptions(PdfFontEncoding.Unicode);
        XFont Font(double size, XFontStyleEx style) => new(EmbeddedFontResolver.Family, size, style, unicode);
        Body = Font(9.5, XFontStyleEx.Regular);
        BodyBold = Font(9.5, XFontStyleEx.Bold);
        BodyItalic = Font(9.5, XFontStyleEx.Italic);
        Cell = Font(8.5, XFontStyleEx.Regular);
        CellBold = Font(8.5, XFontStyleEx.Bold);
        CellItalic = Font(8.5, XFontStyleEx.Italic);
        Small = Font(7.5, XFontStyleEx.Regular);
        SmallBold = Font(7.5, XFontStyleEx.Bold);
        Heading1 = Font(16, XFontStyleEx.Bold);
        Heading2 = Font(12, XFontStyleEx.Bold);
        Heading3 = Font(10, XFontStyleEx.Bold);
    }

    public XFont Body { get; }
    public XFont BodyBold { get; }
    public XFont BodyItalic { get; }
    public XFont Cell { get; }
    public XFont CellBold { get; }
    public XFont CellItalic { get; }
    public XFont Small { get; }
    public XFont SmallBold { get; }
    public XFont Heading1 { get; }
    public XFont Heading2 { get; }
    public XFont Heading3 { get; }

    /// <summary>Distance between two baselines for a font: 1.3 em, comfortable for accented capitals.</summary>
    public static double LineHeight(XFont font) => font.Size * 1.3;

    /// <summary>From the top of a line box to its baseline.</summary>
    public static double Ascent(XFont font) => font.Size * 1.02;

    public XFont BodyFont(TextTone tone) => tone switch
    {
        TextTone.Strong or TextTone.Negative => BodyBold,
        TextTone.Muted => BodyItalic,
        _ => Body,
    };

    public XFont CellFont(TextTone tone, bool bold = false) => tone switch
    {
        _ when bold => CellBold,
        TextTone.Strong or TextTone.Negative or TextTone.Positive => CellBold,
        TextTone.Muted => CellItalic,
        _ => Cell,
    };

    public static readonly XBrush InkBrush = new XSolidBrush(Ink);
    public static readonly XBrush MutedBrush = new XSolidBrush(Muted);
    public static readonly XBrush PrimaryBrush = new XSolidBrush(Primary);
    public static readonly XBrush PositiveBrush = new XSolidBrush(Positive);
    public static readonly XBrush NegativeBrush = new XSolidBrush(Negative);

    public static XBrush Brush(TextTone tone) => tone switch
    {
        TextTone.Muted => MutedBrush,
        TextTone.Positive => PositiveBrush,
        TextTone.Negative => NegativeBrush,
        _ => InkBrush,
    };
}
