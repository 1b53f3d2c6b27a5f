using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Infrastructure.Identity;
using ProjectPortfolio.Web;
using ProjectPortfolio.Web.Infrastructure;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>Common and personal passwords are refused by the running application's UserManager (the validator as
/// registered, the embedded list as built), and the refusal reads in French and English.</summary>
public class PasswordPolicyTests
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

    private async Task<IdentityResult> CreateAsync(string email, string displayName, string password)
    {
        using var scope = _factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.CreateAsync(new ApplicationUser { UserName = email, Email = email, DisplayName = displayName }, password);
    }

    [Test]
    public void The_embedded_list_is_loaded_and_holds_only_entries_the_length_rule_lets_through()
    {
        Assert.That(CommonPasswordValidator.Count, Is.GreaterThan(40_000));
        Assert.That(CommonPasswordValidator.IsCommon("qwertyuiop123"), Is.True);
        Assert.That(CommonPasswordValidator.IsCommon("integration-tests-password"), Is.False);
    }

    [TestCase("qwertyuiop123")]
    [TestCase("QWERTYUIOP123")]
    [TestCase("1q2w3e4r5t6y")]
    [TestCase("Iloveyou1234")]
    public async Task A_common_password_is_refused_whatever_its_case_and_no_account_is_created(string password)
    {
        var email = $"common-{Guid.NewGuid():N}@portfolio.local";
        var result = await CreateAsync(email, "Awa Diallo", password);
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Errors.Select(e => e.Code), Does.Contain(CommonPasswordValidator.CommonCode));
        using var scope = _factory.Services.CreateScope();
        Assert.That(await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email), Is.Null);
    }

    [TestCase("moussa.keita@mairie.example", "Moussa Keïta", "moussa.keita@mairie.example")]
    [TestCase("moussa.keita@mairie.example", "Moussa Keïta", "MOUSSA.KEITA-zebra-lamp")]
    [TestCase("a.b@mairie.example", "Fatoumata Konaté", "fatoumata konaté 2026!")]
    public async Task A_password_made_of_the_users_own_email_or_name_is_refused(string email, string name, string password)
    {
        var result = await CreateAsync(email, name, password);
        Assert.That(result.Errors.Select(e => e.Code), Does.Contain(CommonPasswordValidator.PersonalCode));
    }

    [Test]
    public async Task A_long_unusual_password_is_accepted_even_with_a_short_name_inside()
    {
        // "Ana" is under 4 characters: a name that short would forbid too much to be worth refusing.
        var result = await CreateAsync($"ana-{Guid.NewGuid():N}@portfolio.local", "Ana", "banana lamp orbit river");
        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    [Test]
    public async Task The_refusals_have_French_and_English_messages()
    {
        var result = await CreateAsync($"x-{Guid.NewGuid():N}@portfolio.local", "Xavier", "password1234");
        var error = result.Errors.Single(e => e.Code == CommonPasswordValidator.CommonCode);
        var localizer = _factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("fr-FR");
            Assert.That(IdentityErrorText.Translate(localizer, error), Does.StartWith("Ce mot de passe fait partie des plus courants"));
            Assert.That(IdentityErrorText.Translate(localizer, new IdentityError { Code = CommonPasswordValidator.PersonalCode, Description = "x" }),
                Does.Contain("adresse électronique"));
            CultureInfo.CurrentUICulture = new CultureInfo("en-GB");
            Assert.That(IdentityErrorText.Translate(localizer, error), Does.StartWith("This password is one of the most common"));
            Assert.That(IdentityErrorText.Translate(localizer, new IdentityError { Code = CommonPasswordValidator.PersonalCode, Description = "x" }),
                Does.Contain("email address"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
