using System.IO.Compression;
using System.Text;

namespace ProjectPortfolio.Application.Attachments;

public sealed record FileKind(string ContentType, string Extension);

/// <summary>Tells what a file is from its bytes, never from its name: PDF, PNG, JPEG, Office Open XML (docx,
/// xlsx, pptx) and legacy Office (doc, xls, ppt). Archives are inspected before anything reads them: too many
/// entries or too large once uncompressed (a "zip bomb") and the file is refused.</summary>
public static class FileInspector
{
    public const long MaxUncompressedBytes = 200L * 1024 * 1024;
    public const int MaxArchiveEntries = 2_000;

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>The file's kind, or null when it is not a type we accept. The stream must be seekable; it is left at 0.</summary>
    public static FileKind? Inspect(Stream content, string declaredName)
    {
        var head = new byte[8];
        content.Position = 0;
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = 0;
        var bytes = head.AsSpan(0, read);
        var extension = Path.GetExtension(declaredName).ToLowerInvariant();

        if (bytes.StartsWith(Pdf)) return new("application/pdf", ".pdf");
        if (bytes.StartsWith(Png)) return new("image/png", ".png");
        if (bytes.StartsWith(Jpeg)) return new("image/jpeg", ".jpg");
        if (bytes.StartsWith(Ole))
            return extension switch
            {
                ".doc" => new("application/msword", ".doc"),
                ".xls" => new("application/vnd.ms-excel", ".xls"),
                ".ppt" => new("application/vnd.ms-powerpoint", ".ppt"),
                _ => null,
            };
        if (bytes.StartsWith(Zip)) return InspectOfficeArchive(content);
        return null;
    }

    private static FileKind? InspectOfficeArchive(Stream content)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxArchiveEntries) return null;
            // The sizes in the central directory are read without decompressing anything.
            if (zip.Entries.Sum(e => e.Length) > MaxUncompressedBytes) return null;
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (!names.Contains("[Content_Types].xml")) return null;
            if (names.Any(n => n.StartsWith("word/", StringComparison.Ordinal)))
                return new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
            if (names.Any(n => n.StartsWith("xl/", StringComparison.Ordinal)))
                return new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");
            if (names.Any(n => n.StartsWith("ppt/", StringComparison.Ordinal)))
                return new("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx");
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
        finally
        {
            content.Position = 0;
        }
    }

    /// <summary>A safe name to show and to offer on download: no folders ("../"), no control or reserved
    /// characters, a bounded length, and the extension of what the file really is.</summary>
    public static string SafeName(string? declaredName, FileKind kind)
    {
        var name = Path.GetFileNameWithoutExtension((declaredName ?? string.Empty).Replace('\\', '/').Split('/').Last());
        var cleaned = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            if (char.IsControl(c) || "<>:\"/\\|?*".Contains(c, StringComparison.Ordinal)) continue;
            cleaned.Append(c);
        }
        var stem = cleaned.ToString().Trim().Trim('.').TrimStart('=', '+', '-', '@');
        if (stem.Length == 0) stem = "document";
        if (stem.Length > 100) stem = stem[..100];
        return stem + kind.Extension;
    }
}
