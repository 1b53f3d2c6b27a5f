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
            var translated = L["Domain." + ex.Code];
            ModelState.AddModelError(field.Length == 0 ? string.Empty : Key(prefix, field), translated.ResourceNotFound ? ex.Message : translated.Value);
        }
        catch (Exception ex) when (ex is ConflictException or DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, L["Error.Conflict"]);
        }
        return (false, default);
    }

    private static string Key(string prefix, string field) => string.IsNullOrEmpty(prefix) ? field : $"{prefix}.{field}";
}
