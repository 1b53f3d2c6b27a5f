using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Portfolio;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Indicators;
using ProjectPortfolio.Domain.Members;
using ProjectPortfolio.Domain.Partners;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Application.Iati;

/// <summary>The projects of a portfolio filter as IATI 2.03 activities, ready for <see cref="IatiActivityWriter"/>.</summary>
public sealed record IatiExport(IatiOptions Publisher, DateTimeOffset GeneratedAt, IReadOnlyList<IatiActivity> Activities);

/// <summary>One project as IATI sees it; amounts in minor units of <paramref name="Currency"/>, which is also the
/// currency of its tranches. <paramref name="CommittedOn"/> is the date of the Bureau session that awarded the
/// grant, or the planned start for a project entered for the record.</summary>
public sealed record IatiActivity(
    string Code, string Title, string? TitleEn, string? Summary, string? SummaryEn, ProjectStatus Status,
    DateOnly PlannedStart, DateOnly PlannedEnd, DateOnly? ActualStart, DateOnly? ActualEnd, string Country, string DacSectorCode,
    string Currency, long GrantMinor, DateOnly CommittedOn,
    IatiOrganisation LeadMember, IReadOnlyList<IatiOrganisation> PartnerMembers, IReadOnlyList<IatiOrganisation> Funders,
    IReadOnlyList<IatiPayment> Disbursements, IReadOnlyList<IatiResult> Results);

/// <summary>An organisation with its IATI OrganisationType code.</summary>
public sealed record IatiOrganisation(string Name, string Type);

public sealed record IatiPayment(DateOnly PaidOn, long Minor);

/// <summary>One indicator of a project: its target (if set) and its approved values, oldest period first.</summary>
public sealed record IatiResult(string NameFr, string NameEn, IndicatorUnit Unit, IatiTarget? Target, IReadOnlyList<IatiPeriodValue> Periods);

public sealed record IatiTarget(double Baseline, double Target, DateOnly TargetDate);

public sealed record IatiPeriodValue(DateOnly Start, DateOnly End, double Value, IReadOnlyList<IatiValuePart> Parts);

public sealed record IatiValuePart(Sex? Sex, AgeGroup? AgeGroup, double Value);

/// <summary>The IATI export of the portfolio (<c>GET /api/iati/activities.xml</c>): the projects the user may see
/// that match the filter, each exported whole, since an IATI activity replaces its earlier version wherever it is
/// published. The period filter selects projects (planned period overlapping), as on the summary; it does not cut
/// their transactions or results.</summary>
[Authorize]
public sealed record ExportIatiActivitiesQuery(
    string? Country = null, string? Theme = null, string? Instrument = null, string? Partner = null, string? Programme = null,
    DateOnly? From = null, DateOnly? To = null) : IRequest<IatiExport>, IPortfolioFilter;

public class ExportIatiActivitiesValidator(IApplicationDbContext db) : PortfolioFilterValidator<ExportIatiActivitiesQuery>(db);

