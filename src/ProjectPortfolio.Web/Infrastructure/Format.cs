using System.Globalization;
using ProjectPortfolio.Application.Common.Formatting;

namespace ProjectPortfolio.Web.Infrastructure;

/// <summary>Numbers, amounts and dates the way the reader's language writes them (fr-FR: 125 000,50 €,
/// 26/08/2024; en-GB: €125,000.50, 26/08/2024). The rules live in <see cref="Formats"/>, shared with the PDF reports;
/// this class applies them in the request's culture.</summary>
public static class Format
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Money(long minorUnits, string currency) => Formats.Money(minorUnits, currency, CultureInfo.CurrentCulture);

    public static string Date(DateOnly? date) => Formats.Date(date, CultureInfo.CurrentCulture);

    public static string Number(double? value) => Formats.Number(value, CultureInfo.CurrentCulture);

    /// <summary>Amount in major units for a form field, in the reader's culture.</summary>
    public static string AmountInput(decimal? amount) => amount?.ToString("0.##", CultureInfo.CurrentCulture) ?? string.Empty;

    /// <summary>Reads an amount typed with either decimal separator ("125000,50" or "125 000.50").</summary>
    public static bool TryParseAmount(string? text, out decimal amount)
    {
        amount = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var cleaned = new string(text.Where(c => !char.IsWhiteSpace(c) && c != '\u202F' && c != '\u00A0').ToArray());
        var lastComma = cleaned.LastIndexOf(',');
        var lastDot = cleaned.LastIndexOf('.');
        // The last separator is the decimal one; the other is a thousands separator.
        if (lastComma > lastDot) cleaned = cleaned.Replace(".", "", StringComparison.Ordinal).Replace(',', '.');
        else cleaned = cleaned.Replace(",", "", StringComparison.Ordinal);
        return decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out amount);
    }
}
