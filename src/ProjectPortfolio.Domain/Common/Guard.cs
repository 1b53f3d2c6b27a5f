namespace ProjectPortfolio.Domain.Common;

internal static class Guard
{
    public static string Text(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new DomainException($"{field}.required", $"{field} is required.");
        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
            throw new DomainException($"{field}.too-long", $"{field} must be at most {maxLength} characters.");
        return trimmed;
    }

    public static string? OptionalText(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
            throw new DomainException($"{field}.too-long", $"{field} must be at most {maxLength} characters.");
        return trimmed;
    }

    public static string CountryCode(string? value, string field = "Country")
    {
        if (!Countries.IsValid(value))
            throw new DomainException($"{field}.invalid", $"{field} must be an ISO 3166-1 alpha-2 code.");
        return value!.ToUpperInvariant();
    }

    public static void DateRange(DateOnly start, DateOnly end, string endField)
    {
        if (end < start)
            throw new DomainException($"{endField}.before-start", $"{endField} must not be before the start date.");
    }

    public static void OptionalDateRange(DateOnly? start, DateOnly? end, string endField)
    {
        if (start is { } s && end is { } e) DateRange(s, e, endField);
    }
}
