using MediatR;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Application.Projects.Execution;

namespace ProjectPortfolio.Web.Endpoints;

/// <summary>Follow-up of a project: milestones, tranches and their release conditions, co-financing received and
/// indicator targets. Every change carries the project's version and answers with the updated project.</summary>
public static class ProjectExecutionEndpoints
{
    public sealed record VersionBody(int Version);
    public sealed record MilestoneBody(int Version, string? Title, string? TitleEn, DateOnly? PlannedDate);
    public sealed record CompleteMilestoneBody(int Version, DateOnly? ActualDate);
    public sealed record TrancheBody(int Version, DateOnly? PlannedDate, decimal? Amount, IReadOnlyList<TrancheConditionInput>? Conditions);
    public sealed record ConditionMetBody(int Version, string? Note);
    public sealed record PayBody(int Version, DateOnly? PaidDate, decimal? Amount);
    public sealed record ReceivedBody(int Version, decimal? Amount, DateOnly? ReceivedOn);
    public sealed record TargetBody(int Version, double? Baseline, double? Target, DateOnly? TargetDate);

    public static void MapProjectExecution(this RouteGroupBuilder api)
    {
        var projects = api.MapGroup("/projects/{id:guid}").WithTags("Project execution");

        projects.MapPost("/milestones", async (IMediator mediator, Guid id, MilestoneBody body, CancellationToken ct) =>
        {
            await mediator.Send(new AddMilestoneCommand(id, body.Version, body.Title, body.TitleEn, body.PlannedDate), ct);
            return Results.Created($"/api/projects/{id}", await mediator.Send(new GetProjectDetailQuery(id), ct));
        });
        projects.MapPost("/milestones/{milestoneId:guid}/complete", async (IMediator mediator, Guid id, Guid milestoneId, CompleteMilestoneBody body, CancellationToken ct) =>
        {
            await mediator.Send(new CompleteMilestoneCommand(id, milestoneId, body.Version, body.ActualDate), ct);
            return Results.Ok(await mediator.Send(new GetProjectDetailQuery(id), ct));
        });
        projects.MapPost("/milestones/{milestoneId:guid}/cancel", async (IMediator mediator, Guid id, Guid milestoneId, VersionBody body, CancellationToken ct) =>
        {
            await mediator.Send(new CancelMilestoneCommand(id, milestoneId, body.Version), ct);
            return Results.Ok(await mediator.Send(new GetProjectDetailQuery(id), ct));
        });

        projects.MapPost("/tranches", async (IMediator mediator, Guid id, TrancheBody body, CancellationToken ct) =>
        {
            await mediator.Send(new AddTrancheCommand(id, body.Version, body.PlannedDate, body.Amount, body.Conditions), ct);
            return Results.Created($"/api/projects/{id}", await mediator.Send(new GetProjectDetailQuery(id), ct));
        });
        projects.MapPost("/tranches/{trancheId:guid}/conditions/{conditionId:guid}/met",
            async (IMediator mediator, Guid id, Guid trancheId, Guid conditionId, ConditionMetBody body, CancellationToken ct) =>
            {
                await mediator.Send(new MarkConditionMetCommand(id, trancheId, conditionId, body.Version, body.Note), ct);
                return Results.Ok(await mediator.Send(new GetProjectDetailQuery(id), ct));
            });
        projects.MapPost("/tranches/{trancheId:guid}/pay", async (IMediator mediator, Guid id, Guid trancheId, PayBody body, CancellationToken ct) =>
        {
            await mediator.Send(new PayTrancheCommand(id, trancheId, body.Version, body.PaidDate, body.Amount), ct);
            return Results.Ok(await mediator.Send(new GetProjectDetailQuery(id), ct));
        });

        projects.MapPut("/co-financing/{lineId:guid}/received", async (IMediator mediator, Guid id, Guid lineId, ReceivedBody body, CancellationToken ct) =>
        {
            await mediator.Send(new RecordCoFinancingReceivedCommand(id, lineId, body.Version, body.Amount, body.ReceivedOn), ct);
            return Results.Ok(await mediator.Send(new GetProjectDetailQuery(id), ct));
        });

        projects.MapPut("/targets/{indicatorCode}", async (IMediator mediator, Guid id, string indicatorCode, TargetBody body, CancellationToken ct) =>
        {
            await mediator.Send(new SetTargetCommand(id, indicatorCode, body.Version, body.Baseline, body.Target, body.TargetDate), ct);
            return Results.Ok(await mediator.Send(new GetProjectDetailQuery(id), ct));
        });
        // The version travels in the query string: a DELETE body is ignored by many clients and proxies.
        projects.MapDelete("/targets/{indicatorCode}", async (IMediator mediator, Guid id, string indicatorCode, int version, CancellationToken ct) =>
        {
            await mediator.Send(new RemoveTargetCommand(id, indicatorCode, version), ct);
            return Results.Ok(await mediator.Send(new GetProjectDetailQuery(id), ct));
        });
    }
}
