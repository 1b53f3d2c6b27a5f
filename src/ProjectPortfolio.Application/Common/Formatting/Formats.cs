using System.Globalization;
using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Application.Common.Formatting;

/// <summary>Numbers, amounts and dates the way a language writes them (fr-FR: 125 000,50 €, 26/08/2024;
/// en-GB: €125,000.50, 26/08/2024). One implementation for the pages and the PDF reports; the culture is
/// always passed in, so a report can be written in a language other than the request's.</summary>
public static class Formats
{
    public static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The report languages: "fr" (the default) and "en".</summary>
    public static readonly IReadOnlyList<string> Languages = ["fr", "en"];

    public static CultureInfo CultureFor(string language) => language == "en" ? English : French;

    public static bool IsEnglish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";

    public static string Money(long minorUnits, string currency, CultureInfo culture)
    {
        var exponent = Currencies.IsKnown(currency) ? Currencies.Exponent(currency) : 2;
        var amount = Currencies.IsKnown(currency) ? Currencies.ToMajor(minorUnits, currency) : minorUnits / 100m;
        var number = amount.ToString("N" + exponent, culture);
        var symbol = currency switch { "EUR" => "€", "XOF" or "XAF" => "F CFA", _ => currency };
        return IsEnglish(culture) && currency == "EUR" ? symbol + number : number + "\u00A0" + symbol;
    }

    public static string Date(DateOnly? date, CultureInfo culture) => date?.ToString("d", culture) ?? "—";

    public static string Number(double? value, CultureInfo culture) =>
        value is null ? "—" : value.Value.ToString(value.Value % 1 == 0 ? "N0" : "N1", culture);

    /// <summary>A share as a whole percentage: "64 %" in French (no-break space), "64%" in English.</summary>
    public static string Percent(double fraction, CultureInfo culture) => fraction.ToString("P0", culture);
}
