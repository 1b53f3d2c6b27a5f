using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using ProjectPortfolio.Testing;

namespace ProjectPortfolio.BrowserTests;

/// <summary>What a programme officer sends a donor: the dashboard's PDF report and Excel workbook, downloaded by
/// clicking, opened and read back. They must be what they claim (a PDF, a workbook) and hold the figures the
/// dashboard shows for the same filter.</summary>
public class DownloadJourney : Journey
{
    private static readonly XNamespace Sheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    [Test]
    public async Task The_Rwanda_health_report_and_workbook_download_and_hold_the_dashboard_figures()
    {
        await SignInAsync("officer@portfolio.local");
        await Page.GotoAsync("/portfolio?country=RW&theme=health&from=2020-01-01");
        await Accessibility.AssertNoSeriousViolationsAsync(Page);

        var pdfDownload = await Page.RunAndWaitForDownloadAsync(() => Page.GetByTestId("portfolio-report").ClickAsync());
        Assert.That(pdfDownload.SuggestedFilename, Does.EndWith(".pdf"));
        var pdf = await File.ReadAllBytesAsync((await pdfDownload.PathAsync())!);
        Assert.That(Encoding.ASCII.GetString(pdf, 0, 5), Is.EqualTo("%PDF-"), "the file is a PDF");
        var text = await PdfText.ExtractAsync(pdf);
        Assert.That(text, Does.Contain("Portefeuille de projets").And.Contain("Rwanda"));
        Assert.That(text, Does.Contain("85 000"), "people with better access to health, as on the dashboard");

        var xlsxDownload = await Page.RunAndWaitForDownloadAsync(() => Page.GetByTestId("download-workbook").ClickAsync());
        Assert.That(xlsxDownload.SuggestedFilename, Does.EndWith(".xlsx"));
        using var zip = ZipFile.OpenRead((await xlsxDownload.PathAsync())!);
        var workbook = XDocument.Load(zip.GetEntry("xl/workbook.xml")!.Open());
        Assert.That(workbook.Descendants(Sheet + "sheet").Select(s => (string)s.Attribute("name")!),
            Is.EqualTo(new[] { "Synthèse", "Projets", "Financements", "Jalons", "Indicateurs" }));
        var summary = XDocument.Load(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var numbers = summary.Descendants(Sheet + "c").Where(c => c.Attribute("t") is null).Select(c => (string?)c.Element(Sheet + "v")).ToList();
        Assert.That(numbers, Does.Contain("85000").And.Contain("15").And.Contain("2"), "the summary's figures are numbers, equal to the dashboard's");
        Assert.That(zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal))
            .Any(e => XDocument.Load(e.Open()).Descendants(Sheet + "f").Any()), Is.False, "no formula in any sheet");
    }
}
