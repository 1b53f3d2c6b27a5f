using MediatR;
using ProjectPortfolio.Application.Catalogue;

namespace ProjectPortfolio.Web.Endpoints;

public static class CatalogueEndpoints
{
    public static void MapCatalogue(this RouteGroupBuilder api)
    {
        var catalogue = api.MapGroup("/").WithTags("Catalogue");
        catalogue.MapGet("/themes", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetThemesQuery(), ct));
        catalogue.MapGet("/instruments", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetInstrumentsQuery(), ct));
        catalogue.MapGet("/indicators", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetIndicatorsQuery(), ct));
        catalogue.MapGet("/programmes", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetProgrammesQuery(), ct));
    }
}
