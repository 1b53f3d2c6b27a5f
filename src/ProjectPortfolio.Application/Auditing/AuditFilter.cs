using System.Text.Json;
using FluentValidation;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Domain.Auditing;

namespace ProjectPortfolio.Application.Auditing;

/// <summary>The administrators' filters of the audit log, shared by the search and the export so that an export
/// holds exactly the rows the search shows. Dates are whole UTC days, both ends included.</summary>
public interface IAuditFilter
{
    DateOnly? From { get; }
    DateOnly? To { get; }
    /// <summary>Part of the user name (e-mail or display name at the time), or a user id.</summary>
    string? User { get; }
    /// <summary>An <see cref="AuditAction"/> name, whatever its case.</summary>
    string? Action { get; }
    /// <summary>An entity type ("Project", "GrantApplication", "Security"…), whatever its case.</summary>
    string? EntityType { get; }
    /// <summary>A record's id (its own entries and those of its parts), or text found in the entity id or the values.</summary>
    string? Entity { get; }
    string? Sort { get; }
}

public static class AuditFilters
{
    public const int MaxTextLength = 200;

    /// <summary>"at" (oldest first), "user", "action", "type", "entity", each with "-" for descending; newest first by default.</summary>
    public static readonly string[] SortKeys = ["at", "user", "action", "type", "entity"];

    public static AuditAction? ParseAction(string? action) =>
        Enum.TryParse<AuditAction>(action?.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;

    public static IQueryable<AuditEntry> Filter(this IQueryable<AuditEntry> entries, IAuditFilter filter)
    {
        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(a => a.AtUtc >= start);
        }
        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(a => a.AtUtc < end);
        }
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim();
            var lower = user.ToLowerInvariant();
            entries = entries.Where(a => a.UserId == user || (a.UserName != null && a.UserName.ToLower().Contains(lower)));
        }
        if (ParseAction(filter.Action) is { } action)
            entries = entries.Where(a => a.Action == action);
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            var type = filter.EntityType.Trim().ToLowerInvariant();
            entries = entries.Where(a => a.EntityType.ToLower() == type);
        }
        if (!string.IsNullOrWhiteSpace(filter.Entity))
        {
            var text = filter.Entity.Trim();
            if (Guid.TryParse(text, out var id))
            {
                var key = id.ToString();
                entries = entries.Where(a => a.AggregateId == id || a.EntityId == key);
            }
            else
            {
                var lower = text.ToLowerInvariant();
                // The values are stored as JSON, which escapes accents and markup ("é" is "\u00E9"): the text is
                // searched in the same spelling.
                var escaped = JsonSerializer.Serialize(text)[1..^1].ToLowerInvariant();
                entries = entries.Where(a => (a.EntityId != null && a.EntityId.ToLower().Contains(lower))
                    || (a.Changes != null && a.Changes.ToLower().Contains(escaped)));
            }
        }
        return entries;
    }

    public static IQueryable<AuditEntry> Sorted(this IQueryable<AuditEntry> entries, string? sort)
    {
        var descending = sort?.StartsWith('-') == true;
        IOrderedQueryable<AuditEntry> ordered = (sort?.TrimStart('-')) switch
        {
            "at" => descending ? entries.OrderByDescending(a => a.AtUtc) : entries.OrderBy(a => a.AtUtc),
            "user" => descending ? entries.OrderByDescending(a => a.UserName) : entries.OrderBy(a => a.UserName),
            "action" => descending ? entries.OrderByDescending(a => a.Action) : entries.OrderBy(a => a.Action),
            "type" => descending ? entries.OrderByDescending(a => a.EntityType) : entries.OrderBy(a => a.EntityType),
            "entity" => descending ? entries.OrderByDescending(a => a.EntityId) : entries.OrderBy(a => a.EntityId),
            _ => entries.OrderByDescending(a => a.AtUtc),
        };
        // Newest first among equals; the id (a version 7 Guid, time-ordered) settles entries of the same instant.
        return sort?.TrimStart('-') == "at"
            ? (descending ? ordered.ThenByDescending(a => a.Id) : ordered.ThenBy(a => a.Id))
            : ordered.ThenByDescending(a => a.AtUtc).ThenByDescending(a => a.Id);
    }
}

public abstract class AuditFilterValidator<T> : AbstractValidator<T> where T : IAuditFilter
{
    protected AuditFilterValidator()
    {
        RuleFor(f => f.To).Must((f, to) => f.From is null || to is null || to >= f.From)
            .WithMessage(_ => Messages.EndBeforeStart);
        RuleFor(f => f.Action).Must(action => string.IsNullOrWhiteSpace(action) || AuditFilters.ParseAction(action) is not null)
            .WithMessage(_ => Messages.Pick("Action inconnue.", "Unknown action."));
        RuleFor(f => f.Sort).Must(sort => string.IsNullOrEmpty(sort) || AuditFilters.SortKeys.Contains(sort.TrimStart('-')))
            .WithMessage(_ => Messages.Pick("Tri inconnu.", "Unknown sort order."));
        RuleFor(f => f.User).MaximumLength(AuditFilters.MaxTextLength);
        RuleFor(f => f.EntityType).MaximumLength(AuditFilters.MaxTextLength);
        RuleFor(f => f.Entity).MaximumLength(AuditFilters.MaxTextLength);
    }
}
