using MediatR;
using Microsoft.AspNetCore.Http.Features;
using ProjectPortfolio.Application.Auditing;
using ProjectPortfolio.Application.Common.Models;
using ProjectPortfolio.Application.Reports;
using ProjectPortfolio.Web.Infrastructure;

namespace ProjectPortfolio.Web.Endpoints;

/// <summary>The audit log, read only, for administrators (the requests declare it; everyone else gets 403). There is
/// deliberately no PUT, PATCH or DELETE here: the trail is append-only (docs/security.md, "Audit trail").</summary>
public static class AuditEndpoints
{
    public static void MapAudit(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit");

        // from/to: ISO dates, whole UTC days, both included; user, action, entityType, entity, sort, page, pageSize.
        audit.MapGet("", (IMediator mediator, string? from, string? to, string? user, string? action, string? entityType, string? entity,
                string? sort, int? page, int? pageSize, CancellationToken ct) =>
            {
                var period = IsoDate.ParsePeriod(from, to);
                return mediator.Send(new SearchAuditLogQuery(period.From, period.To, user, action, entityType, entity, sort, page ?? 1, pageSize ?? 50), ct);
            })
            .WithName("SearchAuditLog")
            .Produces<PaginatedList<AuditLogItem>>()
            .ProducesValidationProblem();

        // The same filters and sort, every matching entry, as a workbook written straight into the response while the
        // rows come from the database: checked first (a bad filter is a 400), then streamed with no Content-Length.
        audit.MapGet("/export.xlsx", async (IMediator mediator, HttpContext http, string? from, string? to, string? user, string? action,
                string? entityType, string? entity, string? sort, string? lang, CancellationToken ct) =>
            {
                var period = IsoDate.ParsePeriod(from, to);
                var workbook = await mediator.Send(new ExportAuditLogQuery(period.From, period.To, user, action, entityType, entity, sort, lang), ct);
                http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
                return Results.Stream(body => workbook.WriteAsync(body, ct), WorkbookDownload.ContentType, workbook.FileName);
            })
            .WithName("ExportAuditLog")
            .Produces(StatusCodes.Status200OK, contentType: WorkbookDownload.ContentType)
            .ProducesValidationProblem();
    }
}
