using System.Net.Http.Headers;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using ProjectPortfolio.Testing;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>The whole application on a real SQLite file: startup migrates it, loads the sample portfolio and
/// creates the demo accounts, exactly as a first run does. With PORTFOLIO_TEST_PROVIDER=PostgreSql
/// (tests/Shared/TestDatabases.cs) the same on a PostgreSQL database named after the path, which startup creates.</summary>
public sealed class PortfolioFactory : WebApplicationFactory<Program>
{
    public const string Password = "integration-tests-password";

    public PortfolioFactory(string? databasePath = null)
    {
        DatabasePath = databasePath ?? Path.Combine(Path.GetTempPath(), "portfolio-web-" + Guid.NewGuid().ToString("N") + ".db");
    }

    public string DatabasePath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        if (TestDatabases.UsePostgreSql)
        {
            builder.UseSetting("Database:Provider", "PostgreSql");
            builder.UseSetting("ConnectionStrings:Portfolio", TestDatabases.ConnectionString(TestDatabases.NameFor(DatabasePath)));
        }
        else
        {
            builder.UseSetting("ConnectionStrings:Portfolio", $"Data Source={DatabasePath}");
        }
        builder.UseSetting("Demo:Password", Password);
        if (IssuedReportsPath is not null) builder.UseSetting("IssuedReports:Path", IssuedReportsPath);
        // Test classes sign in many times from one address; the throttle has its own tests with its own limits.
        builder.UseSetting("Security:SignIn:PerAddress", SignInPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Security:SignIn:PerAccount", SignInPerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (SessionCheckSeconds is { } seconds)
            builder.UseSetting("Security:SessionCheckSeconds", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ConfigureHost?.Invoke(builder);
    }

    /// <summary>More settings or services for one test's server (a declared reverse proxy, say).</summary>
    public Action<IWebHostBuilder>? ConfigureHost { get; init; }

    /// <summary>Where issued reports are stored; the default folder under the content root when null.</summary>
    public string? IssuedReportsPath { get; init; }

    public int SignInPerAddress { get; init; } = 10_000;
    public int SignInPerAccount { get; init; } = 10_000;

    /// <summary>How often sign-in cookies are checked against the account (Security:SessionCheckSeconds); the
    /// production setting (5 minutes) when null.</summary>
    public int? SessionCheckSeconds { get; init; }

    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<HttpClient> ApiClientAsync(string email)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Signs a cookie-based browser in through the real login form (antiforgery token included).</summary>
    public async Task<HttpClient> SignedInBrowserAsync(string email)
    {
        var browser = Browser();
        var form = await Html.GetAsync(browser, "/Account/Login");
        var response = await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = Password, ["__RequestVerificationToken"] = Html.Token(form),
        }));
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in of {email} failed: {(int)response.StatusCode}");
        return browser;
    }

    public static void DeleteDatabase(string path)
    {
        if (TestDatabases.UsePostgreSql)
        {
            TestDatabases.Drop(TestDatabases.NameFor(path));
            return;
        }
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            if (File.Exists(file)) File.Delete(file);
    }

    private sealed record TokenResponse(string AccessToken);
}

public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    public static string Token(IHtmlDocument page) =>
        page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException("No antiforgery token on the page.");

    /// <summary>Every named field of the page's main form, as the browser would post it.</summary>
    public static Dictionary<string, string> FormValues(IHtmlDocument page, string selector = "main form")
    {
        var form = (IHtmlFormElement)page.QuerySelector(selector)!;
        var values = new Dictionary<string, string>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type != "submit":
                    values[input.Name!] = input.Value;
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    values[area.Name!] = area.Value;
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !select.IsMultiple:
                    values[select.Name!] = select.Value ?? string.Empty;
                    break;
            }
        }
        return values;
    }

    /// <summary>The error shown next to a field (the span that ASP.NET's validation tag helper fills).</summary>
    public static string? FieldError(IHtmlDocument page, string field) =>
        page.QuerySelector($"span.field-error[data-valmsg-for='{field}']")?.TextContent.Trim() is { Length: > 0 } text ? text : null;
}
