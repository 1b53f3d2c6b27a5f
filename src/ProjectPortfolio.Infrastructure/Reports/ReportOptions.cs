namespace ProjectPortfolio.Infrastructure.Reports;

/// <summary>Settings of the PDF reports (configuration section "Reports").</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    public const string DefaultOrganisation = "Association internationale des maires francophones — Fonds de coopération";

    /// <summary>The name printed at the top of every page ("Reports:Organisation").</summary>
    public string Organisation { get; set; } = DefaultOrganisation;
}
