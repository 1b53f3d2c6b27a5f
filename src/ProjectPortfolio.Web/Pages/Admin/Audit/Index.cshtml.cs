using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using ProjectPortfolio.Application.Auditing;
using ProjectPortfolio.Application.Common.Models;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Web.Infrastructure;
using AppRoles = ProjectPortfolio.Application.Common.Security.Roles;

namespace ProjectPortfolio.Web.Pages.Admin.Audit;

/// <summary>The audit log, for administrators: filter by period (UTC days), user, action, record type and record,
/// sort, page, and download what the filters select as a workbook. Read only: there is nothing to edit here.</summary>
[Authorize(Roles = AppRoles.Administrator)]
public class IndexModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PortfolioPageModel(mediator, localizer)
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    /// <summary>Read by hand: "page" is the route key of Razor Pages itself and cannot be bound.</summary>
    public int PageNumber => int.TryParse(Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;

    public PaginatedList<AuditLogItem> Result { get; private set; } = new([], 1, PageSize, 0);

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        if (!IsoDate.TryParse(From, out var from)) ModelState.AddModelError(nameof(From), Messages.InvalidDate);
        if (!IsoDate.TryParse(To, out var to)) ModelState.AddModelError(nameof(To), Messages.InvalidDate);
        if (!ModelState.IsValid) return;
        var (ok, result) = await TrySendAsync(new SearchAuditLogQuery(from, to, UserName, Action, EntityType, Entity, Sort, PageNumber, PageSize), prefix: "");
        if (ok) Result = result!;
    }

    private Dictionary<string, string?> Filters() => new()
    {
        ["from"] = From, ["to"] = To, ["user"] = UserName, ["action"] = Action, ["entityType"] = EntityType, ["entity"] = Entity,
    };

    private string ListUrl(string? sort, int page)
    {
        var query = Filters();
        query["sort"] = sort;
        query["page"] = page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null;
        return QueryHelpers.AddQueryString("/admin/audit", query.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)));
    }

    public string PageUrl(int page) => ListUrl(Sort, page);

    /// <summary>Newest first is the default order: the first click on the date column shows the oldest first.</summary>
    public string SortUrl(string column) => column == "at"
        ? ListUrl(string.IsNullOrEmpty(Sort) || Sort == "-at" ? "at" : null, 1)
        : ListUrl(Sort == column ? "-" + column : column, 1);

    /// <summary>The export of exactly what the filters select, in the same order, in the reader's language.</summary>
    public string ExportUrl()
    {
        var query = Filters();
        query["sort"] = Sort;
        query["lang"] = Format.IsEnglish ? "en" : "fr";
        return QueryHelpers.AddQueryString("/api/audit/export.xlsx", query.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)));
    }

    /// <summary>The page of a record the entry is about, when it has one.</summary>
    public static string? RecordUrl(AuditLogItem entry) =>
        !Guid.TryParse(entry.EntityId, out var id) ? null
        : entry.EntityType switch
        {
            "Project" => $"/Projects/Details/{id}",
            "GrantApplication" => $"/Applications/Details/{id}",
            _ => null,
        };
}
