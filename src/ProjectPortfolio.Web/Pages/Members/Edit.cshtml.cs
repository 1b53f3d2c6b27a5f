using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Members;
using ProjectPortfolio.Domain.Members;
using ProjectPortfolio.Web.Infrastructure;
using AppRoles = ProjectPortfolio.Application.Common.Security.Roles;

namespace ProjectPortfolio.Web.Pages.Members;

[Authorize(Roles = AppRoles.Administrator + "," + AppRoles.ProgrammeOfficer)]
public class EditModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PortfolioPageModel(mediator, localizer)
{
    [FromRoute] public Guid? Id { get; set; }

    [BindProperty] public MemberInput Input { get; set; } = new();

    public sealed class MemberInput
    {
        public int Version { get; set; }
        public string? Code { get; set; }
        public string? Name { get; set; }
        public MemberKind Kind { get; set; }
        public string? Country { get; set; }
        public string? Region { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is not { } id) return Page();
        try
        {
            var m = await Mediator.Send(new GetMemberQuery(id), HttpContext.RequestAborted);
            Input = InputOf(m);
            return Page();
        }
        catch (NotFoundException) { return NotFound(); }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        bool ok;
        if (Id is { } id) (ok, _) = await TrySendAsync(new UpdateMemberCommand(id, Input.Version, Input.Name, Input.Kind, Input.Country, Input.Region));
        else (ok, _) = await TrySendAsync(new CreateMemberCommand(Input.Code, Input.Name, Input.Kind, Input.Country, Input.Region));
        if (!ok)
        {
            if (Conflict is not null && Id is { } edited)
            {
                // Someone saved this member meanwhile: keep what was typed, show what they saved, take their version.
                var stored = await Mediator.Send(new GetMemberQuery(edited), HttpContext.RequestAborted);
                ShowConflict(InputOf(stored), Input, stored.Version, v => Input.Version = v, (field, value) =>
                    field == nameof(MemberInput.Kind) && value is MemberKind k ? L["MemberKind." + k].Value : null);
            }
            return Page();
        }
        TempData["Flash"] = L["Common.Saved"].Value;
        return RedirectToPage("/Members/Index");
    }

    private static MemberInput InputOf(MemberDto m) => new MemberInput { Version = m.Version, Code = m.Code, Name = m.Name, Kind = m.Kind, Country = m.Country, Region = m.Region };
}
