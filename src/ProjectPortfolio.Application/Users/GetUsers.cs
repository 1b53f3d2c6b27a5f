using MediatR;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Models;
using ProjectPortfolio.Application.Common.Security;

namespace ProjectPortfolio.Application.Users;

/// <summary>Accounts, filtered by role and by text (email or name), sorted ("email", "-email", "name", "-name",
/// "role"), a page at a time.</summary>
[Authorize(Roles.Administrator)]
public sealed record GetUsersQuery(string? Q = null, string? Role = null, string? Sort = null, int Page = 1, int PageSize = 25)
    : IRequest<PaginatedList<UserListItem>>;

public class GetUsersHandler(IUserAccounts accounts) : IRequestHandler<GetUsersQuery, PaginatedList<UserListItem>>
{
    public Task<PaginatedList<UserListItem>> Handle(GetUsersQuery request, CancellationToken cancellationToken) =>
        accounts.ListAsync(request.Q, request.Role, request.Sort, request.Page, request.PageSize, cancellationToken);
}

[Authorize(Roles.Administrator)]
public sealed record GetUserQuery(string Id) : IRequest<UserDto>;

public class GetUserHandler(IUserAccounts accounts) : IRequestHandler<GetUserQuery, UserDto>
{
    public async Task<UserDto> Handle(GetUserQuery request, CancellationToken cancellationToken) =>
        await accounts.FindAsync(request.Id, cancellationToken) ?? throw new NotFoundException("User", request.Id);
}
