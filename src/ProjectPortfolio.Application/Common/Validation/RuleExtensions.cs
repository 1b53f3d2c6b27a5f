using FluentValidation;
using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Application.Common.Validation;

public static class RuleExtensions
{
    public static IRuleBuilderOptions<T, string?> ValidCountry<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(Countries.IsValid).WithMessage(_ => Messages.UnknownCountry);

    public static IRuleBuilderOptions<T, string?> ValidCode<T>(this IRuleBuilder<T, string?> rule, int maxLength = 40) =>
        rule.Must(c => Codes.IsValid(c?.Trim(), maxLength)).WithMessage(_ => Messages.CodeFormat);

    /// <summary>Plain text: no control characters other than line breaks and tabs (a null byte in a title is
    /// an attack or a bug, never content).</summary>
    public static IRuleBuilderOptions<T, string?> PlainText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(s => s is null || !s.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            .WithMessage(_ => Messages.Pick("Caractères de contrôle interdits.", "Control characters are not allowed."));
}
