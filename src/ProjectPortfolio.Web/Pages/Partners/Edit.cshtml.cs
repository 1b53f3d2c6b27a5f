using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Partners;
using ProjectPortfolio.Domain.Partners;
using ProjectPortfolio.Web.Infrastructure;
using AppRoles = ProjectPortfolio.Application.Common.Security.Roles;

namespace ProjectPortfolio.Web.Pages.Partners;

[Authorize(Roles = AppRoles.Administrator + "," + AppRoles.ProgrammeOfficer)]
public class EditModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PortfolioPageModel(mediator, localizer)
{
    [FromRoute] public Guid? Id { get; set; }

    [BindProperty] public PartnerInput Input { get; set; } = new();

    public sealed class PartnerInput
    {
        public int Version { get; set; }
        public string? Code { get; set; }
        public string? Name { get; set; }
        public PartnerKind Kind { get; set; }
        public string? Country { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is not { } id) return Page();
        try
        {
            var m = await Mediator.Send(new GetPartnerQuery(id), HttpContext.RequestAborted);
            Input = InputOf(m);
            return Page();
        }
        catch (NotFoundException) { return NotFound(); }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        bool ok;
        if (Id is { } id) (ok, _) = await TrySendAsync(new UpdatePartnerCommand(id, Input.Version, Input.Name, Input.Kind, Input.Country));
        else (ok, _) = await TrySendAsync(new CreatePartnerCommand(Input.Code, Input.Name, Input.Kind, Input.Country));
        if (!ok)
        {
            if (Conflict is not null && Id is { } edited)
            {
                // Someone saved this partner meanwhile: keep what was typed, show what they saved, take their version.
                var stored = await Mediator.Send(new GetPartnerQuery(edited), HttpContext.RequestAborted);
                ShowConflict(InputOf(stored), Input, stored.Version, v => Input.Version = v, (field, value) =>
                    field == nameof(PartnerInput.Kind) && value is PartnerKind k ? L["PartnerKind." + k].Value : null);
            }
            return Page();
        }
        TempData["Flash"] = L["Common.Saved"].Value;
        return RedirectToPage("/Partners/Index");
    }

    private static PartnerInput InputOf(PartnerDto m) => new PartnerInput { Version = m.Version, Code = m.Code, Name = m.Name, Kind = m.Kind, Country = m.Country };
}
