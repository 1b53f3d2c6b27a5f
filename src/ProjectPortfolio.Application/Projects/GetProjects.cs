using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Models;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Application.Projects;

public sealed record ProjectListItem(
    Guid Id, string Code, string Title, string? TitleEn, string Country, string ThemeCode, string ThemeNameFr, string ThemeNameEn,
    string InstrumentCode, string LeadMemberName, ProjectStatus Status, DateOnly PlannedStart, DateOnly PlannedEnd,
    long GrantMinor, string Currency);

public sealed record GetProjectsQuery(
    string? Country = null, string? Theme = null, ProjectStatus? Status = null, string? Instrument = null, string? Q = null,
    string? Sort = null, int Page = 1, int PageSize = 25) : IRequest<PaginatedList<ProjectListItem>>;

public class GetProjectsHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<GetProjectsQuery, PaginatedList<ProjectListItem>>
{
    public static readonly string[] SortKeys = ["code", "title", "country", "status", "start", "grant", "member"];

    public Task<PaginatedList<ProjectListItem>> Handle(GetProjectsQuery request, CancellationToken cancellationToken)
    {
        var projects = db.Projects.AsNoTracking().VisibleTo(user);
        if (!string.IsNullOrWhiteSpace(request.Country))
            projects = projects.Where(p => p.Country == request.Country.Trim().ToUpper());
        if (!string.IsNullOrWhiteSpace(request.Theme))
            projects = projects.Where(p => db.Themes.Any(t => t.Id == p.ThemeId && t.Code == request.Theme.Trim().ToLower()));
        if (!string.IsNullOrWhiteSpace(request.Instrument))
            projects = projects.Where(p => db.FundingInstruments.Any(i => i.Id == p.InstrumentId && i.Code == request.Instrument.Trim().ToUpper()));
        if (request.Status is { } status)
            projects = projects.Where(p => p.Status == status);
        if (!string.IsNullOrWhiteSpace(request.Q))
        {
            var q = request.Q.Trim().ToLower();
            projects = projects.Where(p => p.Title.ToLower().Contains(q) || p.Code.ToLower().Contains(q)
                || (p.TitleEn != null && p.TitleEn.ToLower().Contains(q)) || (p.Summary != null && p.Summary.ToLower().Contains(q)));
        }

        var rows =
            from p in projects
            join t in db.Themes on p.ThemeId equals t.Id
            join i in db.FundingInstruments on p.InstrumentId equals i.Id
            join m in db.Members on p.LeadMemberId equals m.Id
            select new ProjectListItem(p.Id, p.Code, p.Title, p.TitleEn, p.Country, t.Code, t.NameFr, t.NameEn, i.Code, m.Name,
                p.Status, p.PlannedStart, p.PlannedEnd, p.GrantMinor, p.Currency);

        var descending = request.Sort?.StartsWith('-') == true;
        rows = (request.Sort?.TrimStart('-')) switch
        {
            "title" => descending ? rows.OrderByDescending(r => r.Title) : rows.OrderBy(r => r.Title),
            "country" => descending ? rows.OrderByDescending(r => r.Country).ThenBy(r => r.Code) : rows.OrderBy(r => r.Country).ThenBy(r => r.Code),
            "status" => descending ? rows.OrderByDescending(r => r.Status).ThenBy(r => r.Code) : rows.OrderBy(r => r.Status).ThenBy(r => r.Code),
            "start" => descending ? rows.OrderByDescending(r => r.PlannedStart).ThenBy(r => r.Code) : rows.OrderBy(r => r.PlannedStart).ThenBy(r => r.Code),
            // Sorting amounts across currencies would mislead; grant sorts within the stored minor units of EUR-denominated projects first.
            "grant" => descending ? rows.OrderBy(r => r.Currency).ThenByDescending(r => r.GrantMinor) : rows.OrderBy(r => r.Currency).ThenBy(r => r.GrantMinor),
            "member" => descending ? rows.OrderByDescending(r => r.LeadMemberName).ThenBy(r => r.Code) : rows.OrderBy(r => r.LeadMemberName).ThenBy(r => r.Code),
            "code" => descending ? rows.OrderByDescending(r => r.Code) : rows.OrderBy(r => r.Code),
            _ => rows.OrderByDescending(r => r.PlannedStart).ThenBy(r => r.Code),
        };
        return PaginatedList<ProjectListItem>.CreateAsync(rows, request.Page, request.PageSize, cancellationToken);
    }
}
