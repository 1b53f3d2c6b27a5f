using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Domain.Members;
using ProjectPortfolio.Application.Common.Security;

namespace ProjectPortfolio.Application.Members;

public sealed record MemberDto(Guid Id, string Code, string Name, MemberKind Kind, string Country, string? Region, int Version);

[Authorize]
public sealed record GetMemberQuery(Guid Id) : IRequest<MemberDto>;

public class GetMemberHandler(IApplicationDbContext db) : IRequestHandler<GetMemberQuery, MemberDto>
{
    public async Task<MemberDto> Handle(GetMemberQuery request, CancellationToken cancellationToken) =>
        await db.Members.AsNoTracking()
            .Where(m => m.Id == request.Id)
            .Select(m => new MemberDto(m.Id, m.Code, m.Name, m.Kind, m.Country, m.Region, m.Version))
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Member", request.Id);
}
