using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Models;
using ProjectPortfolio.Domain.Projects;
using ProjectPortfolio.Application.Common.Security;

namespace ProjectPortfolio.Application.Projects;

public sealed record ProjectListItem(
    Guid Id, string Code, string Title, string? TitleEn, string Country, string ThemeCode, string ThemeNameFr, string ThemeNameEn,
    string InstrumentCode, string LeadMemberName, ProjectStatus Status, DateOnly PlannedStart, DateOnly PlannedEnd,
    long GrantMinor, string Currency);

[Authorize]
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

        var joined =
            from p in projects
            join t in db.Themes on p.ThemeId equals t.Id
            join i in db.FundingInstruments on p.InstrumentId equals i.Id
            join m in db.Members on p.LeadMemberId equals m.Id
            select new { Project = p, Theme = t, Instrument = i, LeadMemberName = m.Name };

        // Sort on the joined rows: EF cannot translate an ORDER BY on the members of a constructed record.
        var descending = request.Sort?.StartsWith('-') == true;
        joined = (request.Sort?.TrimStart('-')) switch
        {
            "title" => descending ? joined.OrderByDescending(r => r.Project.Title) : joined.OrderBy(r => r.Project.Title),
            "country" => descending ? joined.OrderByDescending(r => r.Project.Country).ThenBy(r => r.Project.Code) : joined.OrderBy(r => r.Project.Country).ThenBy(r => r.Project.Code),
            "status" => descending ? joined.OrderByDescending(r => r.Project.Status).ThenBy(r => r.Project.Code) : joined.OrderBy(r => r.Project.Status).ThenBy(r => r.Project.Code),
            "start" => descending ? joined.OrderByDescending(r => r.Project.PlannedStart).ThenBy(r => r.Project.Code) : joined.OrderBy(r => r.Project.PlannedStart).ThenBy(r => r.Project.Code),
            // Amounts in different currencies are not comparable: sort by currency, then amount.
            "grant" => descending ? joined.OrderBy(r => r.Project.Currency).ThenByDescending(r => r.Project.GrantMinor) : joined.OrderBy(r => r.Project.Currency).ThenBy(r => r.Project.GrantMinor),
            "member" => descending ? joined.OrderByDescending(r => r.LeadMemberName).ThenBy(r => r.Project.Code) : joined.OrderBy(r => r.LeadMemberName).ThenBy(r => r.Project.Code),
            "code" => descending ? joined.OrderByDescending(r => r.Project.Code) : joined.OrderBy(r => r.Project.Code),
            _ => joined.OrderByDescending(r => r.Project.PlannedStart).ThenBy(r => r.Project.Code),
        };

        var rows = joined.Select(r => new ProjectListItem(r.Project.Id, r.Project.Code, r.Project.Title, r.Project.TitleEn, r.Project.Country,
            r.Theme.Code, r.Theme.NameFr, r.Theme.NameEn, r.Instrument.Code, r.LeadMemberName, r.Project.Status,
            r.Project.PlannedStart, r.Project.PlannedEnd, r.Project.GrantMinor, r.Project.Currency));
        return PaginatedList<ProjectListItem>.CreateAsync(rows, request.Page, request.PageSize, cancellationToken);
    }
}

/// <summary>The countries that have projects the user may see, for the filter list.</summary>
[Authorize]
public sealed record GetProjectCountriesQuery : IRequest<IReadOnlyList<string>>;

public class GetProjectCountriesHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<GetProjectCountriesQuery, IReadOnlyList<string>>
{
    public async Task<IReadOnlyList<string>> Handle(GetProjectCountriesQuery request, CancellationToken cancellationToken) =>
        await db.Projects.AsNoTracking().VisibleTo(user).Select(p => p.Country).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);
}