/// <summary>Six queries whatever the number of projects (projects, partner members, co-financers, payments,
/// targets, values with their parts), joined here by project.</summary>
public class ExportIatiActivitiesHandler(IApplicationDbContext db, ICurrentUser user, IOptions<IatiOptions> options, TimeProvider clock)
    : IRequestHandler<ExportIatiActivitiesQuery, IatiExport>
{
    public async Task<IatiExport> Handle(ExportIatiActivitiesQuery request, CancellationToken cancellationToken)
    {
        var figures = new PortfolioFigures(db, user, request);
        var scope = figures.Projects;

        var projects = await scope
            .OrderBy(p => p.Code)
            .Select(p => new
            {
                p.Id, p.Code, p.Title, p.TitleEn, p.Summary, p.SummaryEn, p.Status, p.PlannedStart, p.PlannedEnd, p.ActualStart, p.ActualEnd,
                p.Country, p.Currency, p.GrantMinor,
                Dac = db.Themes.Where(t => t.Id == p.ThemeId).Select(t => t.DacSectorCode).First(),
                Lead = db.Members.Where(m => m.Id == p.LeadMemberId).Select(m => new { m.Name, m.Kind }).First(),
                AwardedOn = db.GrantApplications.Where(a => a.Id == p.SourceApplicationId)
                    .SelectMany(a => db.BureauSessions.Where(s => s.Id == a.SessionId)).Select(s => (DateOnly?)s.Date).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        var partnerMembers = (await (
                from p in scope
                from pm in p.PartnerMembers
                join m in db.Members on pm.MemberId equals m.Id
                select new { ProjectId = p.Id, m.Name, m.Kind })
            .ToListAsync(cancellationToken))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToLookup(m => m.ProjectId, m => new IatiOrganisation(m.Name, IatiCodes.OrganisationType(m.Kind)));

        var funders = (await (
                from p in scope
                from c in p.CoFinancing
                join x in db.Partners on c.PartnerId equals x.Id
                select new { ProjectId = p.Id, x.Name, x.Kind })
            .ToListAsync(cancellationToken))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToLookup(f => f.ProjectId, f => new IatiOrganisation(f.Name, IatiCodes.OrganisationType(f.Kind)));

        var payments = (await scope.SelectMany(p => p.Tranches)
                .Where(t => t.PaidDate != null && t.PaidMinor != null)
                .Select(t => new { t.ProjectId, t.Sequence, PaidOn = t.PaidDate!.Value, Minor = t.PaidMinor!.Value })
                .ToListAsync(cancellationToken))
            .OrderBy(t => t.PaidOn).ThenBy(t => t.Sequence)
            .ToLookup(t => t.ProjectId, t => new IatiPayment(t.PaidOn, t.Minor));

        var targets = (await (
                from p in scope
                from t in p.Targets
                join i in db.Indicators on t.IndicatorId equals i.Id
                select new { ProjectId = p.Id, t.IndicatorId, i.Code, i.NameFr, i.NameEn, i.Unit, t.Baseline, t.Target, t.TargetDate })
            .ToListAsync(cancellationToken))
            .ToLookup(t => t.ProjectId);

        var values = (await (
                from m in figures.Approved
                join i in db.Indicators on m.IndicatorId equals i.Id
                select new
                {
                    m.ProjectId, m.IndicatorId, i.Code, i.NameFr, i.NameEn, i.Unit, m.PeriodStart, m.PeriodEnd, m.Value,
                    Parts = m.Parts.Select(x => new IatiValuePart(x.Sex, x.AgeGroup, x.Value)).ToList(),
                })
            .ToListAsync(cancellationToken))
            .ToLookup(m => m.ProjectId);

        var activities = projects.Select(p =>
        {
            // One result per indicator that has a target or a value on the project, in the catalogue's code order.
            var indicators = targets[p.Id].Select(t => (t.IndicatorId, t.Code, t.NameFr, t.NameEn, t.Unit))
                .Concat(values[p.Id].Select(v => (v.IndicatorId, v.Code, v.NameFr, v.NameEn, v.Unit)))
                .DistinctBy(i => i.IndicatorId)
                .OrderBy(i => i.Code, StringComparer.Ordinal);
            var results = indicators.Select(i =>
                {
                    var target = targets[p.Id].FirstOrDefault(t => t.IndicatorId == i.IndicatorId);
                    var periods = values[p.Id].Where(v => v.IndicatorId == i.IndicatorId)
                        .OrderBy(v => v.PeriodStart).ThenBy(v => v.PeriodEnd)
                        .Select(v => new IatiPeriodValue(v.PeriodStart, v.PeriodEnd, v.Value,
                            v.Parts.OrderBy(x => x.Sex).ThenBy(x => x.AgeGroup).ToList()))
                        .ToList();
                    return new IatiResult(i.NameFr, i.NameEn, i.Unit,
                        target is null ? null : new IatiTarget(target.Baseline, target.Target, target.TargetDate), periods);
                })
                .ToList();

            return new IatiActivity(p.Code, p.Title, p.TitleEn, p.Summary, p.SummaryEn, p.Status,
                p.PlannedStart, p.PlannedEnd, p.ActualStart, p.ActualEnd, p.Country, p.Dac,
                p.Currency, p.GrantMinor, p.AwardedOn ?? p.PlannedStart,
                new IatiOrganisation(p.Lead.Name, IatiCodes.OrganisationType(p.Lead.Kind)),
                partnerMembers[p.Id].ToList(), funders[p.Id].ToList(), payments[p.Id].ToList(), results);
        }).ToList();

        return new IatiExport(options.Value, clock.GetUtcNow(), activities);
    }
}

/// <summary>Our values as codes of the IATI codelists (https://iatistandard.org/en/iati-standard/203/codelists/).
/// docs/api.md ("IATI export") gives the same tables for readers.</summary>
public static class IatiCodes
{
    /// <summary>ActivityStatus: an approved project that has not started is in the pipeline (1); a completed one
    /// whose accounts are not closed is in finalisation (3).</summary>
    public static string ActivityStatus(ProjectStatus status) => status switch
    {
        ProjectStatus.Approved => "1",
        ProjectStatus.Ongoing => "2",
        ProjectStatus.Completed => "3",
        ProjectStatus.Closed => "4",
        ProjectStatus.Cancelled => "5",
        ProjectStatus.Suspended => "6",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>OrganisationType for a co-financer. A regional government (Wallonie-Bruxelles) and a local
    /// authority are both sub-national governments (11); an association is counted a national NGO (22).</summary>
    public static string OrganisationType(PartnerKind kind) => kind switch
    {
        PartnerKind.Multilateral => "40",
        PartnerKind.Government => "10",
        PartnerKind.RegionalGovernment => "11",
        PartnerKind.LocalAuthority => "11",
        PartnerKind.Association => "22",
        PartnerKind.Foundation => "60",
        _ => "90",
    };

    /// <summary>OrganisationType for a member: cities, districts and municipalities are local governments (11); an
    /// association of local authorities has no type of its own and is "Other" (90).</summary>
    public static string OrganisationType(MemberKind kind) => kind == MemberKind.LocalAuthorityAssociation ? "90" : "11";

    /// <summary>IndicatorMeasure: percentages are 2, counts of things, people and money are units (1).</summary>
    public static string IndicatorMeasure(IndicatorUnit unit) => unit == IndicatorUnit.Percent ? "2" : "1";

    /// <summary>The values of the "age" dimension, the age bands as written in our import files.</summary>
    public static string Age(AgeGroup group) => group switch
    {
        AgeGroup.Under15 => "0-14",
        AgeGroup.From15To24 => "15-24",
        AgeGroup.From25To64 => "25-64",
        AgeGroup.Over64 => "65+",
        _ => throw new ArgumentOutOfRangeException(nameof(group)),
    };

    public static string Sex(Sex sex) => sex == Domain.Indicators.Sex.Female ? "female" : "male";
}
