using MediatR;
using ProjectPortfolio.Application.Users;

namespace ProjectPortfolio.Web.Endpoints;

public static class UsersEndpoints
{
    public sealed record UserBody(string? Email, string? DisplayName, string? Role, Guid? PartnerId, Guid? MemberId, string? Password);

    public sealed record PasswordBody(string? Password);

    public sealed record ChangePasswordBody(string? CurrentPassword, string? NewPassword, string? ConfirmPassword);

    public static void MapUsers(this RouteGroupBuilder api)
    {
        // Administrators only: the requests declare it, and the behaviour answers 403 to everyone else.
        var users = api.MapGroup("/users").WithTags("Users");
        users.MapGet("/", (IMediator mediator, string? q, string? role, string? sort, int? page, int? pageSize, CancellationToken ct) =>
            mediator.Send(new GetUsersQuery(q, role, sort, page ?? 1, pageSize ?? 25), ct));
        users.MapGet("/{id}", (IMediator mediator, string id, CancellationToken ct) => mediator.Send(new GetUserQuery(id), ct));
        users.MapPost("/", async (IMediator mediator, UserBody body, CancellationToken ct) =>
        {
            var id = await mediator.Send(new CreateUserCommand(body.Email, body.DisplayName, body.Role, body.PartnerId, body.MemberId, body.Password), ct);
            return Results.Created($"/api/users/{id}", await mediator.Send(new GetUserQuery(id), ct));
        });
        // The email is the sign-in name and stays; a password sent here is ignored (it has its own route).
        users.MapPut("/{id}", async (IMediator mediator, string id, UserBody body, CancellationToken ct) =>
        {
            await mediator.Send(new UpdateUserCommand(id, body.DisplayName, body.Role, body.PartnerId, body.MemberId), ct);
            return Results.Ok(await mediator.Send(new GetUserQuery(id), ct));
        });
        users.MapPost("/{id}/disable", async (IMediator mediator, string id, CancellationToken ct) =>
        {
            await mediator.Send(new SetUserEnabledCommand(id, false), ct);
            return Results.Ok(await mediator.Send(new GetUserQuery(id), ct));
        });
        users.MapPost("/{id}/enable", async (IMediator mediator, string id, CancellationToken ct) =>
        {
            await mediator.Send(new SetUserEnabledCommand(id, true), ct);
            return Results.Ok(await mediator.Send(new GetUserQuery(id), ct));
        });
        users.MapPut("/{id}/password", async (IMediator mediator, string id, PasswordBody body, CancellationToken ct) =>
        {
            await mediator.Send(new SetUserPasswordCommand(id, body.Password), ct);
            return Results.NoContent();
        });

        // Any signed-in user, for their own account.
        api.MapPost("/account/password", async (IMediator mediator, ChangePasswordBody body, CancellationToken ct) =>
        {
            await mediator.Send(new ChangeOwnPasswordCommand(body.CurrentPassword, body.NewPassword, body.ConfirmPassword), ct);
            return Results.NoContent();
        }).WithTags("Account");
    }
}
