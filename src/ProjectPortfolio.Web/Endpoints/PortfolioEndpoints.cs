using MediatR;
using ProjectPortfolio.Application.Portfolio;
using ProjectPortfolio.Web.Infrastructure;

namespace ProjectPortfolio.Web.Endpoints;

public static class PortfolioEndpoints
{
    public static void MapPortfolio(this RouteGroupBuilder api)
    {
        var portfolio = api.MapGroup("/portfolio").WithTags("Portfolio");
        // Dates arrive as text and are read as ISO by hand: a malformed one is a 400 that names "From" or "To",
        // not a bare 400 from parameter binding.
        portfolio.MapGet("/summary", (IMediator mediator, string? country, string? theme, string? instrument, string? partner, string? programme,
            string? from, string? to, CancellationToken ct) =>
        {
            var period = IsoDate.ParsePeriod(from, to);
            return mediator.Send(new GetPortfolioSummaryQuery(country, theme, instrument, partner, programme, period.From, period.To), ct);
        });
        portfolio.MapGet("/projects", (IMediator mediator, string? indicator, string? country, string? theme, string? instrument, string? partner,
            string? programme, string? from, string? to, CancellationToken ct) =>
        {
            var period = IsoDate.ParsePeriod(from, to);
            return mediator.Send(new GetIndicatorContributionsQuery(indicator, country, theme, instrument, partner, programme, period.From, period.To), ct);
        });
    }
}
