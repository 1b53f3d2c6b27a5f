using PdfSharp;
using PdfSharp.Fonts;

namespace ProjectPortfolio.Infrastructure.Reports.Pdf;

/// <summary>PDFsharp's process-wide settings, made once: the AGPL licence (PDFsharp 6.5 throws on first use
/// without a licence choice; see docs/adr/0007) and our font resolver (which PDFsharp allows to be set only
/// once, before any font is used). Safe to call any number of times, from any thread.</summary>
public static class PdfSharpSetup
{
    private static readonly Lock Gate = new();
    private static bool _done;

    public static void EnsureInitialised()
    {
        lock (Gate)
        {
            if (_done) return;
            PdfSharpLicense.SetAgplLicense();
            if (GlobalFontSettings.FontResolver is null || ReferenceEquals(GlobalFontSettings.FontResolver, EmbeddedFontResolver.Instance))
                GlobalFontSettings.FontResolver = EmbeddedFontResolver.Instance;
            else
                throw new InvalidOperationException("Another PDFsharp font resolver was set before ours: reports must use the embedded DejaVu fonts.");
            _done = true;
        }
    }
}
