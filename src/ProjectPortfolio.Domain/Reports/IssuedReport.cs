using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Domain.Reports;

/// <summary>A report as it was handed out: the kind and parameters it was generated with, its language, who issued
/// it and when, and the SHA-256 of the bytes stored under <see cref="Sha256"/> (the storage name is the hash, so the
/// file cannot be swapped without the record noticing). There is no method that changes it: a later correction of
/// the data makes a new report, never a different old one.</summary>
public class IssuedReport : Entity
{
    public const int KindMaxLength = 40;
    public const int ParametersMaxLength = 2000;
    public const int FileNameMaxLength = 150;
    public const int NoteMaxLength = 1000;
    public const int MaxRecipients = 20;

    private readonly List<IssuedReportRecipient> _recipients = [];

    private IssuedReport() { Kind = Parameters = Language = FileName = ContentType = Sha256 = IssuedById = IssuedByName = string.Empty; }

    public IssuedReport(string kind, string parameters, string language, string fileName, string contentType, long sizeBytes, string sha256,
        string issuedById, string issuedByName, DateTime issuedAtUtc, IEnumerable<Guid> recipientPartnerIds, string? note)
    {
        if (sizeBytes <= 0) throw new DomainException("File.empty", "The report is empty.");
        if (sha256 is not { Length: 64 } || !sha256.All(Uri.IsHexDigit)) throw new DomainException("Sha256.invalid", "A SHA-256 has 64 hexadecimal digits.");
        if (language is not ("fr" or "en")) throw new DomainException("Language.invalid", "The language is \"fr\" or \"en\".");
        if (issuedAtUtc.Kind != DateTimeKind.Utc) throw new DomainException("IssuedAtUtc.not-utc", "The issue time is in UTC.");
        Kind = Guard.Text(kind, "Kind", KindMaxLength);
        Parameters = Guard.Text(parameters, "Parameters", ParametersMaxLength);
        Language = language;
        FileName = Guard.Text(fileName, "FileName", FileNameMaxLength);
        ContentType = Guard.Text(contentType, "ContentType", 100);
        SizeBytes = sizeBytes;
        Sha256 = sha256.ToLowerInvariant();
        IssuedById = Guard.Text(issuedById, "IssuedById", 450);
        IssuedByName = Guard.Text(issuedByName, "IssuedByName", 256);
        IssuedAtUtc = issuedAtUtc;
        Note = Guard.OptionalText(note, "Note", NoteMaxLength);

        var recipients = recipientPartnerIds.Distinct().ToList();
        if (recipients.Count > MaxRecipients)
            throw new DomainException("Recipients.too-many", $"A report is issued for at most {MaxRecipients} partners.");
        if (recipients.Contains(Guid.Empty)) throw new DomainException("Recipients.invalid", "A recipient is a partner's id.");
        _recipients.AddRange(recipients.Select(id => new IssuedReportRecipient(Id, id)));
    }

    /// <summary>What was generated, as a registry code ("project-fact-sheet", "session-minutes", ...).</summary>
    public string Kind { get; private set; }
    /// <summary>The parameters of the generation as canonical JSON (keys sorted, no spaces): equal parameters give equal text.</summary>
    public string Parameters { get; private set; }
    public string Language { get; private set; }
    public string FileName { get; private set; }
    public string ContentType { get; private set; }
    public long SizeBytes { get; private set; }
    public string Sha256 { get; private set; }
    public string IssuedById { get; private set; }
    public string IssuedByName { get; private set; }
    public DateTime IssuedAtUtc { get; private set; }
    public string? Note { get; private set; }
    /// <summary>The partners (donors) it was issued for; their users may see and download it. Empty: staff only.</summary>
    public IReadOnlyCollection<IssuedReportRecipient> Recipients => _recipients;
}

/// <summary>One partner an issued report was issued for.</summary>
public class IssuedReportRecipient
{
    private IssuedReportRecipient() { }

    internal IssuedReportRecipient(Guid issuedReportId, Guid partnerId)
    {
        IssuedReportId = issuedReportId;
        PartnerId = partnerId;
    }

    public Guid IssuedReportId { get; private set; }
    public Guid PartnerId { get; private set; }
}
