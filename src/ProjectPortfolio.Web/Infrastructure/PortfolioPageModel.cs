using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Application.Common.Exceptions;
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
        catch (Exception ex) when (ex is ConflictException or DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, L["Error.Conflict"]);
        }
        return (false, default);
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
