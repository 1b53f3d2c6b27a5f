using MediatR;
using ProjectPortfolio.Application.Members;
using ProjectPortfolio.Application.Partners;
using ProjectPortfolio.Domain.Members;
using ProjectPortfolio.Domain.Partners;

namespace ProjectPortfolio.Web.Endpoints;

public static class MembersEndpoints
{
    public sealed record MemberBody(string? Code, string? Name, MemberKind? Kind, string? Country, string? Region, int Version);

    public sealed record PartnerBody(string? Code, string? Name, PartnerKind? Kind, string? Country, int Version);

    public static void MapMembers(this RouteGroupBuilder api)
    {
        var members = api.MapGroup("/members").WithTags("Members");
        members.MapGet("/", (IMediator mediator, string? q, string? country, MemberKind? kind, string? sort, int? page, int? pageSize, CancellationToken ct) =>
            mediator.Send(new GetMembersQuery(q, country, kind, sort, page ?? 1, pageSize ?? 25), ct));
        members.MapGet("/{id:guid}", (IMediator mediator, Guid id, CancellationToken ct) => mediator.Send(new GetMemberQuery(id), ct));
        members.MapPost("/", async (IMediator mediator, MemberBody body, CancellationToken ct) =>
        {
            var id = await mediator.Send(new CreateMemberCommand(body.Code, body.Name, body.Kind, body.Country, body.Region), ct);
            return Results.Created($"/api/members/{id}", await mediator.Send(new GetMemberQuery(id), ct));
        });
        members.MapPut("/{id:guid}", async (IMediator mediator, Guid id, MemberBody body, CancellationToken ct) =>
        {
            await mediator.Send(new UpdateMemberCommand(id, body.Version, body.Name, body.Kind, body.Country, body.Region), ct);
            return Results.Ok(await mediator.Send(new GetMemberQuery(id), ct));
        });
    }

    public static void MapPartners(this RouteGroupBuilder api)
    {
        var partners = api.MapGroup("/partners").WithTags("Partners");
        partners.MapGet("/", (IMediator mediator, string? q, PartnerKind? kind, string? sort, int? page, int? pageSize, CancellationToken ct) =>
            mediator.Send(new GetPartnersQuery(q, kind, sort, page ?? 1, pageSize ?? 25), ct));
        partners.MapGet("/{id:guid}", (IMediator mediator, Guid id, CancellationToken ct) => mediator.Send(new GetPartnerQuery(id), ct));
        partners.MapPost("/", async (IMediator mediator, PartnerBody body, CancellationToken ct) =>
        {
            var id = await mediator.Send(new CreatePartnerCommand(body.Code, body.Name, body.Kind, body.Country), ct);
            return Results.Created($"/api/partners/{id}", await mediator.Send(new GetPartnerQuery(id), ct));
        });
        partners.MapPut("/{id:guid}", async (IMediator mediator, Guid id, PartnerBody body, CancellationToken ct) =>
        {
            await mediator.Send(new UpdatePartnerCommand(id, body.Version, body.Name, body.Kind, body.Country), ct);
            return Results.Ok(await mediator.Send(new GetPartnerQuery(id), ct));
        });
    }
}
