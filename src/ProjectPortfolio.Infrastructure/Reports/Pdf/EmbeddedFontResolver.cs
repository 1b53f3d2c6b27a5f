using System.Collections.Concurrent;
using PdfSharp.Drawing;
using PdfSharp.Fonts;

namespace ProjectPortfolio.Infrastructure.Reports.Pdf;

/// <summary>Resolves every font family to DejaVu Sans, whose TrueType files are embedded in this assembly: a
/// report looks the same on any server, whatever fonts it has (PDFsharp's core build has none of its own).
/// DejaVu covers Latin (accents, œ, €), Greek and Cyrillic. Bold italic is the bold face slanted.</summary>
public sealed class EmbeddedFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";
    private const string Oblique = "DejaVuSans-Oblique";

    public static readonly EmbeddedFontResolver Instance = new();

    private readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    private EmbeddedFontResolver() { }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => (bold, italic) switch
    {
        (true, true) => new FontResolverInfo(Bold, XStyleSimulations.ItalicSimulation),
        (true, false) => new FontResolverInfo(Bold),
        (false, true) => new FontResolverInfo(Oblique),
        _ => new FontResolverInfo(Regular),
    };

    public byte[] GetFont(string faceName) => _faces.GetOrAdd(faceName, Load);

    /// <summary>The bytes of a face; throws if the resource is missing (a broken build), so that the startup probe fails.</summary>
    public static byte[] Load(string faceName)
    {
        var name = $"ProjectPortfolio.Reports.Fonts.{faceName}.ttf";
        using var stream = typeof(EmbeddedFontResolver).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font {name} is not embedded in {typeof(EmbeddedFontResolver).Assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
