using System.Text.RegularExpressions;

namespace ProjectPortfolio.Domain.Common;

/// <summary>Stable business codes (member, partner, project, session...). Upper-case letters, digits and
/// dashes only, so they are safe in URLs, file names, spreadsheets and IATI identifiers.</summary>
public static partial class Codes
{
    public static string Normalise(string? value, string field, int maxLength)
    {
        var code = value?.Trim().ToUpperInvariant() ?? string.Empty;
        if (code.Length == 0)
            throw new DomainException($"{field}.required", $"{field} is required.");
        if (code.Length < 2 || code.Length > maxLength || !CodePattern().IsMatch(code))
            throw new DomainException($"{field}.invalid", $"{field} must be 2 to {maxLength} upper-case letters, digits, dashes or underscores.");
        return code;
    }

    public static bool IsValid(string? value, int maxLength) =>
        value is not null && value.Length >= 2 && value.Length <= maxLength && CodePattern().IsMatch(value.ToUpperInvariant());

    [GeneratedRegex("^[A-Z0-9](?:[A-Z0-9_-]*[A-Z0-9])?$")]
    private static partial Regex CodePattern();
}
