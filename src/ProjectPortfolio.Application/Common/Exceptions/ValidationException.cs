using FluentValidation.Results;

namespace ProjectPortfolio.Application.Common.Exceptions;

/// <summary>The request was refused before anything changed; <see cref="Errors"/> names each bad field.</summary>
public class ValidationException : Exception
{
    public ValidationException() : base("One or more validation failures have occurred.") =>
        Errors = new Dictionary<string, string[]>();

    public ValidationException(string message) : base(message) => Errors = new Dictionary<string, string[]>();

    public ValidationException(string message, Exception inner) : base(message, inner) => Errors = new Dictionary<string, string[]>();

    public ValidationException(IEnumerable<ValidationFailure> failures) : this() =>
        Errors = failures
            .GroupBy(f => f.PropertyName, f => f.ErrorMessage)
            .ToDictionary(g => g.Key, g => g.Distinct().ToArray());

    public ValidationException(string field, string message) : this() =>
        Errors = new Dictionary<string, string[]> { [field] = [message] };

    public IDictionary<string, string[]> Errors { get; }
}
