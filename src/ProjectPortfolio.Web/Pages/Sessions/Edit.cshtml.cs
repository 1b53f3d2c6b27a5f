using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Application.BureauSessions;
using ProjectPortfolio.Application.Catalogue;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Web.Infrastructure;
using AppRoles = ProjectPortfolio.Application.Common.Security.Roles;

namespace ProjectPortfolio.Web.Pages.Sessions;

[Authorize(Roles = AppRoles.Administrator + "," + AppRoles.ProgrammeOfficer)]
public class EditModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PortfolioPageModel(mediator, localizer)
{
    [FromRoute] public Guid? Id { get; set; }
    [BindProperty] public SessionInput Input { get; set; } = new();
    public IReadOnlyList<InstrumentDto> Instruments { get; private set; } = [];

    public sealed class SessionInput
    {
        public int Version { get; set; }
        public DateOnly? Date { get; set; }
        public string? Place { get; set; }
        public string? Attendance { get; set; }
        public List<EnvelopeField> Envelopes { get; set; } = [];
    }

    public sealed class EnvelopeField
    {
        public string? Instrument { get; set; }
        public string? Amount { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        Instruments = await Mediator.Send(new GetInstrumentsQuery(), HttpContext.RequestAborted);
        if (Id is { } id)
        {
            SessionDetail s;
            try { s = await Mediator.Send(new GetSessionDetailQuery(id), HttpContext.RequestAborted); }
            catch (NotFoundException) { return NotFound(); }
            Input = new SessionInput
            {
                Version = s.Version, Date = s.Date, Place = s.Place, Attendance = string.Join(Environment.NewLine, s.Attendance),
                Envelopes = Instruments.Select(i => new EnvelopeField
                {
                    Instrument = i.Code,
                    Amount = s.Envelopes.FirstOrDefault(e => e.InstrumentCode == i.Code) is { } e ? Format.AmountInput(Currencies.ToMajor(e.AmountMinor, e.Currency)) : null,
                }).ToList(),
            };
        }
        else
        {
            Input.Envelopes = Instruments.Select(i => new EnvelopeField { Instrument = i.Code }).ToList();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Instruments = await Mediator.Send(new GetInstrumentsQuery(), HttpContext.RequestAborted);
        Input.Envelopes = Input.Envelopes.Where(e => Instruments.Any(i => i.Code == e.Instrument)).ToList();
        var envelopes = new List<EnvelopeInput>();
        foreach (var e in Input.Envelopes.Where(e => !string.IsNullOrWhiteSpace(e.Amount)))
        {
            if (Format.TryParseAmount(e.Amount, out var amount)) envelopes.Add(new EnvelopeInput(e.Instrument, amount, null));
            else ModelState.AddModelError("Input.Envelopes", L["Form.InvalidAmount"]);
        }
        var attendance = (Input.Attendance ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (!ModelState.IsValid) return Page();

        if (Id is { } id)
        {
            var (ok, _) = await TrySendAsync(new UpdateSessionCommand(id, Input.Version, Input.Date, Input.Place, envelopes, attendance));
            if (ok) return RedirectToPage("/Sessions/Details", new { id });
        }
        else
        {
            var (ok, newId) = await TrySendAsync(new CreateSessionCommand(Input.Date, Input.Place, envelopes, attendance));
            if (ok) return RedirectToPage("/Sessions/Details", new { id = newId });
        }
        return Page();
    }
}
