using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Domain.Members;

public enum MemberKind { City, District, Municipality, LocalAuthorityAssociation }

/// <summary>A member of the association [Membre]: a city, district, municipality or an association of
/// local authorities. Members apply for grants and lead projects.</summary>
public class Member : AggregateRoot
{
    public const int CodeMaxLength = 40;
    public const int NameMaxLength = 200;
    public const int RegionMaxLength = 100;

    private Member() { Code = Name = Country = string.Empty; }

    public Member(string code, string name, MemberKind kind, string country, string? region)
    {
        Code = Codes.Normalise(code, "Code", CodeMaxLength);
        Name = Guard.Text(name, "Name", NameMaxLength);
        Kind = kind;
        Country = Guard.CountryCode(country);
        Region = Guard.OptionalText(region, "Region", RegionMaxLength);
    }

    public string Code { get; private set; }
    public string Name { get; private set; }
    public MemberKind Kind { get; private set; }
    public string Country { get; private set; }
    public string? Region { get; private set; }

    public void Update(string name, MemberKind kind, string country, string? region)
    {
        Name = Guard.Text(name, "Name", NameMaxLength);
        Kind = kind;
        Country = Guard.CountryCode(country);
        Region = Guard.OptionalText(region, "Region", RegionMaxLength);
    }
}
