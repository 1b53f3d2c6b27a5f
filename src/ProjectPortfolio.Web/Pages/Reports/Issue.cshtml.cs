using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Application.BureauSessions;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Application.Reports.Archive;
using ProjectPortfolio.Web.Infrastructure;
using ProjectPortfolio.Web.Pages.Portfolio;
using AppRoles = ProjectPortfolio.Application.Common.Security.Roles;

namespace ProjectPortfolio.Web.Pages.Reports;

/// <summary>"Émettre": issues the report of a project, a Bureau session or the portfolio (with the dashboard's
/// filters) as it is now, for the archive and, for a project, for the partners that co-finance it, for the portfolio,
/// for the partner it is filtered on.</summary>
[Authorize(Roles = AppRoles.Administrator + "," + AppRoles.ProgrammeOfficer)]
public class IssueModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PortfolioFilterPageModel(mediator, localizer)
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Subject { get; set; }

    [BindProperty] public IssueInput Input { get; set; } = new();

    public sealed class IssueInput
    {
        public string? Lang { get; set; }
        public List<Guid> RecipientPartnerIds { get; set; } = [];
        public string? Note { get; set; }
    }

    /// <summary>What the report is about, as the page shows it ("AIMF-2022-002 — Centre…").</summary>
    public string SubjectLabel { get; private set; } = string.Empty;
    public string BackUrl { get; private set; } = "/";
    /// <summary>The partners it may be issued for (a project's co-financers, the portfolio's filtered partner); empty for internal documents.</summary>
    public IReadOnlyList<(Guid Id, string Name)> Recipients { get; private set; } = [];

    public static bool IsProjectKind(string? kind) => kind == "project-fact-sheet";
    public static bool IsSessionKind(string? kind) => kind is "session-dossier" or "session-minutes";
    public static bool IsPortfolioKind(string? kind) => kind == "portfolio-pdf";

    public async Task<IActionResult> OnGetAsync()
    {
        Input.Lang ??= Format.IsEnglish ? "en" : "fr";
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!ModelState.IsValid) return Page();
        var parameters = IsPortfolioKind(Kind)
            ? JsonSerializer.SerializeToElement(new PortfolioReportParameters(Filter(Country), Filter(Theme), Filter(Instrument), Filter(Partner),
                Filter(Programme), FromDate, ToDate), JsonSerializerOptions.Web)
            : IsProjectKind(Kind)
                ? JsonSerializer.SerializeToElement(new { projectId = Subject })
                : JsonSerializer.SerializeToElement(new { sessionId = Subject });
        var (ok, report) = await TrySendAsync(new IssueReportCommand(Kind, parameters, Input.Lang, Input.RecipientPartnerIds, Input.Note));
        if (!ok) return Page();
        TempData["Flash"] = string.Format(L["Issued.Done"].Value, report!.FileName, report.Sha256);
        return Redirect("/reports/issued");
    }

    private static string? Filter(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private async Task<bool> LoadAsync()
    {
        if (IsPortfolioKind(Kind))
        {
            await LoadOptionsAsync();
            // A date that does not read is shown next to the filter, and the post is refused until it is fixed on the dashboard.
            ReadPeriod();
            SubjectLabel = FilterText();
            BackUrl = SummaryUrl();
            // Only the partner the report is filtered on may receive it (RecipientRules.PortfolioOfPartner).
            Recipients = Partners.Where(p => string.Equals(p.Code, Partner?.Trim(), StringComparison.OrdinalIgnoreCase))
                .Select(p => (p.Id, p.Name)).ToList();
            return true;
        }
        if (Subject is not { } id) return false;
        try
        {
            if (IsProjectKind(Kind))
            {
                var project = await Mediator.Send(new GetProjectDetailQuery(id), HttpContext.RequestAborted);
                SubjectLabel = $"{project.Code} — {(Format.IsEnglish && project.TitleEn is not null ? project.TitleEn : project.Title)}";
                BackUrl = $"/Projects/Details/{id}";
                Recipients = project.CoFinancing.Select(c => (c.PartnerId, c.PartnerName)).Distinct().OrderBy(p => p.PartnerName).ToList();
                return true;
            }
            if (IsSessionKind(Kind))
            {
                var session = await Mediator.Send(new GetSessionDetailQuery(id), HttpContext.RequestAborted);
                SubjectLabel = session.Code;
                BackUrl = $"/Sessions/Details/{id}";
                return true;
            }
            return false;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
