using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProjectPortfolio.Application;
using ProjectPortfolio.Application.Attachments;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Domain.Auditing;
using ProjectPortfolio.Infrastructure;
using ProjectPortfolio.Infrastructure.Persistence;
using ProjectPortfolio.Infrastructure.Seeding;
using ProjectPortfolio.Web.Endpoints;
using ProjectPortfolio.Web.Infrastructure;

namespace ProjectPortfolio.Web;

public static class WebApp
{
    public static readonly CultureInfo[] Cultures = [new("fr-FR"), new("en-GB")];

    /// <summary>The scheme that picks the bearer token when the request carries one, and the cookie otherwise.</summary>
    public const string CookieOrBearer = "CookieOrBearer";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        ConfigureServices(builder);
        var app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    public static void ConfigureServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddApplication();
        services.AddInfrastructure(builder.Configuration);
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddScoped<SignInThrottle>();
        services.AddReverseProxySupport(builder.Configuration);

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieOrBearer;
                options.DefaultChallengeScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, null, options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, options => options.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "portfolio.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Always Secure in Production (deployments sit behind TLS); a developer's or a test's http://localhost keeps working.
            options.Cookie.SecurePolicy = builder.Environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            // The API answers with a status code, never with a redirect to an HTML login page.
            options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });
        // A password change or a disabled account ends the user's browser sessions within this interval (at most 5 minutes).
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = SessionRevocation.CheckInterval(builder.Configuration));
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddAntiforgery(options =>
        {
            options.Cookie.SecurePolicy = builder.Environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            // French unless the user chose otherwise (the FR/EN switch sets the cookie); the browser's language is not a choice.
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        services.AddRazorPages(options =>
            {
                options.Conventions.AllowAnonymousToPage("/Account/Login");
                options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
                options.Conventions.AllowAnonymousToPage("/Error");
                options.Conventions.AllowAnonymousToPage("/Culture");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options => options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        // Uploads: the multipart and request-size limits follow the attachment limit (plus room for the form's other
        // fields), so that raising Attachments:MaxBytes is enough; Kestrel's own 30 MB default stays the floor.
        var uploadLimit = (builder.Configuration.GetValue<long?>("Attachments:MaxBytes") ?? new AttachmentOptions().MaxBytes) + UploadLimits.MultipartOverhead;
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(options => options.MultipartBodyLengthLimit = uploadLimit);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options =>
            options.Limits.MaxRequestBodySize = Math.Max(options.Limits.MaxRequestBodySize ?? 0, uploadLimit));
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.Configure<RouteOptions>(options => options.LowercaseUrls = true);
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false));
        });
    }

    private static Task ApiAwareRedirect(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public static void ConfigurePipeline(WebApplication app)
    {
        // First: everything after it (HSTS, cookies' Secure flag, the sign-in throttle, the audit) sees the client's
        // address and scheme, not the reverse proxy's (ReverseProxy, docs/operations.md "Running several nodes").
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        // Outermost but for the headers, so it sees the final status: a 403 from an authorization policy or from a
        // ForbiddenAccessException turned into ProblemDetails by the exception handler.
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Response.StatusCode == StatusCodes.Status403Forbidden)
                await context.RequestServices.GetRequiredService<SecurityAuditLog>().RecordAsync(AuditAction.AccessDenied,
                    context.User.FindFirstValue(ClaimTypes.NameIdentifier), context.User.Identity?.Name, context.Request.Method + " " + context.Request.Path);
        });
        // HSTS in Production only: a developer's or a test's http://localhost must not be pinned to HTTPS.
        if (app.Environment.IsProduction()) app.UseHsts();
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"),
            api => api.UseExceptionHandler());
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"),
            pages => pages.UseExceptionHandler("/Error"));
        app.UseStatusCodePages(async context =>
        {
            // API errors without a body (401 from the auth layer, 404 of unknown routes) still get ProblemDetails.
            if (context.HttpContext.Request.Path.StartsWithSegments("/api"))
            {
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context.HttpContext, ProblemDetails = new ProblemDetails { Status = context.HttpContext.Response.StatusCode } });
            }
        });

        // A page that is not there, or not in the user's scope, answers 404 with the site's own page: a bare 404
        // shows the browser's error screen, which looks like a broken site. The status stays 404.
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"),
            pages => pages.UseStatusCodePagesWithReExecute("/Error", "?status={0}"));

        app.UseStaticFiles();
        app.UseNoStoreForDynamicContent();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseBearerStampCheck();
        app.UseAuthorization();

        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapRazorPages();
        app.MapApi();
    }
}

public sealed class DatabaseHealthCheck(ProjectPortfolio.Infrastructure.Persistence.ApplicationDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database cannot be reached.");
}
