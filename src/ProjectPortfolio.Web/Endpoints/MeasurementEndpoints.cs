using MediatR;
using Microsoft.Extensions.Options;
using ProjectPortfolio.Application.Attachments;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Measurements;
using ProjectPortfolio.Web.Infrastructure;

namespace ProjectPortfolio.Web.Endpoints;

/// <summary>The measurement workflow. Every route of one measurement is under /api/measurements/{id:guid}, so that
/// fixed names next to them (/api/measurements/review-queue, the import's routes) never read as an id.</summary>
public static class MeasurementEndpoints
{
    public sealed record VersionBody(int Version);
    public sealed record ReturnBody(int Version, string? Comment);
    public sealed record ValueBody(int Version, double? Value, IReadOnlyList<MeasurementPartInput>? Parts, string? Evidence, string? EvidenceLink);
    public sealed record NewMeasurementBody(string? Indicator, DateOnly? PeriodStart, DateOnly? PeriodEnd, double? Value,
        IReadOnlyList<MeasurementPartInput>? Parts, string? Evidence, string? EvidenceLink);

    public static void MapMeasurements(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{id:guid}/measurements", (IMediator mediator, Guid id, CancellationToken ct) =>
            mediator.Send(new GetProjectMeasurementsQuery(id), ct)).WithTags("Measurements");
        api.MapPost("/projects/{id:guid}/measurements", async (IMediator mediator, Guid id, NewMeasurementBody body, CancellationToken ct) =>
        {
            var created = await mediator.Send(new RecordMeasurementCommand
            {
                ProjectId = id, Indicator = body.Indicator, PeriodStart = body.PeriodStart, PeriodEnd = body.PeriodEnd, Value = body.Value,
                Parts = body.Parts, Evidence = body.Evidence, EvidenceLink = body.EvidenceLink,
            }, ct);
            return Results.Created($"/api/measurements/{created}", await mediator.Send(new GetMeasurementQuery(created), ct));
        }).WithTags("Measurements");

        var measurements = api.MapGroup("/measurements").WithTags("Measurements");
        measurements.MapGet("/review-queue", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetReviewQueueQuery(), ct));
        measurements.MapGet("/{id:guid}", (IMediator mediator, Guid id, CancellationToken ct) => mediator.Send(new GetMeasurementQuery(id), ct));
        measurements.MapPut("/{id:guid}", async (IMediator mediator, Guid id, ValueBody body, CancellationToken ct) =>
        {
            await mediator.Send(new UpdateMeasurementCommand
            {
                Id = id, Version = body.Version, Value = body.Value, Parts = body.Parts, Evidence = body.Evidence, EvidenceLink = body.EvidenceLink,
            }, ct);
            return Results.Ok(await mediator.Send(new GetMeasurementQuery(id), ct));
        });
        measurements.MapPost("/{id:guid}/submit", async (IMediator mediator, Guid id, VersionBody body, CancellationToken ct) =>
        {
            await mediator.Send(new SubmitMeasurementCommand(id, body.Version), ct);
            return Results.Ok(await mediator.Send(new GetMeasurementQuery(id), ct));
        });
        measurements.MapPost("/{id:guid}/approve", async (IMediator mediator, Guid id, VersionBody body, CancellationToken ct) =>
        {
            await mediator.Send(new ApproveMeasurementCommand(id, body.Version), ct);
            return Results.Ok(await mediator.Send(new GetMeasurementQuery(id), ct));
        });
        measurements.MapPost("/{id:guid}/return", async (IMediator mediator, Guid id, ReturnBody body, CancellationToken ct) =>
        {
            await mediator.Send(new ReturnMeasurementCommand(id, body.Version, body.Comment), ct);
            return Results.Ok(await mediator.Send(new GetMeasurementQuery(id), ct));
        });
        measurements.MapPost("/{id:guid}/correct", async (IMediator mediator, Guid id, ValueBody body, CancellationToken ct) =>
        {
            var correction = await mediator.Send(new CorrectMeasurementCommand
            {
                Id = id, Version = body.Version, Value = body.Value, Parts = body.Parts, Evidence = body.Evidence, EvidenceLink = body.EvidenceLink,
            }, ct);
            return Results.Created($"/api/measurements/{correction}", await mediator.Send(new GetMeasurementQuery(correction), ct));
        });

        measurements.MapGet("/{id:guid}/attachments", async (IMediator mediator, Guid id, CancellationToken ct) =>
            (await mediator.Send(new GetMeasurementQuery(id), ct)).Attachments);
        // Read by hand, like the other attachment uploads: the size is checked before anything is buffered.
        measurements.MapPost("/{id:guid}/attachments", async (IMediator mediator, Guid id, HttpRequest request, IOptions<AttachmentOptions> options, CancellationToken ct) =>
        {
            var limit = options.Value.MaxBytes;
            if (request.ContentLength > limit + UploadLimits.MultipartOverhead) throw new FileTooLargeException(limit);
            if (!request.HasFormContentType)
                throw new ValidationException("File", "Send the file as multipart/form-data in a field named \"file\".");
            var form = await request.ReadFormAsync(ct);
            var file = form.Files["file"] ?? (form.Files.Count > 0 ? form.Files[0] : null)
                ?? throw new ValidationException("File", "Send the file as multipart/form-data in a field named \"file\".");
            if (file.Length > limit) throw new FileTooLargeException(limit);
            await using var content = file.OpenReadStream();
            var row = await mediator.Send(new AttachMeasurementEvidenceCommand(id, file.FileName, content), ct);
            return Results.Created($"/api/attachments/{row.Id}", row);
        });
    }
}
