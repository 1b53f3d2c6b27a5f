using MediatR;
using Microsoft.AspNetCore.Http.Features;
using ProjectPortfolio.Application.Reports;
using ProjectPortfolio.Web.Infrastructure;

namespace ProjectPortfolio.Web.Endpoints;

public static class ReportsEndpoints
{
    public static void MapReports(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports");

        // The project fact sheet as a PDF download. Same visibility as GET /api/projects/{id} (a project outside the
        // reader's scope is 404); lang = fr (default) or en, anything else is 400. Pages link here with the cookie.
        reports.MapGet("/projects/{id:guid}.pdf", async (IMediator mediator, HttpContext http, Guid id, string? lang, CancellationToken ct) =>
            {
                var file = await mediator.Send(new GetProjectFactSheetQuery(id, lang), ct);
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{file.FileName}\"";
                return Results.File(file.Content, file.ContentType);
            })
            .WithName("GetProjectFactSheet")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        // The portfolio report: the filters and 400s of GET /api/portfolio/summary, plus lang. Every signed-in role; a
        // donor's report covers only what it co-finances, an applicant's what it leads or takes part in (ProjectScope).
        reports.MapGet("/portfolio.pdf", async (IMediator mediator, HttpContext http, string? country, string? theme, string? instrument,
                string? partner, string? programme, string? from, string? to, string? lang, CancellationToken ct) =>
            {
                var period = IsoDate.ParsePeriod(from, to);
                return Download(http, await mediator.Send(new GetPortfolioReportQuery(country, theme, instrument, partner, programme,
                    period.From, period.To, lang), ct));
            })
            .WithName("GetPortfolioReport")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        // The Bureau session's dossier and decision minutes (officers, administrators and Bureau members).
        reports.MapGet("/bureau-sessions/{id:guid}/dossier.pdf", async (IMediator mediator, HttpContext http, Guid id, string? lang, CancellationToken ct) =>
                Download(http, await mediator.Send(new GetSessionDossierQuery(id, lang), ct)))
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");
        reports.MapGet("/bureau-sessions/{id:guid}/minutes.pdf", async (IMediator mediator, HttpContext http, Guid id, string? lang, CancellationToken ct) =>
                Download(http, await mediator.Send(new GetSessionMinutesQuery(id, lang), ct)))
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");
    }

    /// <summary>The portfolio workbook: the filters of GET /api/portfolio/summary, plus lang = fr (default) or en. The
    /// request is checked and the Summary computed before the first byte goes out, so a bad filter is a 400
    /// ProblemDetails; then the sheets are written straight into the response as the rows come from the database
    /// (no Content-Length: the download starts at once and the server holds no copy of the file).</summary>
    public static void MapPortfolioWorkbook(this RouteGroupBuilder api) =>
        api.MapGroup("/reports").WithTags("Reports")
            .MapGet("/portfolio.xlsx", async (IMediator mediator, HttpContext http, string? country, string? theme, string? instrument,
                string? partner, string? programme, string? from, string? to, string? lang, CancellationToken ct) =>
            {
                var period = IsoDate.ParsePeriod(from, to);
                var workbook = await mediator.Send(
                    new GetPortfolioWorkbookQuery(country, theme, instrument, partner, programme, period.From, period.To, lang), ct);
                http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
                return Results.Stream(body => workbook.WriteAsync(body, ct), WorkbookDownload.ContentType, workbook.FileName);
            })
            .WithName("GetPortfolioWorkbook")
            .Produces(StatusCodes.Status200OK, contentType: WorkbookDownload.ContentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    private static IResult Download(HttpContext http, ReportFile file)
    {
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{file.FileName}\"";
        return Results.File(file.Content, file.ContentType);
    }
}
