using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProjectPortfolio.Application.Reports;

namespace ProjectPortfolio.Infrastructure.Reports.Pdf;

/// <summary>Builds a one-page document while the host is starting, so that a server which cannot make PDFs
/// (licence not accepted, fonts missing from the build, PDFsharp broken) refuses to start with a clear message
/// instead of failing on a donor's first download.</summary>
public sealed class PdfEngineProbe(IPdfDocumentBuilder builder, TimeProvider clock, ILogger<PdfEngineProbe> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        Probe(builder, clock);
        logger.LogDebug("PDF engine ready (PDFsharp, embedded DejaVu Sans).");
        return Task.CompletedTask;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> saying what is wrong if no PDF can be made.</summary>
    public static void Probe(IPdfDocumentBuilder builder, TimeProvider clock)
    {
        byte[] pdf;
        try
        {
            pdf = builder.Build(new ReportDocument("Probe — Œuvre € Кигали", "fr", clock.GetUtcNow(),
                [new Heading("Contrôle du moteur PDF", 1), new Paragraph("Œuvre, €, Кигали, Ελλάδα.")]));
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException(
                "PDF generation is not usable, so the application will not start: " + exception.Message +
                " Reports need PDFsharp 6.5 with its AGPL licence set (PdfSharpLicense.SetAgplLicense) and the DejaVu fonts embedded " +
                "in ProjectPortfolio.Infrastructure (Reports/Fonts). See docs/adr/0009-pdf-engine.md.", exception);
        }
        if (pdf.Length < 8 || pdf[0] != '%' || pdf[1] != 'P' || pdf[2] != 'D' || pdf[3] != 'F')
            throw new InvalidOperationException("PDF generation is not usable: the probe document is not a PDF file.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
