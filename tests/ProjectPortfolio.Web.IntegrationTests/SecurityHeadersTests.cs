using System.Net;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>The headers that keep pages out of frames, scripts out of the pages and financial data out of caches,
/// on pages, API answers, errors and reports, and what static files get instead.</summary>
public class SecurityHeadersTests
{
    private PortfolioFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new PortfolioFactory();

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _factory.DisposeAsync();
        PortfolioFactory.DeleteDatabase(_factory.DatabasePath);
    }

    private static void AssertProtective(HttpResponseMessage response)
    {
        var headers = response.Headers;
        Assert.That(headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
        Assert.That(headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }));
        Assert.That(headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("strict-origin-when-cross-origin"));
        var csp = headers.GetValues("Content-Security-Policy").Single();
        Assert.That(csp, Does.Contain("frame-ancestors 'none'").And.Contain("script-src 'self'").And.Contain("object-src 'none'"));
        Assert.That(csp, Does.Not.Contain("unsafe-inline").And.Not.Contain("unsafe-eval"));
    }

    private static void AssertNotStored(HttpResponseMessage response) =>
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True, $"Cache-Control of {response.RequestMessage!.RequestUri}");

    [TestCase("/Projects")]
    [TestCase("/portfolio")]
    [TestCase("/Account/Login")]
    public async Task Pages_carry_the_policy_and_are_never_cached(string path)
    {
        var browser = await _factory.SignedInBrowserAsync("officer@portfolio.local");
        var response = await browser.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertProtective(response);
        AssertNotStored(response);
    }

    [Test]
    public async Task Api_answers_errors_and_reports_carry_the_policy_and_are_never_cached()
    {
        var api = await _factory.ApiClientAsync("officer@portfolio.local");
        var list = await api.GetAsync("/api/projects?pageSize=1");
        var unknown = await api.GetAsync($"/api/projects/{Guid.NewGuid()}");
        var anonymous = await _factory.CreateClient().GetAsync("/api/projects");
        Assert.That((list.StatusCode, unknown.StatusCode, anonymous.StatusCode),
            Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized)));
        foreach (var response in new[] { list, unknown, anonymous })
        {
            AssertProtective(response);
            AssertNotStored(response);
        }
    }

    [Test]
    public async Task Static_files_are_protected_but_may_be_cached()
    {
        var response = await _factory.CreateClient().GetAsync("/css/site.css");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertProtective(response);
        Assert.That(response.Headers.CacheControl?.NoStore ?? false, Is.False);
    }

    [Test]
    public async Task Outside_production_no_HSTS_pins_a_developer_to_HTTPS()
    {
        var response = await _factory.CreateClient().GetAsync("/health");
        Assert.That(response.Headers.Contains("Strict-Transport-Security"), Is.False);
    }
}
