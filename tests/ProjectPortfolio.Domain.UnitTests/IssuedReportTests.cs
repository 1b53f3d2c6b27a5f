using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Reports;

namespace ProjectPortfolio.Domain.UnitTests;

/// <summary>An issued report checks what it records, and offers nothing that changes it afterwards.</summary>
public class IssuedReportTests
{
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static readonly DateTime Now = new(2026, 12, 2, 1, 0, 0, DateTimeKind.Utc);

    private static IssuedReport Issue(string sha = Sha, string language = "fr", long size = 1234, IEnumerable<Guid>? recipients = null,
        DateTime? at = null, string? note = null) =>
        new("project-fact-sheet", "{\"projectId\":\"x\"}", language, "AIMF-2022-002-fr.pdf", "application/pdf", size, sha,
            "user-1", "Chargée de programme", at ?? Now, recipients ?? [], note);

    [Test]
    public void It_records_what_it_is_given_with_the_hash_in_lower_case_and_each_recipient_once()
    {
        var partner = Guid.NewGuid();
        var report = Issue(Sha.ToUpperInvariant(), recipients: [partner, partner], note: "  Pour le comité  ");
        Assert.That(report.Sha256, Is.EqualTo(Sha));
        Assert.That(report.Recipients.Select(r => r.PartnerId), Is.EqualTo(new[] { partner }));
        Assert.That(report.Recipients.Single().IssuedReportId, Is.EqualTo(report.Id));
        Assert.That(report.Note, Is.EqualTo("Pour le comité"));
        Assert.That(report.IssuedAtUtc, Is.EqualTo(Now));
    }

    [TestCase("abc", "Sha256.invalid")]
    [TestCase("zz86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "Sha256.invalid")]
    public void A_hash_that_is_not_64_hex_digits_is_refused(string sha, string code) =>
        Assert.That(() => Issue(sha), Throws.TypeOf<DomainException>().With.Property(nameof(DomainException.Code)).EqualTo(code));

    [Test]
    public void Empty_files_other_languages_local_times_too_many_or_empty_recipients_and_long_notes_are_refused()
    {
        Assert.That(() => Issue(size: 0), Throws.TypeOf<DomainException>().With.Property("Code").EqualTo("File.empty"));
        Assert.That(() => Issue(language: "de"), Throws.TypeOf<DomainException>().With.Property("Code").EqualTo("Language.invalid"));
        Assert.That(() => Issue(at: new DateTime(2026, 12, 2, 1, 0, 0, DateTimeKind.Local)), Throws.TypeOf<DomainException>().With.Property("Code").EqualTo("IssuedAtUtc.not-utc"));
        Assert.That(() => Issue(recipients: Enumerable.Range(0, IssuedReport.MaxRecipients + 1).Select(_ => Guid.NewGuid())),
            Throws.TypeOf<DomainException>().With.Property("Code").EqualTo("Recipients.too-many"));
        Assert.That(() => Issue(recipients: [Guid.Empty]), Throws.TypeOf<DomainException>().With.Property("Code").EqualTo("Recipients.invalid"));
        Assert.That(() => Issue(note: new string('x', IssuedReport.NoteMaxLength + 1)), Throws.TypeOf<DomainException>().With.Property("Code").EqualTo("Note.too-long"));
    }

    [Test]
    public void Nothing_public_changes_it_after_it_is_issued()
    {
        var writable = typeof(IssuedReport).GetProperties().Where(p => p.SetMethod is { IsPublic: true }).Select(p => p.Name);
        var methods = typeof(IssuedReport).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName).Select(m => m.Name);
        Assert.That(writable, Is.Empty);
        Assert.That(methods, Is.Empty);
        Assert.That(typeof(IssuedReport).GetProperty(nameof(IssuedReport.Recipients))!.PropertyType, Is.EqualTo(typeof(IReadOnlyCollection<IssuedReportRecipient>)));
    }
}
