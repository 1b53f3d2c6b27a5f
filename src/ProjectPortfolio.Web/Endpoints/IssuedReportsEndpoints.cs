using MediatR;
using ProjectPortfolio.Application.Reports.Archive;
using ProjectPortfolio.Web.Infrastructure;

namespace ProjectPortfolio.Web.Endpoints;

/// <summary>The archive of issued reports. Issue: administrators and programme officers. Read and download: them,
/// Bureau members, and donors for the reports issued for their partner (others are 404). Applicants: 403.</summary>
public static class IssuedReportsEndpoints
{
    public static void MapIssuedReports(this RouteGroupBuilder api)
    {
        var issued = api.MapGroup("/reports/issued").WithTags("Issued reports");

        issued.MapPost("/", async (IMediator mediator, IssueReportCommand command, CancellationToken ct) =>
            {
                var report = await mediator.Send(command, ct);
                return Results.Created($"/api/reports/issued/{report.Id}", report);
            })
            .WithName("IssueReport")
            .Produces<IssuedReportDetail>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        issued.MapGet("/", (IMediator mediator, string? kind, Guid? partnerId, string? lang, string? from, string? to, string? q, int? page, int? pageSize,
                CancellationToken ct) =>
            {
                var period = IsoDate.ParsePeriod(from, to);
                return mediator.Send(new GetIssuedReportsQuery(kind, partnerId, lang, period.From, period.To, q, page ?? 1, pageSize ?? 25), ct);
            })
            .WithName("GetIssuedReports");

        issued.MapGet("/{id:guid}", (IMediator mediator, Guid id, CancellationToken ct) => mediator.Send(new GetIssuedReportQuery(id), ct))
            .WithName("GetIssuedReport")
            .ProducesProblem(StatusCodes.Status404NotFound);

        issued.MapGet("/{id:guid}/file", async (IMediator mediator, HttpResponse response, Guid id, CancellationToken ct) =>
            {
                var file = await mediator.Send(new GetIssuedReportFileQuery(id), ct);
                response.Headers.XContentTypeOptions = "nosniff";
                // The hash the bytes were checked against, so a recipient can verify the copy it keeps.
                response.Headers["X-Content-SHA256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file.Content));
                return Results.File(file.Content, file.ContentType, file.FileName, enableRangeProcessing: false);
            })
            .WithName("GetIssuedReportFile")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
