using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Application.Common.Security;

namespace ProjectPortfolio.Application.Catalogue;

public sealed record ThemeDto(Guid Id, string Code, string NameFr, string NameEn, string DacSectorCode);

public sealed record InstrumentDto(Guid Id, string Code, string NameFr, string NameEn, string Currency, long? AnnualEnvelopeMinor);

public sealed record IndicatorDto(Guid Id, string Code, string NameFr, string NameEn, IndicatorUnit Unit, IndicatorKind Kind, Disaggregation AllowedDisaggregation);

public sealed record ProgrammeDto(Guid Id, string Code, string Name);

[Authorize]
public sealed record GetThemesQuery : IRequest<IReadOnlyList<ThemeDto>>;

[Authorize]
public sealed record GetInstrumentsQuery : IRequest<IReadOnlyList<InstrumentDto>>;

[Authorize]
public sealed record GetIndicatorsQuery : IRequest<IReadOnlyList<IndicatorDto>>;

[Authorize]
public sealed record GetProgrammesQuery : IRequest<IReadOnlyList<ProgrammeDto>>;

public class GetCatalogueHandler(IApplicationDbContext db) :
    IRequestHandler<GetThemesQuery, IReadOnlyList<ThemeDto>>,
    IRequestHandler<GetInstrumentsQuery, IReadOnlyList<InstrumentDto>>,
    IRequestHandler<GetIndicatorsQuery, IReadOnlyList<IndicatorDto>>,
    IRequestHandler<GetProgrammesQuery, IReadOnlyList<ProgrammeDto>>
{
    public async Task<IReadOnlyList<ThemeDto>> Handle(GetThemesQuery request, CancellationToken cancellationToken) =>
        await db.Themes.AsNoTracking().OrderBy(t => t.Code)
            .Select(t => new ThemeDto(t.Id, t.Code, t.NameFr, t.NameEn, t.DacSectorCode)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<InstrumentDto>> Handle(GetInstrumentsQuery request, CancellationToken cancellationToken) =>
        await db.FundingInstruments.AsNoTracking().OrderBy(i => i.Code)
            .Select(i => new InstrumentDto(i.Id, i.Code, i.NameFr, i.NameEn, i.Currency, i.AnnualEnvelopeMinor)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<IndicatorDto>> Handle(GetIndicatorsQuery request, CancellationToken cancellationToken) =>
        await db.Indicators.AsNoTracking().OrderBy(i => i.Code)
            .Select(i => new IndicatorDto(i.Id, i.Code, i.NameFr, i.NameEn, i.Unit, i.Kind, i.AllowedDisaggregation)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ProgrammeDto>> Handle(GetProgrammesQuery request, CancellationToken cancellationToken) =>
        await db.Programmes.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new ProgrammeDto(p.Id, p.Code, p.Name)).ToListAsync(cancellationToken);
}
