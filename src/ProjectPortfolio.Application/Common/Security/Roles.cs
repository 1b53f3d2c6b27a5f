namespace ProjectPortfolio.Application.Common.Security;

public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string ProgrammeOfficer = nameof(ProgrammeOfficer);
    public const string BureauMember = nameof(BureauMember);
    public const string Donor = nameof(Donor);
    public const string Applicant = nameof(Applicant);

    public static readonly string[] All = [Administrator, ProgrammeOfficer, BureauMember, Donor, Applicant];
}

/// <summary>Declares which roles may send a request; checked by the authorisation behaviour, so a use case
/// is protected whether it is reached from a page, the API or a command line.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class AuthorizeAttribute : Attribute
{
    public AuthorizeAttribute(params string[] roles) => Roles = roles;

    public IReadOnlyList<string> Roles { get; }
}
