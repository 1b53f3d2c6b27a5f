using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Domain.Partners;

public enum PartnerKind { Multilateral, Government, RegionalGovernment, LocalAuthority, Association, Foundation, Other }

/// <summary>A donor or co-financer [Partenaire / bailleur]: the European Union, a state's ministry,
/// Wallonia-Brussels, a city such as Lausanne, an association such as Akwos.</summary>
public class Partner : AggregateRoot
{
    public const int CodeMaxLength = 40;
    public const int NameMaxLength = 200;

    private Partner() { Code = Name = string.Empty; }

    public Partner(string code, string name, PartnerKind kind, string? country)
    {
        Code = Codes.Normalise(code, "Code", CodeMaxLength);
        Name = Guard.Text(name, "Name", NameMaxLength);
        Kind = kind;
        Country = string.IsNullOrWhiteSpace(country) ? null : Guard.CountryCode(country);
    }

    public string Code { get; private set; }
    public string Name { get; private set; }
    public PartnerKind Kind { get; private set; }
    public string? Country { get; private set; }

    public void Update(string name, PartnerKind kind, string? country)
    {
        Name = Guard.Text(name, "Name", NameMaxLength);
        Kind = kind;
        Country = string.IsNullOrWhiteSpace(country) ? null : Guard.CountryCode(country);
    }
}
