using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
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

    [Test]
    public async Task Two_nodes_on_one_database_share_the_count()
    {
        // Issue 7: attempts made through node A and node B count together, so two nodes allow no more than one.
        await using var nodeA = new PortfolioFactory { SignInPerAccount = 3 };
        await using var nodeB = new PortfolioFactory(nodeA.DatabasePath) { SignInPerAccount = 3 };
        try
        {
            var onA = nodeA.CreateClient();
            var onB = nodeB.CreateClient();
            var first = new[] { onA, onB, onA };
            for (var attempt = 0; attempt < first.Length; attempt++)
                Assert.That((await first[attempt].PostAsJsonAsync("/api/auth/login", new { email = "bureau@portfolio.local", password = "wrong-password-" + attempt })).StatusCode,
                    Is.EqualTo(HttpStatusCode.Unauthorized), $"attempt {attempt + 1} of 3");
            Assert.That((await onB.PostAsJsonAsync("/api/auth/login", new { email = "bureau@portfolio.local", password = PortfolioFactory.Password })).StatusCode,
                Is.EqualTo(HttpStatusCode.TooManyRequests), "B counts the attempts made on A");
            Assert.That((await onA.PostAsJsonAsync("/api/auth/login", new { email = "bureau@portfolio.local", password = PortfolioFactory.Password })).StatusCode,
                Is.EqualTo(HttpStatusCode.TooManyRequests), "and A those made on B");
        }
        finally
        {
            PortfolioFactory.DeleteDatabase(nodeA.DatabasePath);
        }
    }

    [Test]
    public async Task Behind_a_declared_proxy_each_forwarded_client_address_has_its_own_count()
    {
        // Every request arrives from the proxy (192.0.2.10); the client is in X-Forwarded-For.
        await using var factory = ServerSeeing("192.0.2.10", declaredProxy: "192.0.2.10");
        try
        {
            var client = factory.CreateClient();
            Assert.That(await AttemptAsync(client, "198.51.100.1"), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await AttemptAsync(client, "198.51.100.1"), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await AttemptAsync(client, "198.51.100.1"), Is.EqualTo(HttpStatusCode.TooManyRequests), "the forwarded client used its attempts");
            Assert.That(await AttemptAsync(client, "198.51.100.2"), Is.EqualTo(HttpStatusCode.Unauthorized), "another client behind the same proxy is not held back");
        }
        finally
        {
            PortfolioFactory.DeleteDatabase(factory.DatabasePath);
        }
    }

    [Test]
    public async Task A_forwarded_address_from_an_undeclared_sender_is_ignored()
    {
        await using var factory = ServerSeeing("203.0.113.50", declaredProxy: null);
        try
        {
            var client = factory.CreateClient();
            // A client that writes its own X-Forwarded-For, a new one each time, to escape the per-address limit.
            var statuses = new List<HttpStatusCode>();
            foreach (var claimed in new[] { "198.51.100.1", "198.51.100.2", "198.51.100.3" })
                statuses.Add(await AttemptAsync(client, claimed));
            Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        }
        finally
        {
            PortfolioFactory.DeleteDatabase(factory.DatabasePath);
        }
    }

    /// <summary>A server allowing 2 attempts per address, on which every request comes from <paramref name="remote"/>,
    /// with <paramref name="declaredProxy"/> as ReverseProxy:KnownProxies.</summary>
    private static PortfolioFactory ServerSeeing(string remote, string? declaredProxy) => new()
    {
        SignInPerAddress = 2,
        ConfigureHost = builder =>
        {
            if (declaredProxy is not null) builder.UseSetting("ReverseProxy:KnownProxies:0", declaredProxy);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new FromAddress(IPAddress.Parse(remote))));
        },
    };

    private static async Task<HttpStatusCode> AttemptAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email = "nobody@portfolio.local", password = "wrong-password" }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await client.SendAsync(request)).StatusCode;
    }

    /// <summary>Makes every request come from one address, as the test server gives none: the proxy, or a client.</summary>
    private sealed class FromAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
