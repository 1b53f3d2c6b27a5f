using MediatR;
using ProjectPortfolio.Application.Catalogue;
using ProjectPortfolio.Application.ExchangeRates;

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
        catalogue.MapGet("/exchange-rates", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetExchangeRatesQuery(), ct));
        catalogue.MapPost("/exchange-rates", async (IMediator mediator, AddExchangeRateCommand command, CancellationToken ct) =>
        {
            await mediator.Send(command, ct);
            return Results.Ok(await mediator.Send(new GetExchangeRatesQuery(), ct));
        });
    }
}
