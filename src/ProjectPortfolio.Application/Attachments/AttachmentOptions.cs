namespace ProjectPortfolio.Application.Attachments;

public sealed class AttachmentOptions
{
    public const string Section = "Attachments";

    /// <summary>Largest file accepted, in bytes (default 20 MB).</summary>
    public long MaxBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Folder of the stored files; relative paths are under the application's content root.</summary>
    public string Path { get; set; } = "data/attachments";
}
