using System.Net;
using System.Net.Http.Headers;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>The import page as a browser uses it: cookie sign-in, the real forms with their antiforgery token.</summary>
public class MeasurementImportPageTests
{
    private PortfolioFactory _factory = null!;
    private HttpClient _browser = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new PortfolioFactory();
        _browser = await _factory.SignedInBrowserAsync("officer2@portfolio.local");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _factory.DisposeAsync();
        PortfolioFactory.DeleteDatabase(_factory.DatabasePath);
    }

    private async Task<HttpResponseMessage> UploadAsync(byte[] bytes, string name)
    {
        var page = await Html.GetAsync(_browser, "/measurements/import");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent
        {
            { new StringContent(Html.Token(page)), "__RequestVerificationToken" },
            { new StringContent("2026-07-01"), "PeriodStart" },
            { new StringContent("2026-07-31"), "PeriodEnd" },
            { file, "Workbook", name },
        };
        return await _browser.PostAsync("/measurements/import", form);
    }

    [Test]
    public async Task The_page_offers_the_template_of_the_previous_quarter_in_french()
    {
        var page = await Html.GetAsync(_browser, "/measurements/import");
        Assert.That(page.QuerySelector("h1")!.TextContent, Is.EqualTo("Importer des mesures"));
        Assert.That(page.QuerySelector("html")!.GetAttribute("lang"), Is.EqualTo("fr"));
        var start = page.QuerySelector("input#PeriodStart")!.GetAttribute("value")!;
        var end = page.QuerySelector("input#PeriodEnd")!.GetAttribute("value")!;
        Assert.That(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture).Day, Is.EqualTo(1));
        Assert.That(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture).AddMonths(3).AddDays(-1)));
        Assert.That(page.QuerySelector("label[for=Workbook]"), Is.Not.Null);
    }

    [Test]
    public async Task The_download_button_gives_the_workbook_and_a_bad_period_shows_beside_its_field()
    {
        var download = await _browser.GetAsync("/measurements/import?handler=template&PeriodStart=2026-07-01&PeriodEnd=2026-07-31&Country=RW");
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(download.Content.Headers.ContentDisposition!.FileName!.Trim('"'), Is.EqualTo("mesures-2026-07-01-2026-07-31.xlsx"));
        using (var workbook = new TemplateWorkbook(await download.Content.ReadAsByteArrayAsync()))
            Assert.That(workbook.Rows().Skip(1).Select(r => r[0]).Distinct(), Is.EqualTo(new[] { "AIMF-2021-001", "AIMF-2024-001", "AIMF-2024-002", "AIMF-2024-003", "AIMF-2024-005", "AIMF-2024-006" }));

        var refused = await Html.GetAsync(_browser, "/measurements/import?handler=template&PeriodStart=2026-07-31&PeriodEnd=2026-07-01");
        Assert.That(Html.FieldError(refused, "PeriodEnd"), Does.Contain("fin"));
        Assert.That(refused.QuerySelector("input#PeriodStart")!.GetAttribute("value"), Is.EqualTo("2026-07-31"), "what was typed is kept");
        Assert.That(refused.QuerySelector("#error-summary a[href='#PeriodEnd']"), Is.Not.Null);
    }

    [Test]
    public async Task An_invalid_file_lists_its_errors_by_row_and_column_and_a_valid_one_says_how_many_were_imported()
    {
        var template = await (await _browser.GetAsync("/measurements/import?handler=template&PeriodStart=2026-07-01&PeriodEnd=2026-07-31")).Content.ReadAsByteArrayAsync();
        byte[] invalid, valid;
        int row;
        using (var workbook = new TemplateWorkbook(template))
        {
            row = workbook.RowOf("AIMF-2024-002", "MATERNITY_UNITS");
            workbook.Text(row, "H", "<script>alert(1)</script>");
            invalid = workbook.Save();
        }
        using (var workbook = new TemplateWorkbook(template))
        {
            workbook.Number(workbook.RowOf("AIMF-2024-002", "MATERNITY_UNITS"), "H", 1);
            valid = workbook.Save();
        }

        var refused = await Html.ParseAsync(await UploadAsync(invalid, "mesures.xlsx"));
        Assert.That(refused.QuerySelector("[data-testid=import-errors-title]")!.TextContent, Does.Contain("1 erreur(s)"));
        var cells = refused.QuerySelectorAll("[data-testid=import-errors] tbody tr td").Select(td => td.TextContent).ToList();
        Assert.That(cells[0], Is.EqualTo(row.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(cells[1], Is.EqualTo("H · Valeur"));
        Assert.That(cells[2], Does.Contain("<script>alert(1)</script>"), "shown as text");
        Assert.That(refused.QuerySelector("[data-testid=import-errors] script"), Is.Null, "and never as markup");
        Assert.That(refused.QuerySelector("input[name=PeriodStart][type=hidden]")!.GetAttribute("value"), Is.EqualTo("2026-07-01"));

        var pdf = await Html.ParseAsync(await UploadAsync("%PDF-1.4 renamed"u8.ToArray(), "mesures.xlsx"));
        Assert.That(pdf.QuerySelectorAll("[data-testid=import-errors] tbody tr td")[0].TextContent, Is.EqualTo("Fichier"));

        var imported = await Html.ParseAsync(await UploadAsync(valid, "mesures.xlsx"));
        Assert.That(imported.QuerySelector("[data-testid=import-success]")!.TextContent, Does.StartWith("1 mesure(s) importée(s)"));
    }

    [Test]
    public async Task Posting_without_a_file_says_so_beside_the_field()
    {
        var page = await Html.GetAsync(_browser, "/measurements/import");
        var form = new MultipartFormDataContent { { new StringContent(Html.Token(page)), "__RequestVerificationToken" } };
        var response = await Html.ParseAsync(await _browser.PostAsync("/measurements/import", form));
        Assert.That(Html.FieldError(response, "Workbook"), Is.EqualTo("Choisissez le classeur à importer."));
    }

    [Test]
    public async Task A_donor_cannot_open_the_page()
    {
        var donor = await _factory.SignedInBrowserAsync("donor@portfolio.local");
        var response = await donor.GetAsync("/measurements/import");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.ToString(), Does.Contain("AccessDenied"));
    }

    [Test]
    public async Task The_page_reads_in_english()
    {
        var page = await Html.GetAsync(_browser, "/measurements/import?culture=en-GB");
        Assert.That(page.QuerySelector("h1")!.TextContent, Is.EqualTo("Import measurements"));
        Assert.That(page.QuerySelector("[data-testid=download-template]")!.TextContent, Is.EqualTo("Download the template (.xlsx)"));
    }
}
