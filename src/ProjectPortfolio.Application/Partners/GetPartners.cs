using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Models;
using ProjectPortfolio.Domain.Partners;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Projects;

namespace ProjectPortfolio.Application.Partners;

public sealed record PartnerListItem(Guid Id, string Code, string Name, PartnerKind Kind, string? Country, int CoFinancedProjects);

[Authorize]
public sealed record GetPartnersQuery(string? Q = null, PartnerKind? Kind = null, string? Sort = null, int Page = 1, int PageSize = 25)
    : IRequest<PaginatedList<PartnerListItem>>;

public class GetPartnersHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<GetPartnersQuery, PaginatedList<PartnerListItem>>
{
    public Task<PaginatedList<PartnerListItem>> Handle(GetPartnersQuery request, CancellationToken cancellationToken)
    {
        var partners = db.Partners.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Q))
        {
            var q = request.Q.Trim().ToLower();
            partners = partners.Where(p => p.Name.ToLower().Contains(q) || p.Code.ToLower().Contains(q));
        }
        if (request.Kind is { } kind) partners = partners.Where(p => p.Kind == kind);
        partners = request.Sort switch
        {
            "code" => partners.OrderBy(p => p.Code),
            "-code" => partners.OrderByDescending(p => p.Code),
            "-name" => partners.OrderByDescending(p => p.Name),
            _ => partners.OrderBy(p => p.Name),
        };
        var visible = db.Projects.VisibleTo(user);
        var items = partners.Select(p => new PartnerListItem(p.Id, p.Code, p.Name, p.Kind, p.Country,
            // Counted over the projects this user may see, so another partner's co-financing is not revealed.
            visible.Count(project => project.CoFinancing.Any(c => c.PartnerId == p.Id))));
        return PaginatedList<PartnerListItem>.CreateAsync(items, request.Page, request.PageSize, cancellationToken);
    }
}

public sealed record PartnerDto(Guid Id, string Code, string Name, PartnerKind Kind, string? Country, int Version);

[Authorize]
public sealed record GetPartnerQuery(Guid Id) : IRequest<PartnerDto>;

public class GetPartnerHandler(IApplicationDbContext db) : IRequestHandler<GetPartnerQuery, PartnerDto>
{
    public async Task<PartnerDto> Handle(GetPartnerQuery request, CancellationToken cancellationToken) =>
        await db.Partners.AsNoTracking()
            .Where(p => p.Id == request.Id)
            .Select(p => new PartnerDto(p.Id, p.Code, p.Name, p.Kind, p.Country, p.Version))
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Partner", request.Id);
}

public sealed record PartnerOption(Guid Id, string Code, string Name);

/// <summary>Every partner, name-sorted, for pick lists (the portfolio's partner filter).</summary>
[Authorize]
public sealed record GetPartnerOptionsQuery : IRequest<IReadOnlyList<PartnerOption>>;

public class GetPartnerOptionsHandler(IApplicationDbContext db) : IRequestHandler<GetPartnerOptionsQuery, IReadOnlyList<PartnerOption>>
{
    public async Task<IReadOnlyList<PartnerOption>> Handle(GetPartnerOptionsQuery request, CancellationToken cancellationToken) =>
        await db.Partners.AsNoTracking().OrderBy(p => p.Name).Select(p => new PartnerOption(p.Id, p.Code, p.Name)).ToListAsync(cancellationToken);
}
