using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Domain.Documents;

public enum AttachmentOwner { Application, Project, Measurement }

/// <summary>A document attached to an application, a project or a measurement. The bytes live outside the
/// database under <see cref="StorageKey"/> (a name we make, never the user's); the SHA-256 proves they are
/// the bytes that were uploaded.</summary>
public class Attachment : Entity
{
    public const int FileNameMaxLength = 150;

    private Attachment() { FileName = ContentType = Sha256 = StorageKey = UploadedBy = string.Empty; }

    public Attachment(AttachmentOwner ownerType, Guid ownerId, string fileName, string contentType, long sizeBytes, string sha256,
        string storageKey, string uploadedBy, DateTime uploadedAtUtc)
    {
        if (sizeBytes <= 0) throw new DomainException("File.empty", "The file is empty.");
        if (sha256 is not { Length: 64 } || !sha256.All(Uri.IsHexDigit)) throw new DomainException("Sha256.invalid", "A SHA-256 has 64 hexadecimal digits.");
        OwnerType = ownerType;
        OwnerId = ownerId;
        FileName = Guard.Text(fileName, "FileName", FileNameMaxLength);
        ContentType = Guard.Text(contentType, "ContentType", 100);
        SizeBytes = sizeBytes;
        Sha256 = sha256.ToLowerInvariant();
        StorageKey = Guard.Text(storageKey, "StorageKey", 100);
        UploadedBy = Guard.Text(uploadedBy, "UploadedBy", 256);
        UploadedAtUtc = uploadedAtUtc;
    }

    public AttachmentOwner OwnerType { get; private set; }
    public Guid OwnerId { get; private set; }
    public string FileName { get; private set; }
    public string ContentType { get; private set; }
    public long SizeBytes { get; private set; }
    public string Sha256 { get; private set; }
    public string StorageKey { get; private set; }
    public string UploadedBy { get; private set; }
    public DateTime UploadedAtUtc { get; private set; }
}
