using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Domain.Catalogue;

/// <summary>A thematic axis [Axe] of the cooperation, mapped to an OECD DAC 5-digit purpose code so that
/// IATI exports and donor reports can classify projects.</summary>
public class Theme : Entity
{
    private Theme() { Code = NameFr = NameEn = DacSectorCode = string.Empty; }

    public Theme(string code, string nameFr, string nameEn, string dacSectorCode)
    {
        if (dacSectorCode is not { Length: 5 } || !dacSectorCode.All(char.IsAsciiDigit))
            throw new DomainException("DacSectorCode.invalid", "A DAC sector code has 5 digits.");
        Code = Guard.Text(code, "Code", 40);
        NameFr = Guard.Text(nameFr, "NameFr", 100);
        NameEn = Guard.Text(nameEn, "NameEn", 100);
        DacSectorCode = dacSectorCode;
    }

    public string Code { get; private set; }
    public string NameFr { get; private set; }
    public string NameEn { get; private set; }
    public string DacSectorCode { get; private set; }

    public string Name(bool english) => english ? NameEn : NameFr;
}
