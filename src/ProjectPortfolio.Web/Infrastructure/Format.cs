using System.Globalization;
using ProjectPortfolio.Application.Common.Formatting;
using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Web.Infrastructure;

/// <summary>Numbers, amounts and dates the way the reader's language writes them (fr-FR: 125 000,50 €,
/// 26/08/2024; en-GB: €125,000.50, 26/08/2024). The rules live in <see cref="Formats"/>, shared with the PDF reports;
/// this class applies them in the request's culture.</summary>
public static class Format
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Money(long minorUnits, string currency) => Formats.Money(minorUnits, currency, CultureInfo.CurrentCulture);

    /// <summary>An amount in major units (the portfolio's euro totals), rounded to the currency's decimals.</summary>
    public static string Money(decimal amount, string currency)
    {
        var exponent = Currencies.IsKnown(currency) ? Currencies.Exponent(currency) : 2;
        return Money(Currencies.ToMinor(decimal.Round(amount, exponent, MidpointRounding.AwayFromZero), currency), currency);
    }

    /// <summary>A share as a whole percentage ("68 %" in French, "68%" in English). The culture's pattern has an
    /// ordinary space before the sign on some systems; a non-breaking one keeps "%" from wrapping to a new line.</summary>
    public static string Percent(double? ratio) =>
        ratio is null || !double.IsFinite(ratio.Value) ? "—" : ratio.Value.ToString("P0", CultureInfo.CurrentCulture).Replace(' ', '\u00A0');

    /// <summary>A number for SVG coordinates and lengths, which are always written with a dot whatever the
    /// reader's language ("12,5" would break the drawing in French).</summary>
    public static string Svg(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => Formats.Date(date, CultureInfo.CurrentCulture);

    /// <summary>A moment of the audit trail: the date as the reader writes it and the UTC time ("02/12/2026 13:45 UTC").
    /// Stored and shown in UTC: staff work in several time zones and the trail must read the same for all of them.</summary>
    public static string UtcDateTime(DateTime utc) =>
        Date(DateOnly.FromDateTime(utc)) + " " + utc.ToString("HH:mm", CultureInfo.InvariantCulture) + " UTC";

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
