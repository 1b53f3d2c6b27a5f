namespace ProjectPortfolio.Domain.Common;

/// <summary>An amount in integer minor units of an ISO 4217 currency. Integers because SQLite cannot
/// sum or compare decimals in SQL, and because money must never be rounded by accident.</summary>
public sealed record Money
{
    public Money(long minorUnits, string currency)
    {
        if (!Currencies.IsKnown(currency))
            throw new DomainException("Currency.unknown", $"Unknown currency '{currency}'.");
        MinorUnits = minorUnits;
        Currency = currency.ToUpperInvariant();
    }


    public long MinorUnits { get; private init; }
    public string Currency { get; private init; }

    public decimal Amount => Currencies.ToMajor(MinorUnits, Currency);

    public static Money FromMajor(decimal amount, string currency) => new(Currencies.ToMinor(amount, currency), currency);

    public static Money Zero(string currency) => new(0, currency);

    public bool IsPositive => MinorUnits > 0;

    public Money Add(Money other)
    {
        EnsureSameCurrency(other);
        return new Money(checked(MinorUnits + other.MinorUnits), Currency);
    }

    public Money Subtract(Money other)
    {
        EnsureSameCurrency(other);
        return new Money(checked(MinorUnits - other.MinorUnits), Currency);
    }

    public bool IsGreaterThan(Money other)
    {
        EnsureSameCurrency(other);
        return MinorUnits > other.MinorUnits;
    }

    private void EnsureSameCurrency(Money other)
    {
        if (other.Currency != Currency)
            throw new DomainException("Currency.mismatch", $"Cannot combine {Currency} with {other.Currency}.");
    }

    public override string ToString() => $"{Amount} {Currency}";
}

public static class Currencies
{
    // ISO 4217 minor-unit exponents of the currencies the association deals in.
    private static readonly Dictionary<string, int> Exponents = new(StringComparer.OrdinalIgnoreCase)
    {
        ["EUR"] = 2, ["CHF"] = 2, ["USD"] = 2, ["CAD"] = 2, ["GBP"] = 2, ["MRU"] = 2, ["MAD"] = 2, ["TND"] = 3,
        ["XOF"] = 0, ["XAF"] = 0, ["RWF"] = 0, ["BIF"] = 0, ["KMF"] = 0, ["GNF"] = 0, ["DJF"] = 0, ["VND"] = 0,
        ["CDF"] = 2, ["HTG"] = 2, ["KHR"] = 2, ["LBP"] = 2, ["MGA"] = 2, ["DZD"] = 2, ["EGP"] = 2, ["XPF"] = 0,
    };

    public static IReadOnlyCollection<string> All => Exponents.Keys;

    public static bool IsKnown(string? code) => code is { Length: 3 } && Exponents.ContainsKey(code);

    public static int Exponent(string code) =>
        Exponents.TryGetValue(code, out var e) ? e : throw new DomainException("Currency.unknown", $"Unknown currency '{code}'.");

    public static decimal ToMajor(long minor, string currency) => minor / Pow10(Exponent(currency));

    // Headroom of 1000x below long.MaxValue so that sums of many amounts cannot overflow either.
    private const long MaxMinorUnits = long.MaxValue / 1000;

    public static long ToMinor(decimal major, string currency)
    {
        var exponent = Exponent(currency);
        // Bound before scaling: multiplying a huge decimal would overflow decimal itself.
        if (Math.Abs(major) > MaxMinorUnits / Pow10(exponent))
            throw new DomainException("Amount.too-large", "The amount is too large.");
        var scaled = major * Pow10(exponent);
        if (scaled != decimal.Truncate(scaled))
            throw new DomainException("Amount.too-precise", $"{currency} amounts have at most {exponent} decimals.");
        return (long)scaled;
    }

    /// <summary>True when the amount fits the currency's decimals and our range, without throwing.</summary>
    public static bool IsRepresentable(decimal major, string currency)
    {
        if (!IsKnown(currency)) return false;
        var exponent = Exponent(currency);
        if (Math.Abs(major) > MaxMinorUnits / Pow10(exponent)) return false;
        var scaled = major * Pow10(exponent);
        return scaled == decimal.Truncate(scaled);
    }

    private static decimal Pow10(int exponent) => exponent switch { 0 => 1m, 1 => 10m, 2 => 100m, 3 => 1000m, _ => throw new ArgumentOutOfRangeException(nameof(exponent)) };
}
