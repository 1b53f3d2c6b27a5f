using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Domain.Finance;

/// <summary>The exchange rates in force on one date (units of each currency per euro, in millionths, as
/// <see cref="ExchangeRate"/> stores them). Conversions go through the euro, so a rate is needed for every currency
/// other than EUR on either side; a currency without a rate is never counted at par.</summary>
public sealed class RateTable
{
    public static readonly RateTable None = new(new Dictionary<string, long>());

    private readonly Dictionary<string, long> _unitsPerEuroMillionths;

    public RateTable(IReadOnlyDictionary<string, long> unitsPerEuroMillionths) =>
        _unitsPerEuroMillionths = new Dictionary<string, long>(unitsPerEuroMillionths, StringComparer.OrdinalIgnoreCase);

    /// <summary>The rates in force on <paramref name="on"/>: for each currency, the latest rate effective on or before that
    /// date, or, before its first rate, the latest one known (as the portfolio figures do).</summary>
    public static RateTable On(IEnumerable<ExchangeRate> rates, DateOnly on) =>
        new(rates.GroupBy(r => r.Currency, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key,
            g => (g.Where(r => r.EffectiveFrom <= on).MaxBy(r => r.EffectiveFrom) ?? g.MaxBy(r => r.EffectiveFrom)!).UnitsPerEuroMillionths,
            StringComparer.OrdinalIgnoreCase));

    public bool Has(string currency) =>
        string.Equals(currency, "EUR", StringComparison.OrdinalIgnoreCase) || _unitsPerEuroMillionths.ContainsKey(currency);

    public bool CanConvert(string from, string to) => string.Equals(from, to, StringComparison.OrdinalIgnoreCase) || Has(from) && Has(to);

    /// <summary>An amount in minor units of <paramref name="from"/>, in major units of <paramref name="to"/> (not rounded).</summary>
    public decimal ToMajor(long minorUnits, string from, string to)
    {
        if (string.Equals(from, to, StringComparison.OrdinalIgnoreCase)) return Currencies.ToMajor(minorUnits, to);
        var euros = ExchangeRate.ToEuros(minorUnits, from.ToUpperInvariant(), Rate(from));
        return string.Equals(to, "EUR", StringComparison.OrdinalIgnoreCase) ? euros : euros * Rate(to) / ExchangeRate.Scale;
    }

    /// <summary>An amount in minor units of <paramref name="from"/>, in minor units of <paramref name="to"/>, rounded to
    /// the nearest minor unit.</summary>
    public long ToMinor(long minorUnits, string from, string to)
    {
        if (string.Equals(from, to, StringComparison.OrdinalIgnoreCase)) return minorUnits;
        var major = decimal.Round(ToMajor(minorUnits, from, to), Currencies.Exponent(to), MidpointRounding.AwayFromZero);
        return Currencies.ToMinor(major, to);
    }

    private long Rate(string currency)
    {
        if (string.Equals(currency, "EUR", StringComparison.OrdinalIgnoreCase)) return ExchangeRate.Scale;
        return _unitsPerEuroMillionths.TryGetValue(currency, out var rate)
            ? rate
            : throw new DomainException("Rate.missing", $"There is no exchange rate for {currency.ToUpperInvariant()}: an administrator adds one.");
    }
}
