using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectPortfolio.Domain.Indicators;
using ProjectPortfolio.Infrastructure.Persistence;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>The Excel import of measurements through real HTTP on a real SQLite file: the template is downloaded,
/// reopened with the Open XML SDK, filled in as a user would and uploaded. Each test works on its own month of 2026
/// (the sample portfolio reports up to June 2026), so that one test's imports do not change another's template.</summary>
public class MeasurementImportTests
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private PortfolioFactory _factory = null!;
    private HttpClient _officer = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new PortfolioFactory();
        _officer = await _factory.ApiClientAsync("officer@portfolio.local");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _factory.DisposeAsync();
        PortfolioFactory.DeleteDatabase(_factory.DatabasePath);
    }

    private static string Month(int month) => $"periodStart=2026-{month:00}-01&periodEnd=2026-{month:00}-{DateTime.DaysInMonth(2026, month):00}";

    private async Task<byte[]> TemplateAsync(string query, HttpClient? client = null)
    {
        var response = await (client ?? _officer).GetAsync("/api/measurements/import-template.xlsx?" + query);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo(Xlsx));
        Assert.That(response.Content.Headers.ContentDisposition!.DispositionType, Is.EqualTo("attachment"));
        return await response.Content.ReadAsByteArrayAsync();
    }

    private Task<HttpResponseMessage> UploadAsync(byte[] bytes, string name = "mesures.xlsx", HttpClient? client = null, string query = "")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(Xlsx);
        return (client ?? _officer).PostAsync("/api/measurements/import" + query, new MultipartFormDataContent { { file, "file", name } });
    }

    private static async Task<List<(int? Row, string? Column, string? Header, string Message)>> ErrorsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        return JsonNode.Parse(body)!["errors"]!.AsArray()
            .Select(e => ((int?)e!["row"], (string?)e["column"], (string?)e["header"], (string)e["message"]!)).ToList();
    }

    private async Task<List<IndicatorMeasurement>> MeasurementsAsync(DateOnly start, DateOnly end)
    {
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.IndicatorMeasurements.AsNoTracking().Include(m => m.Parts)
            .Where(m => m.PeriodStart >= start && m.PeriodEnd <= end).ToListAsync();
    }

    /// <summary>The rows the sample portfolio expects: every ongoing project × each indicator it has a target for.</summary>
    private static List<(string Project, string Indicator)> ExpectedRows()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "portfolio.json")))!;
        return sample["projects"]!.AsArray()
            .Where(p => (string)p!["status"]! == "Ongoing")
            .SelectMany(p => p!["targets"]!.AsArray().Select(t => ((string)p["code"]!, (string)t!["indicator"]!)))
            .OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2, StringComparer.Ordinal)
            .ToList();
    }

    [Test]
    public async Task The_template_lists_every_ongoing_project_and_indicator_with_french_headers_and_instructions()
    {
        using var workbook = new TemplateWorkbook(await TemplateAsync(Month(7) + "&lang=fr"));
        Assert.That(workbook.SheetNames, Is.EqualTo(new[] { "Mesures", "Mode d'emploi" }));
        Assert.That(workbook.SchemaErrors(), Is.Empty);
        var rows = workbook.Rows();
        Assert.That(rows[0], Is.EqualTo(new[]
        {
            "Code projet", "Titre du projet", "Code indicateur", "Indicateur", "Unité", "Début de période", "Fin de période", "Valeur",
            "Femmes", "Hommes", "Moins de 15 ans", "15 à 24 ans", "25 à 64 ans", "65 ans et plus", "Justificatif (note)",
        }));
        var expected = ExpectedRows();
        Assert.That(expected, Has.Count.EqualTo(27), "the sample portfolio's ongoing projects have 27 targets");
        Assert.That(rows.Skip(1).Select(r => (r[0], r[2])), Is.EqualTo(expected));
        Assert.That(rows.Skip(1).Select(r => (r[5], r[6])).Distinct(), Is.EqualTo(new[] { ("2026-07-01", "2026-07-31") }));
        Assert.That(rows.Skip(1).All(r => r[7].Length == 0 && r[8].Length == 0 && r[14].Length == 0), "values are left to fill");

        var health = rows.Single(r => r[0] == "AIMF-2024-001" && r[2] == "PEOPLE_HEALTH_ACCESS");
        Assert.That(health[3], Is.EqualTo("Personnes ayant un accès amélioré à la santé"));
        Assert.That(health[4], Is.EqualTo("Personnes"));
        Assert.That(rows.Any(r => r[0] == "AIMF-2024-011"), Is.False, "a suspended project is not in execution");
        Assert.That(rows.Any(r => r[0] == "AIMF-2019-002"), Is.False, "a completed project is not in execution");

        Assert.That(workbook.SecondSheetText[0], Does.StartWith("Importer des mesures"));
        Assert.That(string.Join("\n", workbook.SecondSheetText), Does.Contain("ne peuvent pas dépasser la valeur").And.Contain("cellules grisées").And.Contain("H « Valeur »"));
        Assert.That(workbook.AllCells.Any(c => c.CellFormula is not null), Is.False);
    }

    [Test]
    public async Task The_english_template_has_english_headers_and_names_and_filters_apply()
    {
        using var workbook = new TemplateWorkbook(await TemplateAsync(Month(7) + "&lang=en&country=RW&programme=RW-SANTE"));
        Assert.That(workbook.SheetNames, Is.EqualTo(new[] { "Measurements", "Instructions" }));
        var rows = workbook.Rows();
        Assert.That(rows[0][0..8], Is.EqualTo(new[] { "Project code", "Project title", "Indicator code", "Indicator", "Unit", "Period start", "Period end", "Value" }));
        Assert.That(rows.Skip(1).Select(r => r[0]).Distinct(), Is.EqualTo(new[] { "AIMF-2024-001", "AIMF-2024-002" }));
        Assert.That(rows.Single(r => r[0] == "AIMF-2024-002" && r[2] == "MATERNITY_UNITS")[3], Is.EqualTo("Maternity units built and equipped"));
        Assert.That(workbook.SecondSheetText[0], Does.StartWith("Importing measurements"));
    }

    [TestCase("periodStart=2026-07-01", "periodEnd")]
    [TestCase("periodStart=2026-07-31&periodEnd=2026-07-01", "periodEnd")]
    [TestCase("periodStart=01/07/2026&periodEnd=2026-07-31", "periodStart")]
    [TestCase("periodStart=2026-07-01&periodEnd=2026-07-31&lang=de", "lang")]
    [TestCase("periodStart=2026-07-01&periodEnd=2026-07-31&country=XX", "country")]
    [TestCase("periodStart=2026-07-01&periodEnd=2026-07-31&programme=NOPE", "programme")]
    public async Task A_bad_template_request_is_a_400_naming_the_field(string query, string field)
    {
        var response = await _officer.GetAsync("/api/measurements/import-template.xlsx?" + query);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![field], Is.Not.Null);
    }

    [Test]
    public async Task A_title_that_looks_like_a_formula_is_written_as_text()
    {
        var found = JsonNode.Parse(await _officer.GetStringAsync("/api/projects?q=AIMF-2024-012"))!["items"]![0]!;
        var project = JsonNode.Parse(await _officer.GetStringAsync($"/api/projects/{found["id"]}"))!.AsObject();
        project["theme"] = (string)project["themeCode"]!;
        project["instrument"] = (string)project["instrumentCode"]!;
        const string hostile = "=HYPERLINK(\"http://evil.example/\",\"Cliquez\") <script>alert(1)</script>";
        project["title"] = hostile;
        var saved = await _officer.PutAsJsonAsync($"/api/projects/{found["id"]}", project);
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await saved.Content.ReadAsStringAsync());

        using var workbook = new TemplateWorkbook(await TemplateAsync(Month(7)));
        var row = workbook.RowOf("AIMF-2024-012", "PEOPLE_TRAINED");
        var title = workbook.CellAt(row, "B");
        Assert.That(title.CellFormula, Is.Null);
        Assert.That(title.DataType!.Value, Is.EqualTo(DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString));
        Assert.That(TemplateWorkbook.Text(title), Is.EqualTo(hostile));
    }

    [Test]
    public async Task A_filled_template_imports_its_rows_as_measurements_submitted_by_the_uploader()
    {
        byte[] filled;
        using (var workbook = new TemplateWorkbook(await TemplateAsync(Month(8))))
        {
            var facilities = workbook.RowOf("AIMF-2024-001", "HEALTH_FACILITIES");
            var access = workbook.RowOf("AIMF-2024-001", "PEOPLE_HEALTH_ACCESS");
            var trained = workbook.RowOf("AIMF-2021-001", "PEOPLE_TRAINED");
            workbook.Number(facilities, "H", 2).Text(facilities, "O", "=HYPERLINK(\"x\") <b>procès-verbal</b>");
            workbook.Number(access, "H", 41000).Number(access, "I", 24000).Number(access, "J", 17000);
            workbook.Number(trained, "H", 60).Number(trained, "I", 35).Number(trained, "K", 10).Number(trained, "L", 50);
            filled = workbook.Save();
        }

        var response = await UploadAsync(filled);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        var result = JsonNode.Parse(body)!;
        Assert.That(((int)result["imported"]!, (int)result["skipped"]!), Is.EqualTo((3, 24)));

        var saved = await MeasurementsAsync(new DateOnly(2026, 8, 1), new DateOnly(2026, 8, 31));
        Assert.That(saved, Has.Count.EqualTo(3));
        Assert.That(saved.Select(m => (m.Status, m.SubmittedBy, m.IsCurrent, m.Revision)).Distinct(),
            Is.EqualTo(new[] { (MeasurementStatus.Submitted, (string?)"officer@portfolio.local", true, 1) }));
        Assert.That(saved.Select(m => m.Value).Order(), Is.EqualTo(new[] { 2d, 60d, 41000d }));
        Assert.That(saved.Single(m => m.Value == 2).Evidence, Is.EqualTo("=HYPERLINK(\"x\") <b>procès-verbal</b>"), "text is kept as typed, never evaluated");
        Assert.That(saved.Single(m => m.Value == 41000).Parts.Select(p => (p.Sex, p.Value)).OrderBy(p => p.Value),
            Is.EqualTo(new[] { ((Sex?)Sex.Male, 17000d), (Sex.Female, 24000d) }));
        Assert.That(saved.Single(m => m.Value == 60).Parts.Select(p => (p.Sex, p.AgeGroup, p.Value)).OrderBy(p => p.Value),
            Is.EqualTo(new[] { ((Sex?)null, (AgeGroup?)AgeGroup.Under15, 10d), (Sex.Female, null, 35d), (null, AgeGroup.From15To24, 50d) }));

        // The imported pairs are no longer expected for that month, and the same file cannot be imported twice.
        using (var again = new TemplateWorkbook(await TemplateAsync(Month(8))))
            Assert.That(again.Rows().Skip(1).Count(r => r[0] == "AIMF-2024-001"), Is.EqualTo(0));
        var twice = await ErrorsAsync(await UploadAsync(filled));
        Assert.That(twice.Select(e => e.Column), Is.EqualTo(new[] { "F", "F", "F" }), "each row's period is already reported");
        Assert.That(twice[0].Message, Does.Contain("soumise"));
        Assert.That(await MeasurementsAsync(new DateOnly(2026, 8, 1), new DateOnly(2026, 8, 31)), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Every_bad_cell_is_reported_with_its_row_and_column_and_nothing_is_imported()
    {
        int text, unknown, negative, above, notAllowed, badDate, inverted, formula, duplicate, noTarget, fraction, emptyValue, ageAbove, original;
        byte[] filled;
        using (var workbook = new TemplateWorkbook(await TemplateAsync(Month(9))))
        {
            text = workbook.RowOf("AIMF-2021-001", "COOPERATIVES_SUPPORTED");
            workbook.Text(text, "H", "douze");
            unknown = workbook.RowOf("AIMF-2022-004", "PEOPLE_WATER_ACCESS");
            workbook.Text(unknown, "A", "AIMF-9999-999").Number(unknown, "H", 100);
            negative = workbook.RowOf("AIMF-2023-001", "HEALTH_FACILITIES");
            workbook.Number(negative, "H", -3);
            above = workbook.RowOf("AIMF-2021-001", "PEOPLE_TRAINED");
            workbook.Number(above, "H", 10).Number(above, "I", 8).Number(above, "J", 5);
            notAllowed = workbook.RowOf("AIMF-2023-001", "MATERNITY_UNITS");
            workbook.Number(notAllowed, "H", 1).Number(notAllowed, "I", 1);
            badDate = workbook.RowOf("AIMF-2023-002", "EVENTS_HELD");
            workbook.Number(badDate, "H", 4).Text(badDate, "G", "2026-09-31");
            inverted = workbook.RowOf("AIMF-2023-002", "PEOPLE_TRAINED");
            workbook.Number(inverted, "H", 4).Text(inverted, "F", "2026-09-30").Text(inverted, "G", "2026-09-01");
            formula = workbook.RowOf("AIMF-2024-001", "HEALTH_FACILITIES");
            workbook.Formula(formula, "H", "1+1", 2);
            noTarget = workbook.RowOf("AIMF-2024-003", "EVENTS_HELD");
            workbook.Text(noTarget, "C", "HEALTH_FACILITIES").Number(noTarget, "H", 1);
            fraction = workbook.RowOf("AIMF-2024-004", "PEOPLE_WATER_ACCESS");
            workbook.Number(fraction, "H", 12.5);
            emptyValue = workbook.RowOf("AIMF-2024-005", "PEOPLE_TRAINED");
            workbook.Number(emptyValue, "I", 3);
            ageAbove = workbook.RowOf("AIMF-2024-005", "WOMEN_SUPPORTED");
            workbook.Number(ageAbove, "H", 10).Number(ageAbove, "M", 7).Number(ageAbove, "N", 4);
            original = workbook.RowOf("AIMF-2024-006", "EVENTS_HELD");
            workbook.Number(original, "H", 3);
            duplicate = workbook.CopyRow(original);
            filled = workbook.Save();
        }

        var errors = await ErrorsAsync(await UploadAsync(filled));
        var cells = errors.Select(e => (e.Row, e.Column)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(cells, Does.Contain(((int?)text, "H")), "text in a number column");
            Assert.That(cells, Does.Contain(((int?)unknown, "A")), "unknown project code");
            Assert.That(cells, Does.Contain(((int?)negative, "H")), "negative value");
            Assert.That(cells, Does.Contain(((int?)above, "I")), "women + men above the total");
            Assert.That(cells, Does.Contain(((int?)notAllowed, "I")), "a disaggregation the indicator does not allow");
            Assert.That(cells, Does.Contain(((int?)badDate, "G")), "a date that does not exist");
            Assert.That(cells, Does.Contain(((int?)inverted, "G")), "an inverted period");
            Assert.That(cells, Does.Contain(((int?)formula, "H")), "a formula");
            Assert.That(cells, Does.Contain(((int?)noTarget, "C")), "an indicator the project has no target for");
            Assert.That(cells, Does.Contain(((int?)fraction, "H")), "a fraction of a person");
            Assert.That(cells, Does.Contain(((int?)emptyValue, "H")), "parts without a value");
            Assert.That(cells, Does.Contain(((int?)ageAbove, "M")), "age groups above the total");
            Assert.That(cells, Does.Contain(((int?)duplicate, "F")), "a duplicate row");
        });
        Assert.That(cells, Has.Count.EqualTo(13), string.Join("\n", errors));

        var byCell = errors.ToDictionary(e => (e.Row, e.Column));
        Assert.That(byCell[(text, "H")].Header, Is.EqualTo("Valeur"));
        Assert.That(byCell[(text, "H")].Message, Does.Contain("douze"));
        Assert.That(byCell[(unknown, "A")].Header, Is.EqualTo("Code projet"));
        Assert.That(byCell[(unknown, "A")].Message, Does.Contain("AIMF-9999-999"));
        Assert.That(byCell[(negative, "H")].Message, Does.Contain("négative"));
        Assert.That(byCell[(above, "I")].Message, Does.Contain("13").And.Contain("10"));
        Assert.That(byCell[(formula, "H")].Message, Does.Contain("formule"));
        Assert.That(byCell[(duplicate, "F")].Message, Does.Contain($"ligne {original}"));
        Assert.That(await MeasurementsAsync(new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30)), Is.Empty);
    }

    [Test]
    public async Task Messages_follow_the_request_s_culture()
    {
        byte[] filled;
        using (var workbook = new TemplateWorkbook(await TemplateAsync(Month(9) + "&lang=en")))
        {
            var row = workbook.RowOf("AIMF-2021-001", "COOPERATIVES_SUPPORTED");
            workbook.Text(row, "H", "twelve");
            filled = workbook.Save();
        }
        var errors = await ErrorsAsync(await UploadAsync(filled, query: "?culture=en-GB"));
        Assert.That(errors.Single().Header, Is.EqualTo("Value"));
        Assert.That(errors.Single().Message, Does.Contain("A number is expected"));
    }

    [Test]
    public async Task One_invalid_row_among_valid_ones_imports_nothing()
    {
        byte[] filled;
        int bad;
        using (var workbook = new TemplateWorkbook(await TemplateAsync(Month(10))))
        {
            workbook.Number(workbook.RowOf("AIMF-2024-001", "HEALTH_FACILITIES"), "H", 1);
            workbook.Number(workbook.RowOf("AIMF-2024-002", "MATERNITY_UNITS"), "H", 1);
            bad = workbook.RowOf("AIMF-2024-003", "PEOPLE_TRAINED");
            workbook.Number(bad, "H", 20).Number(bad, "I", 15).Number(bad, "J", 15);
            filled = workbook.Save();
        }
        var errors = await ErrorsAsync(await UploadAsync(filled));
        Assert.That(errors.Select(e => (e.Row, e.Column)), Is.EqualTo(new[] { ((int?)bad, (string?)"I") }));
        Assert.That(await MeasurementsAsync(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)), Is.Empty);
    }

    [Test]
    public async Task A_period_that_already_has_a_value_is_refused()
    {
        byte[] filled;
        int row;
        using (var workbook = new TemplateWorkbook(await TemplateAsync(Month(7))))
        {
            // The sample portfolio has a submitted value for January to June 2026.
            row = workbook.RowOf("AIMF-2024-001", "HEALTH_FACILITIES");
            workbook.Text(row, "F", "2026-03-01").Number(row, "H", 1);
            filled = workbook.Save();
        }
        var errors = await ErrorsAsync(await UploadAsync(filled));
        Assert.That(errors.Select(e => (e.Row, e.Column)), Is.EqualTo(new[] { ((int?)row, (string?)"F") }));
        Assert.That(errors[0].Message, Does.Contain("2026-01-01 – 2026-06-30"));
    }

    [Test]
    public async Task A_template_without_values_imports_nothing_and_says_so()
    {
        var errors = await ErrorsAsync(await UploadAsync(await TemplateAsync(Month(11))));
        Assert.That(errors.Single().Row, Is.Null);
    }

    [Test]
    public async Task Moved_or_renamed_columns_are_reported_on_the_header_row()
    {
        byte[] filled;
        using (var workbook = new TemplateWorkbook(await TemplateAsync(Month(7))))
        {
            workbook.Text(1, "H", "Montant");
            filled = workbook.Save();
        }
        var errors = await ErrorsAsync(await UploadAsync(filled));
        Assert.That(errors.Select(e => (e.Row, e.Column, e.Header)), Is.EqualTo(new[] { ((int?)1, (string?)"H", (string?)"Valeur") }));
    }

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    [Test]
    public async Task Files_that_are_not_workbooks_are_refused_by_their_content()
    {
        var pdf = await ErrorsAsync(await UploadAsync(Pdf, "mesures.xlsx"));
        Assert.That(pdf.Single().Row, Is.Null);
        Assert.That(pdf.Single().Message, Does.Contain(".xlsx"));

        Assert.That((await ErrorsAsync(await UploadAsync([], "vide.xlsx"))).Single().Message, Does.Contain("vide"));

        using var docx = new MemoryStream();
        using (var zip = new ZipArchive(docx, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open())) types.Write("<Types/>");
            using var doc = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
            doc.Write("<w:document/>");
        }
        Assert.That((await ErrorsAsync(await UploadAsync(docx.ToArray(), "mesures.xlsx"))).Single().Row, Is.Null);

        using var fake = new MemoryStream();
        using (var zip = new ZipArchive(fake, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open())) types.Write("<Types/>");
            using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            sheet.Write("<worksheet/>");
        }
        Assert.That((await ErrorsAsync(await UploadAsync(fake.ToArray(), "mesures.xlsx"))).Single().Message, Does.Contain("ne peut pas être lu"));
    }

    [Test]
    public async Task An_archive_that_would_inflate_beyond_the_limit_is_refused_before_being_read()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open())) types.Write("<Types/>");
            using var bomb = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 210; i++) bomb.Write(zeros);
        }
        Assert.That(buffer.Length, Is.LessThan(MeasurementImportLimitsBytes));
        Assert.That((await ErrorsAsync(await UploadAsync(buffer.ToArray()))).Single().Row, Is.Null);
    }

    private const long MeasurementImportLimitsBytes = ProjectPortfolio.Application.Measurements.Import.MeasurementImportLimits.MaxBytes;

    [Test]
    public async Task A_file_over_the_limit_gets_413()
    {
        var big = new byte[MeasurementImportLimitsBytes + 1];
        var response = await UploadAsync(big);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [Test]
    public async Task A_request_without_a_file_is_a_400_not_a_500()
    {
        var response = await _officer.PostAsync("/api/measurements/import", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.That((await ErrorsAsync(response)).Single().Row, Is.Null);
    }

    [TestCase("donor@portfolio.local")]
    [TestCase("bureau@portfolio.local")]
    [TestCase("applicant@portfolio.local")]
    public async Task Only_officers_and_administrators_may_download_or_import(string email)
    {
        var client = await _factory.ApiClientAsync(email);
        Assert.That((await client.GetAsync("/api/measurements/import-template.xlsx?" + Month(7))).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await UploadAsync(Pdf, client: client)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await _factory.CreateClient().GetAsync("/api/measurements/import-template.xlsx?" + Month(7))).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task An_administrator_may_download_the_template()
    {
        var admin = await _factory.ApiClientAsync("admin@portfolio.local");
        using var workbook = new TemplateWorkbook(await TemplateAsync(Month(7), admin));
        Assert.That(workbook.Rows(), Has.Count.GreaterThan(1));
    }
}
