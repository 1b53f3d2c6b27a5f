using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ProjectPortfolio.Infrastructure.Identity;
using ProjectPortfolio.Web.Infrastructure;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>A password change (the security stamp renewed) ends the user's sessions: the browser's cookie at its next
/// check, the bearer token at its next request. The check interval is 0 here so the test need not wait.</summary>
public class SessionRevocationTests
{
    [Test]
    public async Task After_a_password_change_the_signed_in_browser_and_the_bearer_client_are_refused()
    {
        await using var factory = new PortfolioFactory { SessionCheckSeconds = 0 };
        try
        {
            var browser = await factory.SignedInBrowserAsync("bureau@portfolio.local");
            var api = await factory.ApiClientAsync("bureau@portfolio.local");
            Assert.That((await browser.GetAsync("/Projects")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await api.GetAsync("/api/projects")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

            using (var scope = factory.Services.CreateScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
                var user = await users.FindByEmailAsync("bureau@portfolio.local");
                var changed = await users.ChangePasswordAsync(user!, PortfolioFactory.Password, "a brand new passphrase 42");
                Assert.That(changed.Succeeded, Is.True, string.Join("; ", changed.Errors.Select(e => e.Description)));
            }

            var page = await browser.GetAsync("/Projects");
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(page.Headers.Location!.ToString(), Does.Contain("/Account/Login"));
            var refused = await api.GetAsync("/api/projects");
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("session has ended"));

            // Another account's token is untouched: only the changed account's sessions end.
            var other = await factory.ApiClientAsync("officer@portfolio.local");
            Assert.That((await other.GetAsync("/api/projects")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        finally
        {
            PortfolioFactory.DeleteDatabase(factory.DatabasePath);
        }
    }

    [Test]
    public async Task The_production_check_interval_is_at_most_five_minutes_and_no_setting_raises_it()
    {
        await using var factory = new PortfolioFactory { SessionCheckSeconds = 86_400 };
        try
        {
            var options = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value;
            Assert.That(options.ValidationInterval, Is.EqualTo(TimeSpan.FromMinutes(5)), "a day was asked for, 5 minutes is the most");
            var defaults = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
            Assert.That(SessionRevocation.CheckInterval(defaults), Is.EqualTo(TimeSpan.FromMinutes(5)), "the setting's default");
        }
        finally
        {
            PortfolioFactory.DeleteDatabase(factory.DatabasePath);
        }
    }
}
