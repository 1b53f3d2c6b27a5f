using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Application.Common.Models;
using ProjectPortfolio.Application.Partners;
using ProjectPortfolio.Application.Reports.Archive;
using ProjectPortfolio.Web.Infrastructure;
using AppRoles = ProjectPortfolio.Application.Common.Security.Roles;

namespace ProjectPortfolio.Web.Pages.Reports;

/// <summary>"Rapports émis": the archive, newest first, with its filters. A donor sees the reports issued for it.</summary>
[Authorize(Roles = AppRoles.Administrator + "," + AppRoles.ProgrammeOfficer + "," + AppRoles.BureauMember + "," + AppRoles.Donor)]
public class IssuedModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PortfolioPageModel(mediator, localizer)
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Partner { get; set; }
    [BindProperty(SupportsGet = true)] public string? Lang { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>Read by hand: "page" is the route key of Razor Pages itself and cannot be bound.</summary>
    public int PageNumber => int.TryParse(Request.Query["page"], out var n) && n > 0 ? n : 1;

    public PaginatedList<IssuedReportRow> Result { get; private set; } = new([], 1, 25, 0);
    public IReadOnlyList<PartnerOption> PartnerOptions { get; private set; } = [];
    public bool SeesAll => User.IsInRole(AppRoles.Administrator) || User.IsInRole(AppRoles.ProgrammeOfficer) || User.IsInRole(AppRoles.BureauMember);

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        if (SeesAll) PartnerOptions = await Mediator.Send(new GetPartnerOptionsQuery(), HttpContext.RequestAborted);
        // A malformed date is shown next to its field and the list stays empty, rather than an error page.
        var from = IsoDate.TryParse(From, out var start);
        var to = IsoDate.TryParse(To, out var end);
        if (!from) ModelState.AddModelError("From", Application.Common.Validation.Messages.InvalidDate);
        if (!to) ModelState.AddModelError("To", Application.Common.Validation.Messages.InvalidDate);
        if (!from || !to) return;
        var (ok, result) = await TrySendAsync(new GetIssuedReportsQuery(Kind, Partner, Lang, start, end, Q, PageNumber, 25), prefix: string.Empty);
        if (ok) Result = result!;
    }

    public string PageUrl(int page) => QueryHelpers.AddQueryString("/reports/issued", new Dictionary<string, string?>
    {
        ["kind"] = Kind, ["partner"] = Partner?.ToString(), ["lang"] = Lang, ["from"] = From, ["to"] = To, ["q"] = Q,
        ["page"] = page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null,
    }.Where(kv => !string.IsNullOrEmpty(kv.Value)));

    public static string IssuedAt(DateTime utc) =>
        Format.Date(DateOnly.FromDateTime(utc)) + " " + utc.ToString("HH:mm", CultureInfo.InvariantCulture) + " UTC";
}
