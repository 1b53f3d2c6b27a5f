using MediatR;
using ProjectPortfolio.Application.Iati;
using ProjectPortfolio.Web.Infrastructure;

namespace ProjectPortfolio.Web.Endpoints;

public static class IatiEndpoints
{
    public static void MapIati(this RouteGroupBuilder api)
    {
        var iati = api.MapGroup("/iati").WithTags("IATI");

        // The portfolio as IATI 2.03 activities, with the filters of /api/portfolio/summary and the reader's scope
        // (a donor gets the projects it co-finances). The data is read and the filter checked before the first byte
        // goes out, so a bad filter is still a 400 problem; then the XML is written straight to the response.
        iati.MapGet("/activities.xml", async (IMediator mediator, string? country, string? theme, string? instrument, string? partner,
                string? programme, string? from, string? to, CancellationToken ct) =>
            {
                var period = IsoDate.ParsePeriod(from, to);
                var export = await mediator.Send(new ExportIatiActivitiesQuery(country, theme, instrument, partner, programme, period.From, period.To), ct);
                return Results.Stream(stream => IatiActivityWriter.WriteAsync(export, stream, ct), "application/xml; charset=utf-8");
            })
            .WithName("GetIatiActivities")
            .Produces(StatusCodes.Status200OK, contentType: "application/xml")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }
}
