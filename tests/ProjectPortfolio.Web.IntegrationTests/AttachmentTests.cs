using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ProjectPortfolio.Application.Attachments;

namespace ProjectPortfolio.Web.IntegrationTests;

public class AttachmentTests
{
    private PortfolioFactory _factory = null!;
    private HttpClient _officer = null!;
    private string _project = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new PortfolioFactory();
        _officer = await _factory.ApiClientAsync("officer@portfolio.local");
        var list = JsonNode.Parse(await _officer.GetStringAsync("/api/projects?q=Gitega"))!;
        _project = (string)list["items"]![0]!["id"]!;
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _factory.DisposeAsync();
        PortfolioFactory.DeleteDatabase(_factory.DatabasePath);
    }

    private static readonly byte[] MinimalPdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private static MultipartFormDataContent Form(byte[] bytes, string name, string declaredType = "application/pdf")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        return new MultipartFormDataContent { { file, "file", name } };
    }

    private Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string name) =>
        client.PostAsync($"/api/projects/{_project}/attachments", Form(bytes, name));

    [Test]
    public async Task A_pdf_is_stored_with_its_hash_and_downloaded_as_an_attachment_with_the_same_bytes()
    {
        var response = await UploadAsync(_officer, MinimalPdf, "Rapport d'étape T1.pdf");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var row = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That((string)row["sha256"]!, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(MinimalPdf))));
        Assert.That((string)row["fileName"]!, Is.EqualTo("Rapport d'étape T1.pdf"));

        var download = await _officer.GetAsync(response.Headers.Location);
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(download.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/pdf"));
        Assert.That(download.Content.Headers.ContentDisposition!.DispositionType, Is.EqualTo("attachment"));
        Assert.That(download.Headers.GetValues("X-Content-Type-Options"), Does.Contain("nosniff"));
        Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(MinimalPdf));

        var list = JsonNode.Parse(await _officer.GetStringAsync($"/api/projects/{_project}/attachments"))!.AsArray();
        Assert.That(list.Select(a => (string)a!["id"]!), Does.Contain((string)row["id"]!));
    }

    [Test]
    public async Task An_attachment_whose_file_has_gone_answers_404_not_500()
    {
        var unique = Encoding.ASCII.GetBytes($"%PDF-1.4\n% {Guid.NewGuid()}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
        var response = await UploadAsync(_officer, unique, "disparu.pdf");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var options = _factory.Services.GetRequiredService<IOptions<AttachmentOptions>>().Value;
        var root = Path.IsPathRooted(options.Path) ? options.Path
            : Path.GetFullPath(Path.Combine(_factory.Services.GetRequiredService<IHostEnvironment>().ContentRootPath, options.Path));
        var stored = Directory.EnumerateFiles(root).Single(f => File.ReadAllBytes(f).SequenceEqual(unique));
        File.Delete(stored);

        var download = await _officer.GetAsync(response.Headers.Location);
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(download.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await download.Content.ReadAsStringAsync(), Does.Contain("missing").And.Not.Contain(root), "the server's paths stay private");
    }

    [TestCase("../../etc/passwd.pdf", "passwd.pdf")]
    [TestCase("..\\..\\windows\\system32.pdf", "system32.pdf")]
    [TestCase("=HYPERLINK(1).pdf", "HYPERLINK(1).pdf")]
    [TestCase("<b>alert(1)<b>.pdf", "balert(1)b.pdf")]
    [TestCase("<script>alert(1)</script>.pdf", "script.pdf")]
    [TestCase("rapport.exe", "rapport.pdf")]
    public async Task Names_are_neutralised_and_take_the_real_type_s_extension(string declared, string expected)
    {
        var response = await UploadAsync(_officer, MinimalPdf, declared);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["fileName"]!, Is.EqualTo(expected));
    }

    [Test]
    public async Task A_file_whose_content_does_not_match_an_accepted_type_is_refused()
    {
        var executable = Encoding.ASCII.GetBytes("MZ\x90\0 this is not a pdf at all");
        var response = await UploadAsync(_officer, executable, "rapport.pdf");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!["File"], Is.Not.Null);
        Assert.That((await UploadAsync(_officer, [], "vide.pdf")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task A_png_named_pdf_is_stored_as_the_png_it_is()
    {
        var response = await UploadAsync(_officer, Png, "photo-chantier.pdf");
        var row = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(((string)row["contentType"]!, (string)row["fileName"]!), Is.EqualTo(("image/png", "photo-chantier.png")));
    }

    [Test]
    public async Task A_file_over_the_limit_gets_413()
    {
        var big = new byte[21 * 1024 * 1024];
        MinimalPdf.CopyTo(big, 0);
        var response = await UploadAsync(_officer, big, "gros.pdf");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [Test]
    public async Task An_office_archive_that_would_inflate_beyond_the_limit_is_refused_before_being_read()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open())) types.Write("<Types/>");
            using var bomb = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 210; i++) bomb.Write(zeros);
        }
        Assert.That(buffer.Length, Is.LessThan(2 * 1024 * 1024), "the archive itself is small");
        var response = await UploadAsync(_officer, buffer.ToArray(), "rapport.docx");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task A_real_docx_is_accepted()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open())) types.Write("<Types/>");
            using var doc = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
            doc.Write("<w:document/>");
        }
        var response = await UploadAsync(_officer, buffer.ToArray(), "convention.docx");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task Donors_cannot_upload_nor_download_what_they_do_not_see()
    {
        var donor = await _factory.ApiClientAsync("donor@portfolio.local");
        Assert.That((await UploadAsync(donor, MinimalPdf, "x.pdf")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var hidden = JsonNode.Parse(await _officer.GetStringAsync("/api/projects?q=Nouakchott"))!["items"]![0]!["id"]!;
        var uploaded = await _officer.PostAsync($"/api/projects/{hidden}/attachments", Form(MinimalPdf, "eau.pdf"));
        Assert.That(uploaded.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await donor.GetAsync(uploaded.Headers.Location)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await donor.GetAsync($"/api/projects/{hidden}/attachments")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await _officer.GetAsync($"/api/attachments/{Guid.NewGuid()}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
