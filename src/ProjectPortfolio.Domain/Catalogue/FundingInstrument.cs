using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Domain.Catalogue;

/// <summary>A funding window [Guichet] of the association: the cooperation fund, support to local
/// governance, the emergency fund. Its annual envelope, when set, bounds what the Bureau awards.</summary>
public class FundingInstrument : Entity
{
    private FundingInstrument() { Code = NameFr = NameEn = Currency = string.Empty; }

    public FundingInstrument(string code, string nameFr, string nameEn, string currency, long? annualEnvelopeMinor)
    {
        if (!Currencies.IsKnown(currency))
            throw new DomainException("Currency.unknown", $"Unknown currency '{currency}'.");
        if (annualEnvelopeMinor is < 0)
            throw new DomainException("AnnualEnvelope.negative", "The annual envelope cannot be negative.");
        Code = Codes.Normalise(code, "Code", 40);
        NameFr = Guard.Text(nameFr, "NameFr", 100);
        NameEn = Guard.Text(nameEn, "NameEn", 100);
        Currency = currency.ToUpperInvariant();
        AnnualEnvelopeMinor = annualEnvelopeMinor;
    }

    public string Code { get; private set; }
    public string NameFr { get; private set; }
    public string NameEn { get; private set; }
    public string Currency { get; private set; }
    public long? AnnualEnvelopeMinor { get; private set; }

    public string Name(bool english) => english ? NameEn : NameFr;
}
