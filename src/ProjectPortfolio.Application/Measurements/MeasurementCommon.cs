using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Indicators;

namespace ProjectPortfolio.Application.Measurements;

/// <summary>A disaggregated part of a value: by sex, by age group, or by both.</summary>
public sealed record MeasurementPartInput(Sex? Sex, AgeGroup? AgeGroup, double Value);

/// <summary>What an officer types for a value: the total, its optional disaggregation and the evidence (a note
/// and/or an http(s) link; files are attached separately).</summary>
public interface IMeasurementValue
{
    double? Value { get; }
    IReadOnlyList<MeasurementPartInput>? Parts { get; }
    string? Evidence { get; }
    string? EvidenceLink { get; }
}

/// <summary>Checks the typed value in the user's language; the entity checks the same rules again (parts not above
/// the total, disaggregation allowed by the indicator), whichever way the value arrives.</summary>
public abstract class MeasurementValueValidator<T> : AbstractValidator<T> where T : IMeasurementValue
{
    /// <summary>Far above any real figure (people, facilities, euros), low enough to rule out typing accidents.</summary>
    public const double MaxValue = 1e12;

    protected MeasurementValueValidator()
    {
        RuleFor(c => c.Value).NotNull().WithMessage(_ => MeasurementMessages.ValueRequired)
            .Must(v => double.IsFinite(v!.Value) && v >= 0 && v <= MaxValue).WithMessage(_ => MeasurementMessages.ValueInvalid)
            .When(c => c.Value is not null, ApplyConditionTo.CurrentValidator);
        RuleForEach(c => c.Parts).ChildRules(part =>
        {
            part.RuleFor(p => p.Value).Must(v => double.IsFinite(v) && v >= 0 && v <= MaxValue).WithMessage(_ => MeasurementMessages.ValueInvalid);
            part.RuleFor(p => p.Sex).IsInEnum().When(p => p.Sex is not null);
            part.RuleFor(p => p.AgeGroup).IsInEnum().When(p => p.AgeGroup is not null);
            part.RuleFor(p => p).Must(p => p.Sex is not null || p.AgeGroup is not null).WithMessage(_ => MeasurementMessages.PartWithoutDimension)
                .OverridePropertyName("Sex");
        });
        RuleFor(c => c.Parts).Must(parts => parts!.Count <= 20).WithMessage(_ => MeasurementMessages.TooManyParts).When(c => c.Parts is not null);
        RuleFor(c => c.Parts)
            .Must((c, parts) => PartsWithinTotal(parts!, c.Value!.Value)).WithMessage(_ => MeasurementMessages.PartsAboveTotal)
            .When(c => c.Parts is { Count: > 0 } && c.Value is { } v && double.IsFinite(v));
        RuleFor(c => c.Evidence).MaximumLength(2000).PlainText();
        RuleFor(c => c.EvidenceLink).MaximumLength(IndicatorMeasurement.EvidenceLinkMaxLength)
            .Must(MeasurementRules.IsWebLink).WithMessage(_ => MeasurementMessages.LinkInvalid)
            .When(c => !string.IsNullOrWhiteSpace(c.EvidenceLink));
    }

    private static bool PartsWithinTotal(IReadOnlyList<MeasurementPartInput> parts, double total) =>
        parts.Where(p => p.Sex is not null && p.AgeGroup is null).Sum(p => p.Value) <= total
        && parts.Where(p => p.Sex is null && p.AgeGroup is not null).Sum(p => p.Value) <= total
        && parts.Where(p => p.Sex is not null && p.AgeGroup is not null).Sum(p => p.Value) <= total;
}

public static class MeasurementRules
{
    /// <summary>An absolute http or https address; anything else ("javascript:", "data:", a relative path) is refused.</summary>
    public static bool IsWebLink(string? text) =>
        text is not null && !text.Any(char.IsControl)
        && Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !string.IsNullOrEmpty(uri.Host);

    /// <summary>How the workflow names a person: the e-mail, as shown to the other officers.</summary>
    public static string Actor(ICurrentUser user) => user.Email ?? user.Id ?? throw new UnauthorizedAccessException();

    internal static IEnumerable<MeasurementPart> ToParts(IReadOnlyList<MeasurementPartInput>? parts) =>
        (parts ?? []).Select(p => new MeasurementPart(p.Sex, p.AgeGroup, p.Value));

    /// <summary>Loads a measurement of a project the user may see, for a change at <paramref name="version"/>.
    /// Not found and not visible answer the same.</summary>
    internal static async Task<IndicatorMeasurement> LoadForChangeAsync(IApplicationDbContext db, ICurrentUser user, Guid id, int version, CancellationToken ct)
    {
        var measurement = await db.IndicatorMeasurements.Include(m => m.Parts)
            .SingleOrDefaultAsync(m => m.Id == id && db.Projects.VisibleTo(user).Any(p => p.Id == m.ProjectId), ct)
            ?? throw new NotFoundException("Measurement", id);
        if (measurement.Version != version) throw ConflictException.Stale(measurement);
        return measurement;
    }

    internal static async Task<Indicator> IndicatorAsync(IApplicationDbContext db, Guid id, CancellationToken ct) =>
        await db.Indicators.SingleAsync(i => i.Id == id, ct);
}

/// <summary>The workflow's own messages in French and English.</summary>
public static class MeasurementMessages
{
    public static string ValueRequired => Messages.Pick("Saisissez la valeur.", "Enter the value.");
    public static string ValueInvalid => Messages.Pick("La valeur est un nombre positif ou nul.", "The value is a number, zero or more.");
    public static string PartWithoutDimension => Messages.Pick("Une valeur désagrégée indique un sexe ou une tranche d'âge.", "A disaggregated value names a sex or an age group.");
    public static string TooManyParts => Messages.Pick("Trop de valeurs désagrégées.", "Too many disaggregated values.");
    public static string PartsAboveTotal => Messages.Pick("Les valeurs désagrégées dépassent le total.", "The disaggregated values add up to more than the total.");
    public static string LinkInvalid => Messages.Pick("Le lien doit être une adresse http ou https.", "The link must be an http or https address.");
    public static string PeriodRequired => Messages.Pick("Indiquez la période (début et fin).", "Enter the period (start and end).");
    public static string PeriodNotStarted => Messages.Pick("La période n'a pas encore commencé.", "The period has not started yet.");
    public static string PeriodOutOfRange => Messages.Pick("Date hors des années 1990 à 2100.", "Date outside the years 1990 to 2100.");
    public static string NoTarget => Messages.Pick("Ce projet n'a pas de cible pour cet indicateur : ajoutez d'abord la cible.", "This project has no target for this indicator: add the target first.");
    public static string CommentRequired => Messages.Pick("Expliquez pourquoi la mesure est renvoyée.", "Explain why the measurement is returned.");
    public static string PeriodOverlap => Messages.Pick("Une mesure de cet indicateur couvre déjà tout ou partie de cette période.", "A measurement of this indicator already covers all or part of this period.");
    public static string NotEditableForEvidence => Messages.Pick("Des pièces ne s'ajoutent qu'à une mesure en brouillon ou renvoyée.", "Evidence is added only to a draft or returned measurement.");
}
