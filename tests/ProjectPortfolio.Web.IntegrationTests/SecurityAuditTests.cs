using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectPortfolio.Domain.Auditing;
using ProjectPortfolio.Infrastructure.Persistence;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>Security events reach the audit trail through real HTTP: sign-in, failed sign-in, denied access.</summary>
public class SecurityAuditTests
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

    private async Task<List<AuditEntry>> SecurityEntriesAsync()
    {
        using var scope = _factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().AuditEntries
            .Where(a => a.EntityType == "Security").OrderBy(a => a.AtUtc).ToListAsync();
    }

    [Test]
    public async Task A_failed_api_sign_in_records_the_email_tried_and_never_the_password()
    {
        using var client = _factory.CreateClient();
        const string password = "wrong-password-SHOULD-NOT-BE-LOGGED";
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = "officer@portfolio.local", password });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        var entries = await SecurityEntriesAsync();
        Assert.That(entries.Any(a => a.Action == AuditAction.SignInFailed && a.UserName == "officer@portfolio.local"), Is.True);
        Assert.That(entries.Select(a => a.UserName + a.EntityId + a.Changes), Has.None.Contains("SHOULD-NOT-BE-LOGGED"));
    }

    [Test]
    public async Task A_successful_sign_in_is_recorded()
    {
        await _factory.ApiClientAsync("bureau@portfolio.local");
        Assert.That((await SecurityEntriesAsync()).Any(a => a.Action == AuditAction.SignIn && a.UserName == "bureau@portfolio.local"), Is.True);
    }

    [Test]
    public async Task A_refused_api_request_is_recorded_as_access_denied_with_the_user()
    {
        var donor = await _factory.ApiClientAsync("donor@portfolio.local");
        var write = await donor.PostAsJsonAsync("/api/projects", new { title = "x" });
        Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var denied = (await SecurityEntriesAsync()).Where(a => a.Action == AuditAction.AccessDenied).ToList();
        Assert.That(denied.Any(a => a.EntityId == "POST /api/projects" && a.UserName == "donor@portfolio.local"), Is.True,
            string.Join("; ", denied.Select(a => $"{a.UserName} {a.EntityId}")));
    }
}
