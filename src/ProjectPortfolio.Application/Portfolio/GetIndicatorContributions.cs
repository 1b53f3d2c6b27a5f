using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Application.Portfolio;

/// <summary>The projects behind one indicator's figure. The contributions add up to the summary's total and
/// the targets to its target. <paramref name="IncludedIn"/> is set on a phase of a cumulative indicator whose
/// figure is carried by another phase of its lineage (usually its continuation): its own value is already in
/// that phase's running total, so it contributes nothing itself.</summary>
public sealed record ProjectContribution(Guid ProjectId, string Code, string Title, string? TitleEn, string LeadMemberName, string Country,
    ProjectStatus Status, double Contribution, double? Target, string? IncludedIn);

public sealed record IndicatorContributions(string Code, string NameFr, string NameEn, IndicatorUnit Unit, IndicatorKind Kind,
    double Total, double Target, IReadOnlyList<ProjectContribution> Projects);

/// <summary>The drill-down of a summary figure: the same scope and counting rules (<see cref="PortfolioFigures"/>),
/// per project.</summary>
[Authorize]
public sealed record GetIndicatorContributionsQuery(
    string? Indicator, string? Country = null, string? Theme = null, string? Instrument = null, string? Partner = null, string? Programme = null,
    DateOnly? From = null, DateOnly? To = null) : IRequest<IndicatorContributions>, IPortfolioFilter;

public class GetIndicatorContributionsValidator : PortfolioFilterValidator<GetIndicatorContributionsQuery>
{
    public GetIndicatorContributionsValidator(IApplicationDbContext db) : base(db)
    {
        RuleFor(q => q.Indicator).NotEmpty()
            .MustAsync((code, ct) => db.Indicators.AnyAsync(i => i.Code == code!.Trim().ToUpper(), ct)).WithMessage(_ => Messages.UnknownIndicator)
            .When(q => !string.IsNullOrWhiteSpace(q.Indicator), ApplyConditionTo.CurrentValidator);
    }
}

public class GetIndicatorContributionsHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<GetIndicatorContributionsQuery, IndicatorContributions>
{
    public async Task<IndicatorContributions> Handle(GetIndicatorContributionsQuery request, CancellationToken cancellationToken)
    {
        var code = request.Indicator!.Trim().ToUpperInvariant();
        var indicator = await db.Indicators.AsNoTracking().Where(i => i.Code == code)
            .Select(i => new { i.Id, i.Code, i.NameFr, i.NameEn, i.Unit, i.Kind }).SingleAsync(cancellationToken);
        var figures = new PortfolioFigures(db, user, request);

        var contributions = new Dictionary<Guid, double>();
        var targets = new Dictionary<Guid, double>();
        var includedIn = new Dictionary<Guid, Guid>();
        if (indicator.Kind == IndicatorKind.Incremental)
        {
            contributions = new Dictionary<Guid, double>(await figures.IncrementalByProjectAsync(indicator.Id, cancellationToken));
            targets = await figures.Projects.SelectMany(p => p.Targets).Where(t => t.IndicatorId == indicator.Id)
                .ToDictionaryAsync(t => t.ProjectId, t => t.Target, cancellationToken);
        }
        else
        {
            foreach (var lineage in await figures.CumulativeByLineageAsync(indicator.Id, cancellationToken))
            {
                contributions[lineage.CarrierProjectId] = lineage.Value;
                foreach (var phase in lineage.IncludedProjectIds) includedIn[phase] = lineage.CarrierProjectId;
            }
            foreach (var target in await figures.CumulativeTargetsAsync(indicator.Id, cancellationToken))
                targets[target.CarrierProjectId] = target.Target;
        }

        // Every project with a counted value, a counted target, or a value carried by another phase.
        var ids = contributions.Keys.Concat(targets.Keys).Concat(includedIn.Keys).Distinct().ToList();
        var rows = await (
                from p in figures.Projects
                where ids.Contains(p.Id)
                join m in db.Members on p.LeadMemberId equals m.Id
                select new { p.Id, p.Code, p.Title, p.TitleEn, LeadMemberName = m.Name, p.Country, p.Status })
            .ToListAsync(cancellationToken);
        var codes = rows.ToDictionary(r => r.Id, r => r.Code);

        var projects = rows
            .Select(r => new ProjectContribution(r.Id, r.Code, r.Title, r.TitleEn, r.LeadMemberName, r.Country, r.Status,
                contributions.GetValueOrDefault(r.Id), targets.TryGetValue(r.Id, out var target) ? target : null,
                includedIn.TryGetValue(r.Id, out var carrier) ? codes.GetValueOrDefault(carrier) : null))
            .OrderBy(p => p.Country, StringComparer.Ordinal).ThenBy(p => p.Code, StringComparer.Ordinal)
            .ToList();

        return new IndicatorContributions(indicator.Code, indicator.NameFr, indicator.NameEn, indicator.Unit, indicator.Kind,
            projects.Sum(p => p.Contribution), projects.Sum(p => p.Target ?? 0), projects);
    }
}
