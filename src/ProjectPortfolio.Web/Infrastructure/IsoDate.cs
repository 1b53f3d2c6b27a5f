using System.Globalization;
using FluentValidation.Results;
using ProjectPortfolio.Application.Common.Validation;
using ValidationException = ProjectPortfolio.Application.Common.Exceptions.ValidationException;

namespace ProjectPortfolio.Web.Infrastructure;

/// <summary>Dates in URLs are ISO (2020-01-01) whatever the reader's language, so that a shared link or a report
/// means the same period for everyone. Anything else is refused naming the field, never read some other way
/// (01/02/2020 is a different day in Paris and in Washington).</summary>
public static class IsoDate
{
    public const string Pattern = "yyyy-MM-dd";

    public static bool TryParse(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateOnly.TryParseExact(text.Trim(), Pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        date = parsed;
        return true;
    }

    /// <summary>Reads a period's two ends (each optional); a malformed one is a validation error on its field.</summary>
    public static (DateOnly? From, DateOnly? To) ParsePeriod(string? from, string? to)
    {
        var failures = new List<ValidationFailure>();
        if (!TryParse(from, out var start)) failures.Add(new ValidationFailure("From", Messages.InvalidDate));
        if (!TryParse(to, out var end)) failures.Add(new ValidationFailure("To", Messages.InvalidDate));
        if (failures.Count > 0) throw new ValidationException(failures);
        return (start, end);
    }

    public static string? Format(DateOnly? date) => date?.ToString(Pattern, CultureInfo.InvariantCulture);
}
