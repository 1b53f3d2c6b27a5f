using System.Collections;
using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Web.Infrastructure;

/// <summary>Base of the pages that send use cases: turns refusals into messages next to the fields, so that a
/// rejected form comes back with what was typed and says why.</summary>
public abstract class PortfolioPageModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel
{
    protected IMediator Mediator { get; } = mediator;
    protected IStringLocalizer<SharedResource> L { get; } = localizer;

    protected async Task<(bool Ok, T? Result)> TrySendAsync<T>(IRequest<T> request, string prefix = "Input")
    {
        try
        {
            return (true, await Mediator.Send(request, HttpContext.RequestAborted));
        }
        catch (ValidationException ex)
        {
            foreach (var (field, messages) in ex.Errors)
                foreach (var message in messages) ModelState.AddModelError(Key(prefix, field), message);
        }
        catch (DomainException ex)
        {
            var field = DomainErrors.Field(ex);
            ModelState.AddModelError(field.Length == 0 ? string.Empty : Key(prefix, field), Translate(ex));
        }
        catch (ConflictException ex)
        {
            Conflict = ex;
            // The refused change may still be tracked (a save that lost the race): forget it, so that what the page
            // reads next (the stored values for the conflict table) comes from the database.
            HttpContext.RequestServices.GetService<IApplicationDbContext>()?.DiscardChanges();
            ModelState.AddModelError(string.Empty, L["Error.Conflict"]);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException or DuplicateKeyException)
        {
            ModelState.AddModelError(string.Empty, L["Error.Conflict"]);
        }
        return (false, default);
    }

    /// <summary>Set when the last use case sent was refused because someone saved the same record meanwhile.</summary>
    protected ConflictException? Conflict { get; private set; }

    /// <summary>After a conflict: each field whose stored value (saved by the other person) differs from what this
    /// user typed. Empty otherwise. Shown by _ConflictChanges.</summary>
    public IReadOnlyList<FieldDifference> ConflictDifferences { get; private set; } = [];

    /// <summary>True once <see cref="ShowConflict{TInput}"/> has run: the page is in its conflict state.</summary>
    public bool InConflict { get; private set; }

    /// <summary>Turns a refused save into the conflict state of the form: the typed input stays as it is, the fields
    /// the other person saved differently are listed side by side with it, and the hidden version becomes the stored
    /// one, so that saving again is a deliberate overwrite of what is now shown, not a silent one. Nothing is written.</summary>
    /// <param name="stored">The record as stored now, in the form's own shape.</param>
    /// <param name="typed">What the user posted.</param>
    /// <param name="storedVersion">The version now stored.</param>
    /// <param name="display">How a value reads for people (a member's name for its id...); the plain value if null.</param>
    protected void ShowConflict<TInput>(TInput stored, TInput typed, int storedVersion, Action<int> setVersion,
        Func<string, object?, string?>? display = null, string prefix = "Input")
    {
        InConflict = true;
        ConflictDifferences = FieldDifference.Between(stored, typed, (property, value) => display?.Invoke(property, value) ?? FieldDifference.Plain(value),
            FieldLabel);
        setVersion(storedVersion);
        // The hidden field is drawn from ModelState first: without this it would keep the stale version that was posted.
        ModelState.Remove(Key(prefix, "Version"));
        // Replaces the generic conflict message: this state says more.
        ModelState[string.Empty]?.Errors.Clear();
        ModelState.AddModelError(string.Empty, L["Conflict.Explain"]);
    }

    /// <summary>A form property's label: "Field.Title", or without its id suffix ("LeadMemberId" reads "Field.LeadMember").</summary>
    private string FieldLabel(string property)
    {
        foreach (var key in new[] { property, property.EndsWith("Ids", StringComparison.Ordinal) ? property[..^3] + "s" : null,
                     property.EndsWith("Id", StringComparison.Ordinal) ? property[..^2] : null })
        {
            if (key is not null && L["Field." + key] is { ResourceNotFound: false } label) return label.Value;
        }
        return property;
    }

    /// <summary>The rule's message in the user's language: its own translation, else the one for its reason on any
    /// field (the guards' "X.required", "X.too-long"...), else the English message.</summary>
    private string Translate(DomainException exception)
    {
        var own = L["Domain." + exception.Code];
        if (!own.ResourceNotFound) return own.Value;
        var dot = exception.Code.IndexOf('.', StringComparison.Ordinal);
        var generic = dot < 0 ? null : L["Domain.*" + exception.Code[dot..]];
        return generic is { ResourceNotFound: false } ? generic.Value : exception.Message;
    }

    private static string Key(string prefix, string field) => string.IsNullOrEmpty(prefix) ? field : $"{prefix}.{field}";
}

/// <summary>One field of a form whose stored value differs from what the user typed.</summary>
public sealed record FieldDifference(string Field, string Label, string Stored, string Typed)
{
    /// <summary>The public properties of two form inputs that differ, the version aside. Lists compare as sets
    /// (a multi-select's order means nothing); an empty text and no text are the same.</summary>
    public static IReadOnlyList<FieldDifference> Between<TInput>(TInput stored, TInput typed, Func<string, object?, string> display, Func<string, string> label)
    {
        var differences = new List<FieldDifference>();
        foreach (var property in typeof(TInput).GetProperties().Where(p => p.CanRead && p.Name != "Version"))
        {
            var before = property.GetValue(stored);
            var mine = property.GetValue(typed);
            if (Normalised(before) == Normalised(mine)) continue;
            differences.Add(new FieldDifference(property.Name, label(property.Name), display(property.Name, before), display(property.Name, mine)));
        }
        return differences;
    }

    public static string Plain(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        DateOnly d => d.ToString("d", CultureInfo.CurrentCulture),
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(Plain)),
        IFormattable f => f.ToString(null, CultureInfo.CurrentCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Normalised(object? value) => value switch
    {
        null => string.Empty,
        string s => s.Trim().ReplaceLineEndings("\n"),
        IEnumerable items => string.Join("|", items.Cast<object?>().Select(Normalised).Order(StringComparer.Ordinal)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
