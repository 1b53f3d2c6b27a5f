using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Domain.Finance;

/// <summary>How many units of <see cref="Currency"/> one euro buys, from <see cref="EffectiveFrom"/> on.
/// Stored as an integer number of millionths so that SQL can use it without decimals.</summary>
public class ExchangeRate : Entity
{
    public const long Scale = 1_000_000;

    private ExchangeRate() { Currency = string.Empty; }

    public ExchangeRate(string currency, DateOnly effectiveFrom, decimal unitsPerEuro)
    {
        if (!Currencies.IsKnown(currency) || currency.Equals("EUR", StringComparison.OrdinalIgnoreCase))
            throw new DomainException("Currency.invalid", "An exchange rate is for a known currency other than EUR.");
        if (unitsPerEuro <= 0 || unitsPerEuro > 1_000_000)
            throw new DomainException("Rate.invalid", "The rate must be a positive number of units per euro.");
        Currency = currency.ToUpperInvariant();
        EffectiveFrom = effectiveFrom;
        UnitsPerEuroMillionths = (long)decimal.Round(unitsPerEuro * Scale);
    }

    public string Currency { get; private set; }
    public DateOnly EffectiveFrom { get; private set; }
    public long UnitsPerEuroMillionths { get; private set; }

    public decimal UnitsPerEuro => (decimal)UnitsPerEuroMillionths / Scale;

    /// <summary>An amount in minor units of <paramref name="currency"/> expressed in euros (major units), with a rate
    /// stored as millionths of a unit per euro. The one place that says how a conversion is done.</summary>
    public static decimal ToEuros(long minorUnits, string currency, long unitsPerEuroMillionths)
    {
        if (currency == "EUR") return Currencies.ToMajor(minorUnits, "EUR");
        if (unitsPerEuroMillionths <= 0) throw new DomainException("Rate.invalid", "A rate is a positive number of units per euro.");
        return Currencies.ToMajor(minorUnits, currency) * Scale / unitsPerEuroMillionths;
    }
}
