using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Models;
using ProjectPortfolio.Domain.Members;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Projects;

namespace ProjectPortfolio.Application.Members;

public sealed record MemberListItem(Guid Id, string Code, string Name, MemberKind Kind, string Country, string? Region, int ProjectCount);

[Authorize]
public sealed record GetMembersQuery(string? Q = null, string? Country = null, MemberKind? Kind = null,
    string? Sort = null, int Page = 1, int PageSize = 25) : IRequest<PaginatedList<MemberListItem>>;

public class GetMembersHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<GetMembersQuery, PaginatedList<MemberListItem>>
{
    public Task<PaginatedList<MemberListItem>> Handle(GetMembersQuery request, CancellationToken cancellationToken)
    {
        var members = db.Members.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Q))
        {
            var q = request.Q.Trim().ToLower();
            members = members.Where(m => m.Name.ToLower().Contains(q) || m.Code.ToLower().Contains(q));
        }
        if (!string.IsNullOrWhiteSpace(request.Country)) members = members.Where(m => m.Country == request.Country.ToUpper());
        if (request.Kind is { } kind) members = members.Where(m => m.Kind == kind);

        members = request.Sort switch
        {
            "code" => members.OrderBy(m => m.Code),
            "-code" => members.OrderByDescending(m => m.Code),
            "country" => members.OrderBy(m => m.Country).ThenBy(m => m.Name),
            "-country" => members.OrderByDescending(m => m.Country).ThenBy(m => m.Name),
            "-name" => members.OrderByDescending(m => m.Name),
            _ => members.OrderBy(m => m.Name),
        };

        var visible = db.Projects.VisibleTo(user);
        // The directory is shared reference data, but the count must not reveal projects a donor or an
        // applicant city may not see.
        var items = members.Select(m => new MemberListItem(m.Id, m.Code, m.Name, m.Kind, m.Country, m.Region,
            visible.Count(p => p.LeadMemberId == m.Id)));
        return PaginatedList<MemberListItem>.CreateAsync(items, request.Page, request.PageSize, cancellationToken);
    }
}

public sealed record MemberOption(Guid Id, string Name, string Country);

/// <summary>Every member, name-sorted, for pick lists.</summary>
[Authorize]
public sealed record GetMemberOptionsQuery : IRequest<IReadOnlyList<MemberOption>>;

public class GetMemberOptionsHandler(IApplicationDbContext db) : IRequestHandler<GetMemberOptionsQuery, IReadOnlyList<MemberOption>>
{
    public async Task<IReadOnlyList<MemberOption>> Handle(GetMemberOptionsQuery request, CancellationToken cancellationToken) =>
        await db.Members.AsNoTracking().OrderBy(m => m.Name).Select(m => new MemberOption(m.Id, m.Name, m.Country)).ToListAsync(cancellationToken);
}
