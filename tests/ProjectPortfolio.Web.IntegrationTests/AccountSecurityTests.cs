using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ProjectPortfolio.Infrastructure;
using ProjectPortfolio.Infrastructure.Identity;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>How passwords are kept and how sign-in resists guessing.</summary>
public class AccountSecurityTests
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

    [Test]
    public async Task Password_hashes_use_PBKDF2_with_at_least_210000_iterations()
    {
        // Sign in once: the demo accounts were hashed at start-up; a sign-in must keep or upgrade the strong format.
        Assert.That((await _factory.ApiClientAsync("bureau@portfolio.local")), Is.Not.Null);
        using var scope = _factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync("bureau@portfolio.local");
        var hash = Convert.FromBase64String(user!.PasswordHash!);
        // ASP.NET Core Identity v3 format: 0x01, PRF (4 bytes), iteration count (4 bytes, big-endian), salt length, salt, subkey.
        Assert.That(hash[0], Is.EqualTo(0x01));
        Assert.That(BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5, 4)), Is.GreaterThanOrEqualTo(210_000u));
        Assert.That(DependencyInjection.PasswordIterations, Is.GreaterThanOrEqualTo(210_000));
    }

    [Test]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var client = _factory.CreateClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var wrong = await client.PostAsJsonAsync("/api/auth/login", new { email = "officer2@portfolio.local", password = "not-the-password-" + attempt });
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }
        var right = await client.PostAsJsonAsync("/api/auth/login", new { email = "officer2@portfolio.local", password = PortfolioFactory.Password });
        Assert.That(right.StatusCode, Is.Not.EqualTo(HttpStatusCode.OK), "a locked-out account signed in");
    }
}

/// <summary>The sign-in throttle, on a server of its own with small limits.</summary>
public class SignInThrottleTests
{
    [Test]
    public async Task Attempts_beyond_the_limit_for_one_account_get_429_on_the_API_and_on_the_page()
    {
        await using var factory = new PortfolioFactory { SignInPerAccount = 3 };
        try
        {
            var client = factory.CreateClient();
            for (var attempt = 0; attempt < 3; attempt++)
                Assert.That((await client.PostAsJsonAsync("/api/auth/login", new { email = "bureau@portfolio.local", password = "wrong-password-" + attempt })).StatusCode,
                    Is.EqualTo(HttpStatusCode.Unauthorized));
            var refused = await client.PostAsJsonAsync("/api/auth/login", new { email = "BUREAU@portfolio.local ", password = PortfolioFactory.Password });
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "the account's limit ignores case and spaces");
            Assert.That(refused.Headers.RetryAfter, Is.Not.Null);

            var browser = factory.Browser();
            var login = await Html.GetAsync(browser, "/Account/Login");
            var form = Html.FormValues(login);
            form["Input.Email"] = "bureau@portfolio.local";
            form["Input.Password"] = PortfolioFactory.Password;
            var page = await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(form));
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("Trop de tentatives de connexion"));

            // Another account from the same address is not held back by this one's attempts.
            Assert.That((await client.PostAsJsonAsync("/api/auth/login", new { email = "officer@portfolio.local", password = PortfolioFactory.Password })).StatusCode,
                Is.EqualTo(HttpStatusCode.OK));
        }
        finally
        {
            PortfolioFactory.DeleteDatabase(factory.DatabasePath);
        }
    }

    [Test]
    public async Task Attempts_beyond_the_limit_for_one_address_get_429_whatever_the_account()
    {
        await using var factory = new PortfolioFactory { SignInPerAddress = 4 };
        try
        {
            var client = factory.CreateClient();
            var statuses = new List<HttpStatusCode>();
            foreach (var email in new[] { "a@portfolio.local", "b@portfolio.local", "c@portfolio.local", "d@portfolio.local", "officer@portfolio.local" })
                statuses.Add((await client.PostAsJsonAsync("/api/auth/login", new { email, password = PortfolioFactory.Password })).StatusCode);
            Assert.That(statuses.Take(4), Is.All.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(statuses[4], Is.EqualTo(HttpStatusCode.TooManyRequests));
        }
        finally
        {
            PortfolioFactory.DeleteDatabase(factory.DatabasePath);
        }
    }
}
