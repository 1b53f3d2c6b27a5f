using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace ProjectPortfolio.BrowserTests;

/// <summary>The real application on a real Kestrel port (loopback) over a fresh SQLite file with the sample
/// portfolio, and Debian's Chromium driven by Playwright. Without Chromium the journeys are skipped with the
/// reason, except in CI (CI=true) where its absence is a failure.</summary>
[SetUpFixture]
public class BrowserFixture
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string Password = "browser-tests-password";

    private static AppFactory? _app;
    private static IPlaywright? _playwright;

    public static string BaseUrl { get; private set; } = string.Empty;
    public static IBrowser? Browser { get; private set; }
    public static string? SkipReason { get; private set; }

    public static string RepositoryRoot { get; } = FindRoot();

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            SkipReason = $"Chromium is not installed at {ChromiumPath} (apt-get install chromium).";
            if (Environment.GetEnvironmentVariable("CI") == "true")
                Assert.Fail(SkipReason + " CI must install it: the browser journeys cannot be skipped there.");
            return;
        }

        var port = FreePort();
        _app = new AppFactory(Path.Combine(Path.GetTempPath(), $"portfolio-browser-{Guid.NewGuid():N}.db"));
        _app.UseKestrel(port);
        _app.StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // As root in a sandbox, with no network but loopback: no sandbox, no background calls to the internet.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                if (File.Exists(_app.DatabasePath + suffix)) File.Delete(_app.DatabasePath + suffix);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProjectPortfolio.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    private sealed class AppFactory(string databasePath) : WebApplicationFactory<Program>
    {
        public string DatabasePath { get; } = databasePath;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Portfolio", $"Data Source={DatabasePath}");
            builder.UseSetting("Demo:Password", Password);
            // Every journey signs in from 127.0.0.1 through one server: the sign-in throttle would count them all.
            builder.UseSetting("Security:SignIn:PerAddress", "10000");
            builder.UseSetting("Security:SignIn:PerAccount", "10000");
        }
    }
}

/// <summary>Base of the journeys: a fresh browser context (cookies, language) per test, French by default.</summary>
public abstract class Journey
{
    protected IBrowserContext Context { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;

    [SetUp]
    public async Task OpenBrowserAsync()
    {
        if (BrowserFixture.SkipReason is not null) Assert.Ignore(BrowserFixture.SkipReason);
        Context = await BrowserFixture.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BrowserFixture.BaseUrl, Locale = "fr-FR", ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        Context.SetDefaultTimeout(15_000);
        Page = await Context.NewPageAsync();
        _policyViolations.Clear();
        // The content security policy forbids inline script and style: a page that needs them would break for users,
        // so any violation the browser reports fails the journey.
        Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) _policyViolations.Add($"{Page.Url}: {message.Text}");
        };
    }

    private readonly List<string> _policyViolations = [];

    /// <summary>What the browser reported against the content security policy so far in this test.</summary>
    protected List<string> PolicyViolations => _policyViolations;

    [TearDown]
    public async Task CloseBrowserAsync()
    {
        if (Context is not null) await Context.CloseAsync();
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Passed)
            Assert.That(_policyViolations, Is.Empty, "The browser reported content security policy violations.");
    }

    protected Task SignInAsync(string email) => SignInAsync(Page, email);

    /// <summary>Signs in on another page, e.g. a second user's browser context in the same journey.</summary>
    protected static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(BrowserFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        // A PBKDF2 check (210,000 iterations) plus the shared sign-in counter: seconds on a loaded 2-core machine.
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal), new() { Timeout = 60_000 });
    }

    /// <summary>Saves a screenshot into the user guide: the guide's pictures come from the test run, so they stay current.</summary>
    protected async Task ScreenshotForGuideAsync(string name)
    {
        var folder = Path.Combine(BrowserFixture.RepositoryRoot, "docs", "user-guide", "images");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = false });
    }
}
