namespace ProjectPortfolio.Infrastructure.Seeding;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Load samples/portfolio.json into an empty database at first start.</summary>
    public bool LoadSamplePortfolio { get; set; } = true;

    /// <summary>Create one demo account per role at first start.</summary>
    public bool CreateAccounts { get; set; } = true;

    /// <summary>The demo accounts' password; when empty a random one is generated and printed once.</summary>
    public string? Password { get; set; }

    /// <summary>The partner the demo donor account belongs to (the European Union in the sample).</summary>
    public string DonorPartnerCode { get; set; } = "UE";

    /// <summary>The member city the demo applicant account speaks for (the District of Rubavu in the sample).</summary>
    public string ApplicantMemberCode { get; set; } = "RUBAVU";

    /// <summary>Where the sample portfolio is; relative paths are resolved against the application's folder.</summary>
    public string SamplePortfolioPath { get; set; } = "samples/portfolio.json";
}
