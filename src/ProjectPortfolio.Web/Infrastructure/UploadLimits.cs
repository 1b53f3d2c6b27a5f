namespace ProjectPortfolio.Web.Infrastructure;

/// <summary>Room for a multipart body's boundaries and other form fields around the file: a request larger than the
/// file limit plus this is refused before anything is read.</summary>
public static class UploadLimits
{
    public const long MultipartOverhead = 64 * 1024;
}
