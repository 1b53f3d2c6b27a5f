namespace ProjectPortfolio.Web.Infrastructure;

/// <summary>The response headers every answer carries (OWASP ASVS V3/V14): a content security policy with no inline
/// script or style (the pages have none, and the browser journeys fail on any violation), no framing, no MIME
/// sniffing, a restrained referrer, and no caching of anything but the static files, because pages and API answers
/// hold financial and personal data.</summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Headers for every response, static files included; registered first so that even errors carry them.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return Task.CompletedTask;
        });
        await next();
    });

    /// <summary>Registered after the static files: whatever reaches it is a page, an API answer or a report, never
    /// to be kept by a browser or a shared proxy.</summary>
    public static IApplicationBuilder UseNoStoreForDynamicContent(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers.Pragma = "no-cache";
            return Task.CompletedTask;
        });
        await next();
    });
}
