using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Import;
using ProjectPortfolio.Infrastructure.Identity;
using ProjectPortfolio.Infrastructure.Persistence;

namespace ProjectPortfolio.Infrastructure.Seeding;

/// <summary>Brings the database to the current schema and, on a brand-new database, fills it with the sample
/// portfolio and the demo accounts so that a new user can try everything at once.</summary>
public sealed class DatabaseInitialiser(
    ApplicationDbContext db,
    StaleMigrationLock staleMigrationLock,
    PortfolioImporter importer,
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<DemoOptions> options,
    ILogger<DatabaseInitialiser> logger)
{
    public static readonly (string Email, string Name, string Role)[] DemoAccounts =
    [
        ("admin@portfolio.local", "Administratrice", Roles.Administrator),
        ("officer@portfolio.local", "Chargée de programme", Roles.ProgrammeOfficer),
        ("officer2@portfolio.local", "Chargé de programme (2)", Roles.ProgrammeOfficer),
        ("bureau@portfolio.local", "Membre du Bureau", Roles.BureauMember),
        ("donor@portfolio.local", "Union européenne (bailleur)", Roles.Donor),
        ("applicant@portfolio.local", "District de Rubavu (point focal)", Roles.Applicant),
    ];

    public async Task InitialiseAsync(CancellationToken ct = default)
    {
        await staleMigrationLock.ClearIfStaleAsync(ct);
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers work while one writer commits; set once, it persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        await ReferenceData.EnsureAsync(db, ct);

        var demo = options.Value;
        var isEmpty = !await db.Members.AnyAsync(ct) && !await db.Projects.AnyAsync(ct);
        if (demo.LoadSamplePortfolio && isEmpty) await LoadSampleAsync(demo, ct);
        if (demo.CreateAccounts && !await users.Users.AnyAsync(ct)) await CreateDemoAccountsAsync(demo, ct);
    }

    private async Task LoadSampleAsync(DemoOptions demo, CancellationToken ct)
    {
        var path = Path.IsPathRooted(demo.SamplePortfolioPath) ? demo.SamplePortfolioPath : Path.Combine(AppContext.BaseDirectory, demo.SamplePortfolioPath);
        if (!File.Exists(path))
        {
            logger.LogWarning("Sample portfolio {Path} not found: starting with an empty portfolio.", path);
            return;
        }
        await using var stream = File.OpenRead(path);
        var result = await importer.ImportAsync(stream, ct);
        if (!result.Succeeded)
            throw new InvalidOperationException("The sample portfolio does not import:" + Environment.NewLine + string.Join(Environment.NewLine, result.Errors));
        logger.LogInformation("Sample portfolio loaded: {Projects} projects, {Members} members, {Applications} applications.", result.Projects, result.Members, result.Applications);
    }

    private async Task CreateDemoAccountsAsync(DemoOptions demo, CancellationToken ct)
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));

        var generated = string.IsNullOrEmpty(demo.Password);
        var password = generated ? RandomPassword() : demo.Password!;
        var donorPartner = await db.Partners.Where(p => p.Code == demo.DonorPartnerCode).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        var applicantMember = await db.Members.Where(m => m.Code == demo.ApplicantMemberCode).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);

        foreach (var (email, name, role) in DemoAccounts)
        {
            var user = new ApplicationUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = name,
                PartnerId = role == Roles.Donor ? donorPartner : null,
                MemberId = role == Roles.Applicant ? applicantMember : null,
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
                throw new InvalidOperationException($"Cannot create demo account {email}: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
        }

        // Printed on the console on purpose: this is how a new user learns how to sign in the first time.
        Console.WriteLine();
        Console.WriteLine("Demo accounts (password " + (generated ? "generated for this database" : "from Demo:Password") + "):");
        foreach (var (email, _, role) in DemoAccounts) Console.WriteLine($"  {email,-28} {role}");
        if (generated) Console.WriteLine($"  password: {password}");
        Console.WriteLine();
    }

    private static string RandomPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y').TrimEnd('=');
}
