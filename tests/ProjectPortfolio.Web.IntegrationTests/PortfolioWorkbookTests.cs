using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectPortfolio.Domain.Indicators;
using ProjectPortfolio.Infrastructure.Persistence;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>The portfolio workbook through the real pipeline, reopened with the Open XML SDK: sheets, typed cells,
/// the Summary against GET /api/portfolio/summary for the same filter, text that looks like a formula, the donor's
/// scope, the errors, and the dashboard's link.</summary>
public class PortfolioWorkbookTests
{
    private const string RwandaHealth = "country=RW&theme=health&from=2020-01-01";
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

    private static async Task<DownloadedWorkbook> DownloadAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/reports/portfolio.xlsx?" + query);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(Xlsx));
        return new DownloadedWorkbook(await response.Content.ReadAsByteArrayAsync());
    }

    private static async Task<JsonNode> JsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Test]
    public async Task The_French_workbook_has_five_sheets_a_frozen_filtered_header_and_valid_parts()
    {
        // Headers first, as a browser sees them when the download starts.
        using var response = await _officer.GetAsync("/api/reports/portfolio.xlsx?" + RwandaHealth, HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName,
            Does.Match("^\"?portefeuille-\\d{4}-\\d{2}-\\d{2}\\.xlsx\"?$"));
        Assert.That(response.Content.Headers.ContentLength, Is.Null, "streamed: the length is not known when the download starts");

        using var book = new DownloadedWorkbook(await response.Content.ReadAsByteArrayAsync());
        Assert.That(book.SheetNames, Is.EqualTo(new[] { "Synthèse", "Projets", "Financements", "Jalons", "Indicateurs" }));
        Assert.That(book.SchemaErrors(), Is.Empty);
        foreach (var name in book.SheetNames)
        {
            var sheet = book.Worksheet(name);
            var pane = sheet.Descendants<Pane>().Single();
            Assert.That((pane.State?.Value, pane.VerticalSplit?.Value, pane.TopLeftCell?.Value), Is.EqualTo((PaneStateValues.Frozen, 1d, "A2")), name);
            var rows = book.Rows(name);
            var lastColumn = rows[0].Keys.OrderBy(k => k.Length).ThenBy(k => k, StringComparer.Ordinal).Last();
            Assert.That(sheet.Descendants<AutoFilter>().Single().Reference?.Value, Is.EqualTo($"A1:{lastColumn}{rows.Count}"), name);
            Assert.That(rows[0].Values.All(c => book.IsBold(c)), Is.True, $"{name}: the header row is bold");
            Assert.That(sheet.Descendants<Column>().All(c => c.Width?.Value >= 8), Is.True, $"{name}: columns have widths");
        }
        var projects = book.Rows("Projets");
        Assert.That(book.Text(projects[0]["B"]), Is.EqualTo("Titre"));
        var codes = projects.Skip(1).Select(r => book.Text(r["A"])).ToList();
        Assert.That(codes, Has.Count.EqualTo(5));
        Assert.That(codes, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
    }

    [Test]
    public async Task The_Summary_equals_the_API_summary_for_the_same_filter()
    {
        var api = await JsonAsync(_officer, "/api/portfolio/summary?" + RwandaHealth);
        using var book = await DownloadAsync(_officer, RwandaHealth + "&lang=fr");
        var summary = book.Rows("Synthèse").Skip(1).ToDictionary(r => book.Text(r["C"]));

        Assert.That(book.Number(summary["projects.total"]["D"]), Is.EqualTo((double)api["projects"]!["total"]!).And.EqualTo(5));
        foreach (var (status, count) in api["projects"]!["byStatus"]!.AsObject())
            Assert.That(book.Number(summary["projects.byStatus." + status]["D"]), Is.EqualTo((double)count!), status);

        foreach (var key in new[] { "awardedEur", "disbursedEur", "coFinancingEur" })
        {
            var cell = summary["finance." + key]["D"];
            Assert.That(decimal.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture), Is.EqualTo((decimal)api["finance"]![key]!), key);
            Assert.That(book.FormatCode(cell), Does.Contain("\"EUR\"").And.Contain("#,##0.00"), "an amount has a currency format");
        }
        Assert.That(book.Number(summary["finance.awardedEur"]["D"]), Is.EqualTo(1_330_000));

        var indicators = api["indicators"]!.AsArray();
        Assert.That(indicators, Is.Not.Empty);
        foreach (var indicator in indicators)
        {
            var code = (string)indicator!["code"]!;
            Assert.That(book.Number(summary[code]["D"]), Is.EqualTo((double)indicator["total"]!), code);
            Assert.That(book.Number(summary[code]["E"]), Is.EqualTo((double)indicator["target"]!), code);
            foreach (var (country, total) in indicator["byCountry"]!.AsObject())
                Assert.That(book.Number(summary[$"{code}.{country}"]["D"]), Is.EqualTo((double)total!), $"{code} in {country}");
        }
        Assert.That(book.Number(summary["HEALTH_FACILITIES"]["D"]), Is.EqualTo(15));
        Assert.That(book.Number(summary["MATERNITY_UNITS"]["D"]), Is.EqualTo(2));
        Assert.That(book.Number(summary["PEOPLE_HEALTH_ACCESS"]["D"]), Is.EqualTo(85_000));
        Assert.That(book.Text(summary["filter.country"]["D"]), Is.EqualTo("Rwanda"));
        Assert.That(book.FormatCode(summary["filter.from"]["D"]), Is.EqualTo("dd/mm/yyyy"));
        Assert.That(book.Number(summary["filter.from"]["D"]), Is.EqualTo(new DateTime(2020, 1, 1).ToOADate()));
    }

    [Test]
    public async Task Numbers_dates_and_amounts_are_typed_cells_with_their_formats()
    {
        using var book = await DownloadAsync(_officer, "");
        var projects = book.Rows("Projets");
        foreach (var row in projects.Skip(1))
        {
            Assert.That(book.IsNumber(row["I"]) && book.IsNumber(row["J"]), Is.True, "planned start and end are numbers");
            Assert.That(book.FormatCode(row["I"]), Is.EqualTo("dd/mm/yyyy"));
            Assert.That(book.IsNumber(row["N"]), Is.True, "the grant is a number");
            Assert.That(book.FormatCode(row["N"]), Does.EndWith($"\"{book.Text(row["M"])}\""), "the grant shows its currency");
        }

        // The Gitega centre's inauguration, done on 26 August 2024, is a real date.
        var milestones = book.Rows("Jalons");
        var inauguration = milestones.Single(r => book.Text(r["C"]).StartsWith("Inauguration du Centre de développement intégré", StringComparison.Ordinal));
        Assert.That(new[] { "D", "E" }.Where(inauguration.ContainsKey).Select(c => DateTime.FromOADate(book.Number(inauguration[c]))),
            Has.Member(new DateTime(2024, 8, 26)));
        Assert.That(book.FormatCode(inauguration["D"]), Is.EqualTo("dd/mm/yyyy"));

        var financing = book.Rows("Financements");
        var eu = financing.Where(r => r.TryGetValue("D", out var partner) && book.Text(partner) == "Union européenne").ToList();
        Assert.That(eu, Is.Not.Empty, "the European Union's co-financing lines");
        Assert.That(eu.All(r => book.IsNumber(r["J"]) && book.FormatCode(r["J"]).Contains('"', StringComparison.Ordinal)), Is.True);
        Assert.That(financing.Skip(1).Select(r => book.Text(r["A"])).Distinct(), Is.EqualTo(new[] { "Subvention AIMF", "Cofinancement", "Tranche" }));

        var indicators = book.Rows("Indicateurs");
        var measured = indicators.Skip(1).Where(r => r.ContainsKey("J")).ToList();
        Assert.That(measured, Is.Not.Empty);
        Assert.That(measured.All(r => book.IsNumber(r["J"]) && book.FormatCode(r["H"]) == "dd/mm/yyyy"), Is.True, "values are numbers, periods dates");
        Assert.That(indicators[0].Values.Select(book.Text), Is.SupersetOf(new[] { "Cible", "Femmes", "Hommes", "Moins de 15 ans" }));
        Assert.That(indicators.Skip(1).Any(r => r.ContainsKey("O") || r.ContainsKey("P")), Is.True, "some values are disaggregated by sex");
    }

    /// <summary>The Indicators sheet against the database, computed here apart from the product's query: every approved,
    /// current value, in the order of the project code, the indicator code, the period (codes are ASCII, compared
    /// ordinally: the same order on SQLite and PostgreSQL), with its value and its parts (a sex's or an age group's own
    /// part, else the sum of its crossed parts); then only targets without a value.</summary>
    [Test]
    public async Task The_Indicators_sheet_lists_every_counted_value_in_project_indicator_and_period_order_with_its_parts()
    {
        List<(string Project, string Indicator, DateOnly Start, DateOnly End, double Value, double?[] Parts)> expected;
        using (var scope = _factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var projects = await db.Projects.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Code);
            var indicators = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Code);
            var values = await db.IndicatorMeasurements.AsNoTracking().Include(m => m.Parts)
                .Where(m => m.Status == MeasurementStatus.Approved && m.IsCurrent).ToListAsync();
            static double? Part(IReadOnlyCollection<MeasurementPart> parts, Sex? sex, AgeGroup? age)
            {
                foreach (var part in parts)
                    if (part.Sex == sex && part.AgeGroup == age) return part.Value;
                double? sum = null;
                foreach (var part in parts)
                    if (part.Sex is not null && part.AgeGroup is not null && (sex is null || part.Sex == sex) && (age is null || part.AgeGroup == age))
                        sum = (sum ?? 0) + part.Value;
                return sum;
            }
            (Sex?, AgeGroup?)[] columns =
                [(Sex.Female, null), (Sex.Male, null), (null, AgeGroup.Under15), (null, AgeGroup.From15To24), (null, AgeGroup.From25To64), (null, AgeGroup.Over64)];
            expected = values
                .Select(m => (projects[m.ProjectId], indicators[m.IndicatorId], m.PeriodStart, m.PeriodEnd, m.Value,
                    columns.Select(c => Part(m.Parts, c.Item1, c.Item2)).ToArray()))
                .OrderBy(v => v.Item1, StringComparer.Ordinal).ThenBy(v => v.Item2, StringComparer.Ordinal).ThenBy(v => v.PeriodStart).ThenBy(v => v.PeriodEnd)
                .ToList();
        }
        Assert.That(expected.Any(v => v.Parts.Any(p => p is not null)), Is.True, "the sample has disaggregated values");

        using var book = await DownloadAsync(_officer, "");
        var rows = book.Rows("Indicateurs").Skip(1).ToList();
        Assert.That(rows.Take(expected.Count).All(r => r.ContainsKey("H")), Is.True, "the values come first");
        Assert.That(rows.Skip(expected.Count).Any(r => r.ContainsKey("H") || r.ContainsKey("J")), Is.False, "then only targets without a value");
        double? Cell(Dictionary<string, Cell> row, string column) => row.TryGetValue(column, out var cell) ? book.Number(cell) : null;
        DateOnly Date(Dictionary<string, Cell> row, string column) => DateOnly.FromDateTime(DateTime.FromOADate(book.Number(row[column])));
        var actual = rows.Take(expected.Count)
            .Select(r => (book.Text(r["A"]), book.Text(r["D"]), Date(r, "H"), Date(r, "I"), Cell(r, "J") ?? double.NaN,
                new[] { "O", "P", "Q", "R", "S", "T" }.Select(c => Cell(r, c)).ToArray()))
            .ToList();
        Assert.That(actual.Select(a => (a.Item1, a.Item2, a.Item3, a.Item4, a.Item5)),
            Is.EqualTo(expected.Select(e => (e.Project, e.Indicator, e.Start, e.End, e.Value))));
        Assert.That(actual.Select(a => string.Join(";", a.Item6)), Is.EqualTo(expected.Select(e => string.Join(";", e.Parts))));
    }

    [Test]
    public async Task The_English_workbook_speaks_English()
    {
        using var book = await DownloadAsync(_officer, RwandaHealth + "&lang=en");
        Assert.That(book.SheetNames, Is.EqualTo(new[] { "Summary", "Projects", "Financing", "Milestones", "Indicators" }));
        var projects = book.Rows("Projects");
        Assert.That(book.Text(projects[0]["B"]), Is.EqualTo("Title"));
        Assert.That(projects.Skip(1).Select(r => book.Text(r["H"])).Distinct(), Is.SubsetOf(new[] { "Approved", "Ongoing", "Suspended", "Completed", "Closed", "Cancelled" }));
        var summary = book.Rows("Summary").Skip(1).ToDictionary(r => book.Text(r["C"]));
        Assert.That(book.Text(summary["HEALTH_FACILITIES"]["B"]), Is.EqualTo((string)(await JsonAsync(_officer, "/api/portfolio/summary?" + RwandaHealth))
            ["indicators"]!.AsArray().Single(i => (string)i!["code"]! == "HEALTH_FACILITIES")!["nameEn"]!));
        Assert.That(book.Text(book.Rows("Financing")[1]["A"]), Is.EqualTo("AIMF grant"));
    }

    [Test]
    public async Task A_title_that_looks_like_a_formula_stays_text_and_no_sheet_holds_a_formula()
    {
        var member = (Guid)(await JsonAsync(_officer, "/api/members?q=RUMONGE"))["items"]![0]!["id"]!;
        var created = await _officer.PostAsJsonAsync("/api/projects", new
        {
            title = "=1+1", summary = "@SUM(A1:A2)", leadMemberId = member, country = "BI", theme = "water-sanitation", instrument = "COOP_FUND",
            plannedStart = "2026-01-01", plannedEnd = "2027-06-30", grantAmount = 80000, currency = "EUR",
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var project = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var milestone = await _officer.PostAsJsonAsync($"/api/projects/{(string)project["id"]!}/milestones",
            new { version = (int)project["version"]!, title = "-2+3 réunion", plannedDate = "2026-03-01" });
        Assert.That(milestone.IsSuccessStatusCode, Is.True, await milestone.Content.ReadAsStringAsync());

        using var book = await DownloadAsync(_officer, "country=BI&theme=water-sanitation");
        var title = book.Rows("Projets").Single(r => book.Text(r["B"]) == "=1+1")["B"];
        Assert.That(title.DataType?.Value, Is.EqualTo(CellValues.InlineString));
        Assert.That(title.CellFormula, Is.Null);
        var grant = book.Rows("Financements").Single(r => book.Text(r["C"]) == "=1+1");
        Assert.That(grant["C"].DataType?.Value, Is.EqualTo(CellValues.InlineString));
        var step = book.Rows("Jalons").Single(r => book.Text(r["C"]) == "-2+3 réunion")["C"];
        Assert.That(step.DataType?.Value, Is.EqualTo(CellValues.InlineString));

        Assert.That(book.SheetNames.SelectMany(n => book.Worksheet(n).Descendants<CellFormula>()), Is.Empty);
        foreach (var (part, xml) in book.RawParts().Where(p => p.Name.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
            Assert.That(xml, Does.Not.Contain("<f>").And.Not.Contain("<f ").And.Not.Contain(":f>"), part);
    }

    [Test]
    public async Task A_donor_workbook_holds_only_the_projects_its_partner_co_finances()
    {
        var donor = await _factory.ApiClientAsync("donor@portfolio.local");
        var visible = (await JsonAsync(donor, "/api/projects?pageSize=100"))["items"]!.AsArray().Select(i => (string)i!["code"]!).ToHashSet();
        var all = (await JsonAsync(_officer, "/api/projects?pageSize=100"))["items"]!.AsArray().Select(i => (string)i!["code"]!).ToHashSet();
        Assert.That(visible, Is.Not.Empty.And.SubsetOf(all));
        Assert.That(visible.Count, Is.LessThan(all.Count));

        using var book = await DownloadAsync(donor, "lang=en");
        Assert.That(book.Rows("Projects").Skip(1).Select(r => book.Text(r["A"])), Is.EquivalentTo(visible));
        Assert.That(book.Rows("Financing").Skip(1).Select(r => book.Text(r["B"])).Distinct(), Is.SubsetOf(visible));
        Assert.That(book.Rows("Milestones").Skip(1).Select(r => book.Text(r["A"])).Distinct(), Is.SubsetOf(visible));
        Assert.That(book.Rows("Indicators").Skip(1).Select(r => book.Text(r["A"])).Distinct(), Is.SubsetOf(visible));

        var api = await JsonAsync(donor, "/api/portfolio/summary");
        var summary = book.Rows("Summary").Skip(1).ToDictionary(r => book.Text(r["C"]));
        Assert.That(book.Number(summary["projects.total"]["D"]), Is.EqualTo((double)api["projects"]!["total"]!).And.EqualTo(visible.Count));
        Assert.That(decimal.Parse(summary["finance.coFinancingEur"]["D"].CellValue!.Text, CultureInfo.InvariantCulture),
            Is.EqualTo((decimal)api["finance"]!["coFinancingEur"]!));
    }

    [TestCase("theme=astrologie", "Theme")]
    [TestCase("country=XX", "Country")]
    [TestCase("partner=NOBODY", "Partner")]
    [TestCase("from=01/02/2020", "From")]
    [TestCase("from=2024-01-01&to=2023-12-31", "To")]
    [TestCase("lang=de", "lang")]
    public async Task A_bad_filter_or_language_is_a_400_problem_naming_the_field(string query, string field)
    {
        var response = await _officer.GetAsync("/api/reports/portfolio.xlsx?" + query);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject().Select(e => e.Key);
        Assert.That(errors, Is.EqualTo(new[] { field }));
    }

    [Test]
    public async Task Without_a_token_the_workbook_is_401()
    {
        var response = await _factory.CreateClient().GetAsync("/api/reports/portfolio.xlsx");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task The_dashboard_links_to_the_workbook_with_its_filters_and_language()
    {
        var browser = await _factory.SignedInBrowserAsync("bureau@portfolio.local");
        var page = await Html.GetAsync(browser, "/portfolio?" + RwandaHealth);
        var link = page.QuerySelector("a[data-testid=download-workbook]")!;
        Assert.That(link.TextContent.Trim(), Is.EqualTo("Télécharger le classeur (Excel)"));
        var href = link.GetAttribute("href")!;
        Assert.That(href, Does.StartWith("/api/reports/portfolio.xlsx?").And.Contain("country=RW").And.Contain("theme=health")
            .And.Contain("from=2020-01-01").And.Contain("lang=fr"));

        var download = await browser.GetAsync(href);
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(download.Content.Headers.ContentType?.MediaType, Is.EqualTo(Xlsx));
        using (var book = new DownloadedWorkbook(await download.Content.ReadAsByteArrayAsync()))
            Assert.That(book.Number(book.Rows("Synthèse").Single(r => book.Text(r["C"]) == "projects.total")["D"]), Is.EqualTo(5));

        await browser.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "en", ["returnUrl"] = "/portfolio", ["__RequestVerificationToken"] = Html.Token(page),
        }));
        var english = await Html.GetAsync(browser, "/portfolio?country=RW");
        var englishLink = english.QuerySelector("a[data-testid=download-workbook]")!;
        Assert.That(englishLink.TextContent.Trim(), Is.EqualTo("Download the workbook (Excel)"));
        Assert.That(englishLink.GetAttribute("href"), Does.Contain("lang=en").And.Contain("country=RW"));
    }
}

/// <summary>A downloaded workbook reopened read-only with the Open XML SDK, the way a spreadsheet program reads it.</summary>
internal sealed class DownloadedWorkbook : IDisposable
{
    private readonly byte[] _bytes;
    private readonly MemoryStream _stream;
    private readonly SpreadsheetDocument _document;

    public DownloadedWorkbook(byte[] bytes)
    {
        _bytes = bytes;
        _stream = new MemoryStream(bytes, writable: false);
        _document = SpreadsheetDocument.Open(_stream, false);
        SheetNames = _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();
    }

    public IReadOnlyList<string> SheetNames { get; }

    public Worksheet Worksheet(string name)
    {
        var workbook = _document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
    }

    /// <summary>The sheet's rows in order, each as its non-empty cells by column letter.</summary>
    public List<Dictionary<string, Cell>> Rows(string name) =>
        Worksheet(name).Descendants<Row>()
            .Select(r => r.Elements<Cell>().ToDictionary(c => new string(c.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray())))
            .ToList();

    public string Text(Cell cell) => cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.Text?.Text ?? string.Empty : cell.CellValue?.Text ?? string.Empty;

    public bool IsNumber(Cell cell) => cell.DataType is null && cell.CellValue is not null
        && double.TryParse(cell.CellValue.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    public double Number(Cell cell)
    {
        Assert.That(IsNumber(cell), Is.True, $"{cell.CellReference} is a number cell");
        return double.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture);
    }

    private CellFormat Format(Cell cell) =>
        _document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));

    /// <summary>The number format of a cell's style: a custom format's code, or "builtin:N".</summary>
    public string FormatCode(Cell cell)
    {
        var id = Format(cell).NumberFormatId?.Value ?? 0;
        var custom = _document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .FirstOrDefault(f => f.NumberFormatId?.Value == id);
        return custom?.FormatCode?.Value ?? "builtin:" + id.ToString(CultureInfo.InvariantCulture);
    }

    public bool IsBold(Cell cell)
    {
        var font = _document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.Fonts!.Elements<Font>().ElementAt((int)(Format(cell).FontId?.Value ?? 0));
        return font.Bold is not null;
    }

    public IReadOnlyList<string> SchemaErrors() =>
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(_document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

    /// <summary>Every part of the package as text, straight from the zip.</summary>
    public IEnumerable<(string Name, string Xml)> RawParts()
    {
        using var zip = new ZipArchive(new MemoryStream(_bytes, writable: false), ZipArchiveMode.Read);
        var parts = new List<(string, string)>();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            parts.Add((entry.FullName, reader.ReadToEnd()));
        }
        return parts;
    }

    public void Dispose()
    {
        _document.Dispose();
        _stream.Dispose();
    }
}
