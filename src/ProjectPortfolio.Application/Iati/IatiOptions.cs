namespace ProjectPortfolio.Application.Iati;

/// <summary>Who publishes the IATI file ("Iati:" in the configuration). The defaults describe the association but
/// <see cref="ReportingOrgRef"/> is a placeholder: before publishing on the IATI Registry, set it to the
/// organisation identifier the association registered (an agency prefix from the IATI OrganisationRegistrationAgency
/// codelist and its number there), because every activity identifier is built from it.</summary>
public sealed class IatiOptions
{
    public const string Section = "Iati";

    public const string DefaultReportingOrgRef = "AIMF";
    public const string DefaultReportingOrgName = "Association internationale des maires francophones";
    /// <summary>IATI OrganisationType 21, International NGO.</summary>
    public const string DefaultReportingOrgType = "21";

    /// <summary>The reporting organisation's IATI identifier; also the prefix of every iati-identifier.</summary>
    public string ReportingOrgRef { get; set; } = DefaultReportingOrgRef;

    public string ReportingOrgName { get; set; } = DefaultReportingOrgName;

    /// <summary>A code of the IATI OrganisationType codelist.</summary>
    public string ReportingOrgType { get; set; } = DefaultReportingOrgType;

    /// <summary>Whether the options can make a file that a registry accepts; checked at startup.</summary>
    public static bool IsUsable(IatiOptions options) =>
        !string.IsNullOrWhiteSpace(options.ReportingOrgRef) && !options.ReportingOrgRef.Any(char.IsWhiteSpace)
        && !string.IsNullOrWhiteSpace(options.ReportingOrgName)
        && options.ReportingOrgType is { Length: 2 } type && type.All(char.IsAsciiDigit);
}
