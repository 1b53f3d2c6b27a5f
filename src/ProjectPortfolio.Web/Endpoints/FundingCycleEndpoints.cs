using MediatR;
using ProjectPortfolio.Application.Applications;
using ProjectPortfolio.Application.BureauSessions;
using ProjectPortfolio.Domain.Applications;
using ProjectPortfolio.Domain.BureauSessions;

namespace ProjectPortfolio.Web.Endpoints;

public static class FundingCycleEndpoints
{
    public sealed record VersionBody(int Version);
    public sealed record ScreeningBody(int Version, IReadOnlyList<ScreeningAnswerInput>? Answers, string? Comment);
    public sealed record RecommendationBody(int Version, bool Recommended, decimal? ProposedAmount, string? Comment);
    public sealed record OpinionBody(OpinionValue? Opinion, string? Comment);
    public sealed record SessionBody(DateOnly? Date, string? Place, IReadOnlyList<EnvelopeInput>? Envelopes, IReadOnlyList<string>? Attendance, int Version);
    public sealed record AgendaBody(IReadOnlyList<Guid>? ApplicationIds);
    public sealed record AmendmentBody(Guid ApplicationId, decimal? NewAwardedAmount, string? Reason);
    public sealed record DecisionBody(Guid ApplicationId, DecisionOutcome? Outcome, decimal? AwardedAmount, IReadOnlyList<ConditionInput>? Conditions,
        string? Reason, string? EnvelopeOverrideReason);

    public static void MapFundingCycle(this RouteGroupBuilder api)
    {
        var applications = api.MapGroup("/applications").WithTags("Applications");
        applications.MapGet("/", (IMediator mediator, ApplicationStatus? status, Guid? member, string? country, string? theme, string? session,
                string? q, int? page, int? pageSize, CancellationToken ct) =>
            mediator.Send(new GetApplicationsQuery(status, member, country, theme, session, q, page ?? 1, pageSize ?? 25), ct));
        applications.MapGet("/{id:guid}", (IMediator mediator, Guid id, CancellationToken ct) => mediator.Send(new GetApplicationDetailQuery(id), ct));
        applications.MapPost("/", async (IMediator mediator, CreateApplicationCommand command, CancellationToken ct) =>
        {
            var id = await mediator.Send(command, ct);
            return Results.Created($"/api/applications/{id}", await mediator.Send(new GetApplicationDetailQuery(id), ct));
        });
        applications.MapPut("/{id:guid}", async (IMediator mediator, Guid id, UpdateApplicationCommand command, CancellationToken ct) =>
        {
            await mediator.Send(command with { Id = id }, ct);
            return Results.Ok(await mediator.Send(new GetApplicationDetailQuery(id), ct));
        });
        applications.MapPost("/{id:guid}/submit", async (IMediator mediator, Guid id, VersionBody body, CancellationToken ct) =>
        {
            await mediator.Send(new SubmitApplicationCommand(id, body.Version), ct);
            return Results.Ok(await mediator.Send(new GetApplicationDetailQuery(id), ct));
        });
        applications.MapPost("/{id:guid}/screening", async (IMediator mediator, Guid id, ScreeningBody body, CancellationToken ct) =>
        {
            await mediator.Send(new ScreenApplicationCommand(id, body.Version, body.Answers, body.Comment), ct);
            return Results.Ok(await mediator.Send(new GetApplicationDetailQuery(id), ct));
        });
        applications.MapPost("/{id:guid}/recommendation", async (IMediator mediator, Guid id, RecommendationBody body, CancellationToken ct) =>
        {
            await mediator.Send(new RecommendApplicationCommand(id, body.Version, body.Recommended, body.ProposedAmount, body.Comment), ct);
            return Results.Ok(await mediator.Send(new GetApplicationDetailQuery(id), ct));
        });
        applications.MapPost("/{id:guid}/opinions", async (IMediator mediator, Guid id, OpinionBody body, CancellationToken ct) =>
        {
            await mediator.Send(new GiveOpinionCommand(id, body.Opinion, body.Comment), ct);
            return Results.Ok(await mediator.Send(new GetApplicationDetailQuery(id), ct));
        });

        var sessions = api.MapGroup("/bureau-sessions").WithTags("Bureau sessions");
        sessions.MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetSessionsQuery(), ct));
        sessions.MapGet("/{id:guid}", (IMediator mediator, Guid id, CancellationToken ct) => mediator.Send(new GetSessionDetailQuery(id), ct));
        sessions.MapPost("/", async (IMediator mediator, SessionBody body, CancellationToken ct) =>
        {
            var id = await mediator.Send(new CreateSessionCommand(body.Date, body.Place, body.Envelopes, body.Attendance), ct);
            return Results.Created($"/api/bureau-sessions/{id}", await mediator.Send(new GetSessionDetailQuery(id), ct));
        });
        sessions.MapPut("/{id:guid}", async (IMediator mediator, Guid id, SessionBody body, CancellationToken ct) =>
        {
            await mediator.Send(new UpdateSessionCommand(id, body.Version, body.Date, body.Place, body.Envelopes, body.Attendance), ct);
            return Results.Ok(await mediator.Send(new GetSessionDetailQuery(id), ct));
        });
        sessions.MapPost("/{id:guid}/agenda", async (IMediator mediator, Guid id, AgendaBody body, CancellationToken ct) =>
        {
            await mediator.Send(new ScheduleApplicationsCommand(id, body.ApplicationIds), ct);
            return Results.Ok(await mediator.Send(new GetSessionDetailQuery(id), ct));
        });
        sessions.MapPost("/{id:guid}/decisions", async (IMediator mediator, Guid id, DecisionBody body, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new RecordDecisionCommand(id, body.ApplicationId, body.Outcome, body.AwardedAmount, body.Conditions,
                body.Reason, body.EnvelopeOverrideReason), ct)));
        sessions.MapPost("/{id:guid}/amendments", async (IMediator mediator, Guid id, AmendmentBody body, CancellationToken ct) =>
        {
            await mediator.Send(new AmendDecisionCommand(id, body.ApplicationId, body.NewAwardedAmount, body.Reason), ct);
            return Results.Ok(await mediator.Send(new GetSessionDetailQuery(id), ct));
        });
        sessions.MapPost("/{id:guid}/close", async (IMediator mediator, Guid id, VersionBody body, CancellationToken ct) =>
        {
            await mediator.Send(new CloseSessionCommand(id, body.Version), ct);
            return Results.Ok(await mediator.Send(new GetSessionDetailQuery(id), ct));
        });
    }
}
