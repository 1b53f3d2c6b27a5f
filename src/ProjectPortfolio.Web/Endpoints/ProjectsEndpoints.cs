using MediatR;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Web.Endpoints;

public static class ProjectsEndpoints
{
    public static void MapProjects(this RouteGroupBuilder api)
    {
        var projects = api.MapGroup("/projects").WithTags("Projects");
        projects.MapGet("/", (IMediator mediator, string? country, string? theme, ProjectStatus? status, string? instrument, string? q,
                string? sort, int? page, int? pageSize, CancellationToken ct) =>
            mediator.Send(new GetProjectsQuery(country, theme, status, instrument, q, sort, page ?? 1, pageSize ?? 25), ct));
        projects.MapGet("/{id:guid}", (IMediator mediator, Guid id, CancellationToken ct) => mediator.Send(new GetProjectDetailQuery(id), ct));
        projects.MapPost("/", async (IMediator mediator, CreateProjectCommand command, CancellationToken ct) =>
        {
            var id = await mediator.Send(command, ct);
            return Results.Created($"/api/projects/{id}", await mediator.Send(new GetProjectDetailQuery(id), ct));
        });
        projects.MapPut("/{id:guid}", async (IMediator mediator, Guid id, UpdateProjectCommand command, CancellationToken ct) =>
        {
            await mediator.Send(command with { Id = id }, ct);
            return Results.Ok(await mediator.Send(new GetProjectDetailQuery(id), ct));
        });
    }
}
