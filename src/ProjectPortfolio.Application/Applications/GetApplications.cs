using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Models;
using ProjectPortfolio.Domain.Applications;
using ProjectPortfolio.Application.Common.Security;

namespace ProjectPortfolio.Application.Applications;

public sealed record ApplicationListItem(Guid Id, string Reference, string Title, string ApplicantName, string Country, string? ThemeCode,
    ApplicationKind Kind, ApplicationStatus Status, long? RequestedMinor, string Currency, string? SessionCode);

[Authorize]
public sealed record GetApplicationsQuery(ApplicationStatus? Status = null, Guid? Member = null, string? Country = null, string? Theme = null,
    string? Session = null, string? Q = null, int Page = 1, int PageSize = 25) : IRequest<PaginatedList<ApplicationListItem>>;

public class GetApplicationsHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<GetApplicationsQuery, PaginatedList<ApplicationListItem>>
{
    public Task<PaginatedList<ApplicationListItem>> Handle(GetApplicationsQuery request, CancellationToken cancellationToken)
    {
        var applications = db.GrantApplications.AsNoTracking().VisibleTo(user);
        if (request.Status is { } status) applications = applications.Where(a => a.Status == status);
        if (request.Member is { } member) applications = applications.Where(a => a.ApplicantMemberId == member);
        if (!string.IsNullOrWhiteSpace(request.Theme))
            applications = applications.Where(a => db.Themes.Any(t => t.Id == a.ThemeId && t.Code == request.Theme.Trim().ToLower()));
        if (!string.IsNullOrWhiteSpace(request.Session))
            applications = applications.Where(a => db.BureauSessions.Any(s => s.Id == a.SessionId && s.Code == request.Session.Trim().ToUpper()));
        if (!string.IsNullOrWhiteSpace(request.Q))
        {
            var q = request.Q.Trim().ToLower();
            applications = applications.Where(a => a.Title.ToLower().Contains(q) || a.Reference.ToLower().Contains(q));
        }

        var rows =
            from a in applications
            join m in db.Members on a.ApplicantMemberId equals m.Id
            where request.Country == null || request.Country == "" || m.Country == request.Country.ToUpper()
            orderby a.Reference descending
            select new ApplicationListItem(a.Id, a.Reference, a.Title, m.Name, m.Country,
                db.Themes.Where(t => t.Id == a.ThemeId).Select(t => t.Code).FirstOrDefault(),
                a.Kind, a.Status, a.RequestedMinor, a.Currency,
                db.BureauSessions.Where(s => s.Id == a.SessionId).Select(s => s.Code).FirstOrDefault());
        return PaginatedList<ApplicationListItem>.CreateAsync(rows, request.Page, request.PageSize, cancellationToken);
    }
}
