using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Portfolio;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Finance;
using ProjectPortfolio.Domain.Indicators;
using ProjectPortfolio.Domain.Members;
using ProjectPortfolio.Domain.Partners;
using ProjectPortfolio.Domain.Projects;
using ProjectPortfolio.Infrastructure.Persistence;

namespace ProjectPortfolio.Application.FunctionalTests;

/// <summary>The portfolio's figures on small portfolios built through the domain, whose results are computed by
/// hand in each test, and on the sample portfolio, whose Rwanda figures are the association's public ones.</summary>
public class PortfolioTests : FunctionalTest
{
    private const string Facilities = "HEALTH_FACILITIES";
    private const string PeopleWithAccess = "PEOPLE_HEALTH_ACCESS";

    private async Task SeedAsync(Action<Seed> build) => await SeedAsync(s => { build(s); return Task.CompletedTask; });

    private async Task SeedAsync(Func<Seed, Task> build) =>
        await QueryAsync(async db =>
        {
            var seed = await Seed.CreateAsync(db);
            await build(seed);
            return await db.SaveChangesAsync();
        });

    private Task<PortfolioSummary> SummaryAsync(string? country = null, string? partner = null, DateOnly? from = null, DateOnly? to = null) =>
        SendAsync(new GetPortfolioSummaryQuery(Country: country, Partner: partner, From: from, To: to));

    private static IndicatorFigure Figure(PortfolioSummary summary, string code) => summary.Indicators.Single(i => i.Code == code);

    [Test]
    public async Task Incremental_values_add_up_over_periods_and_countries()
    {
        await SeedAsync(s =>
        {
            var kigali = s.Project("AIMF-2020-001", "RW");
            s.Value(kigali, Facilities, 2020, 2);
            s.Value(kigali, Facilities, 2021, 3);
            s.Target(kigali, Facilities, 6);
            var gitega = s.Project("AIMF-2020-002", "BI");
            s.Value(gitega, Facilities, 2021, 4);
            s.Target(gitega, Facilities, 5);
        });

        var summary = await SummaryAsync();
        var figure = Figure(summary, Facilities);
        Assert.That((figure.Total, figure.Target), Is.EqualTo((9d, 11d)));
        Assert.That(figure.ByCountry, Is.EquivalentTo(new Dictionary<string, double> { ["BI"] = 4, ["RW"] = 5 }));
        Assert.That((figure.Unit, figure.NameEn), Is.EqualTo((IndicatorUnit.Count, "Health facilities built or rehabilitated and equipped")));
        Assert.That(summary.Projects.Total, Is.EqualTo(2));
        Assert.That(summary.Projects.ByStatus["Approved"], Is.EqualTo(2));
        Assert.That(summary.Projects.ByStatus.Keys, Is.EquivalentTo(Enum.GetNames<ProjectStatus>()), "every status is named");
        Assert.That(summary.Indicators.Select(i => i.Code), Is.EqualTo(new[] { Facilities }), "only indicators with a value or a target");

        Assert.That(Figure(await SummaryAsync(from: new DateOnly(2021, 1, 1)), Facilities).Total, Is.EqualTo(7));
        Assert.That(Figure(await SummaryAsync(country: "rw"), Facilities).Total, Is.EqualTo(5));
    }

    [Test]
    public async Task A_cumulative_indicator_takes_the_latest_approved_value_of_each_project()
    {
        await SeedAsync(s =>
        {
            var kigali = s.Project("AIMF-2020-001");
            s.Value(kigali, PeopleWithAccess, 2020, 1000);
            s.Value(kigali, PeopleWithAccess, 2021, 2500);
            s.Value(kigali, PeopleWithAccess, 2022, 4000, MeasurementStatus.Submitted);
            var rubavu = s.Project("AIMF-2020-002");
            s.Value(rubavu, PeopleWithAccess, 2020, 700);
            // A running total may go down (a facility closed): the latest value is the figure, not the highest.
            s.Value(rubavu, PeopleWithAccess, 2021, 600);
        });

        var figure = Figure(await SummaryAsync(), PeopleWithAccess);
        Assert.That(figure.Total, Is.EqualTo(2500 + 600), "not 1000 + 2500 + 700 + 600");
        Assert.That(figure.ByCountry["RW"], Is.EqualTo(3100));
    }

    [Test]
    public async Task A_continuation_phase_carrying_its_predecessors_figure_counts_the_lineage_once()
    {
        Project first = null!, second = null!, third = null!, burundi = null!;
        await SeedAsync(s =>
        {
            first = s.Project("AIMF-2019-001", "RW", 2019, 2021);
            s.Value(first, PeopleWithAccess, 2020, 1000);
            s.Value(first, PeopleWithAccess, 2021, 3000);
            s.Target(first, PeopleWithAccess, 3000);
            // The second phase reports running totals that include the first phase's 3 000 people.
            second = s.Project("AIMF-2022-001", "RW", 2022, 2024, continues: first);
            s.Value(second, PeopleWithAccess, 2022, 4500);
            s.Value(second, PeopleWithAccess, 2023, 5000);
            s.Target(second, PeopleWithAccess, 6000);
            // The third phase has nothing approved yet: the lineage's figure stays the second phase's.
            third = s.Project("AIMF-2025-001", "RW", 2025, 2027, continues: second);
            s.Value(third, PeopleWithAccess, 2025, 5500, MeasurementStatus.Submitted);
            s.Target(third, PeopleWithAccess, 8000);
            burundi = s.Project("AIMF-2020-009", "BI", 2020, 2022);
            s.Value(burundi, PeopleWithAccess, 2021, 200);
            s.Target(burundi, PeopleWithAccess, 300);
        });

        var figure = Figure(await SummaryAsync(), PeopleWithAccess);
        Assert.That(figure.Total, Is.EqualTo(5000 + 200), "not 3000 + 5000 + 200");
        Assert.That(figure.Target, Is.EqualTo(8000 + 300), "the target of each lineage's latest phase");
        Assert.That(figure.ByCountry, Is.EquivalentTo(new Dictionary<string, double> { ["BI"] = 200, ["RW"] = 5000 }));

        var drill = await SendAsync(new GetIndicatorContributionsQuery(PeopleWithAccess));
        Assert.That((drill.Total, drill.Target, drill.Kind), Is.EqualTo((figure.Total, figure.Target, IndicatorKind.Cumulative)));
        var rows = drill.Projects.ToDictionary(p => p.Code);
        Assert.That((rows[second.Code].Contribution, rows[second.Code].IncludedIn), Is.EqualTo((5000d, (string?)null)));
        Assert.That((rows[first.Code].Contribution, rows[first.Code].IncludedIn), Is.EqualTo((0d, second.Code)), "the first phase is inside the second's figure");
        Assert.That((rows[third.Code].Contribution, rows[third.Code].Target), Is.EqualTo((0d, (double?)8000)));
        Assert.That(rows[burundi.Code].Contribution, Is.EqualTo(200));

        // Over 2020-2021 only the first phase is in scope: its own latest value and target.
        var early = Figure(await SummaryAsync(from: new DateOnly(2020, 1, 1), to: new DateOnly(2021, 12, 31)), PeopleWithAccess);
        Assert.That((early.Total, early.Target), Is.EqualTo((3000d + 200, 3000d + 300)));
    }

    [Test]
    public async Task Values_not_approved_do_not_count()
    {
        await SeedAsync(s =>
        {
            var project = s.Project("AIMF-2020-001", "RW", 2020, 2023);
            s.Value(project, Facilities, 2020, 2);
            s.Value(project, Facilities, 2021, 5, MeasurementStatus.Submitted);
            s.Value(project, Facilities, 2022, 7, MeasurementStatus.Returned);
            s.Value(project, Facilities, 2023, 1, MeasurementStatus.Draft);
            s.Value(project, PeopleWithAccess, 2020, 100);
            s.Value(project, PeopleWithAccess, 2021, 900, MeasurementStatus.Returned);
        });

        var summary = await SummaryAsync();
        Assert.That(Figure(summary, Facilities).Total, Is.EqualTo(2));
        Assert.That(Figure(summary, PeopleWithAccess).Total, Is.EqualTo(100), "a later returned value is not the latest approved one");
    }

    [Test]
    public async Task A_superseded_revision_does_not_count()
    {
        Guid projectId = default;
        await SeedAsync(s =>
        {
            var project = s.Project("AIMF-2020-001");
            projectId = project.Id;
            s.Value(project, Facilities, 2020, 10);
            s.Value(project, Facilities, 2021, 1);
        });
        Assert.That(Figure(await SummaryAsync(), Facilities).Total, Is.EqualTo(11));

        // Ten was a typing error for four: the correction is a new revision, reviewed like any value.
        await SeedAsync(async s =>
        {
            var wrong = await s.Db.IndicatorMeasurements.SingleAsync(m => m.ProjectId == projectId && m.PeriodStart == new DateOnly(2020, 1, 1));
            s.Db.IndicatorMeasurements.Add(wrong.Correct(s.Indicator(Facilities), 4, [], "Procès-verbal de réception corrigé"));
        });
        Assert.That(Figure(await SummaryAsync(), Facilities).Total, Is.EqualTo(1), "while the correction is reviewed the wrong value is not reported");

        await SeedAsync(async s =>
        {
            var correction = await s.Db.IndicatorMeasurements.SingleAsync(m => m.ProjectId == projectId && m.Revision == 2);
            correction.Submit(Seed.Submitter, Seed.Now);
            correction.Approve(Seed.Reviewer, Seed.Now);
        });
        Assert.That(Figure(await SummaryAsync(), Facilities).Total, Is.EqualTo(4 + 1), "not 10 + 4 + 1");
        Assert.That(await QueryAsync(db => db.IndicatorMeasurements.CountAsync(m => m.ProjectId == projectId)), Is.EqualTo(3), "the wrong revision stays as history");
    }

    [Test]
    public async Task The_period_keeps_overlapping_projects_and_the_values_reported_inside_it()
    {
        await SeedAsync(s =>
        {
            var project = s.Project("AIMF-2019-001", "RW", 2019, 2021);
            s.Value(project, Facilities, 2019, 1);
            s.Value(project, Facilities, 2020, 2);
            s.Value(project, Facilities, 2021, 4);
            // A period that straddles the filter's end is not inside it.
            s.Value(project, Facilities, new DateOnly(2020, 7, 1), new DateOnly(2021, 6, 30), 8);
            var old = s.Project("AIMF-2015-001", "RW", 2015, 2018);
            s.Value(old, Facilities, 2016, 16);
        });

        var year2020 = await SummaryAsync(from: new DateOnly(2020, 1, 1), to: new DateOnly(2020, 12, 31));
        Assert.That(Figure(year2020, Facilities).Total, Is.EqualTo(2));
        Assert.That(year2020.Projects.Total, Is.EqualTo(1), "the 2015-2018 project does not overlap 2020");
        Assert.That(Figure(await SummaryAsync(from: new DateOnly(2020, 1, 1)), Facilities).Total, Is.EqualTo(2 + 4 + 8));
        Assert.That(Figure(await SummaryAsync(to: new DateOnly(2019, 12, 31)), Facilities).Total, Is.EqualTo(16 + 1));
        Assert.That((await SummaryAsync()).Projects.Total, Is.EqualTo(2));
    }

    [Test]
    public async Task A_donor_sees_the_figures_of_the_projects_its_partner_co_finances()
    {
        Guid eu = default;
        await SeedAsync(s =>
        {
            var partner = s.Partner("UE");
            eu = partner.Id;
            var kigali = s.Project("AIMF-2020-001", "RW", grant: Money.FromMajor(100_000, "EUR"));
            kigali.AddCoFinancing(partner.Id, Money.FromMajor(50_000, "EUR"), CoFinancingStatus.Confirmed, null);
            s.Value(kigali, Facilities, 2020, 3);
            var gitega = s.Project("AIMF-2020-002", "BI", grant: Money.FromMajor(200_000, "EUR"));
            gitega.AddCoFinancing(s.Partner("WBI").Id, Money.FromMajor(20_000, "EUR"), CoFinancingStatus.Expected, null);
            s.Value(gitega, Facilities, 2020, 4);
        });

        var all = await SummaryAsync();
        Assert.That((all.Projects.Total, Figure(all, Facilities).Total, all.Finance.AwardedEur, all.Finance.CoFinancingEur), Is.EqualTo((2, 7d, 300_000m, 70_000m)));
        var filtered = await SummaryAsync(partner: "ue");
        Assert.That((filtered.Projects.Total, Figure(filtered, Facilities).Total, filtered.Finance.AwardedEur), Is.EqualTo((1, 3d, 100_000m)));

        User.SignInAs("donor@portfolio.local", Roles.Donor, partnerId: eu);
        var donor = await SummaryAsync();
        Assert.That((donor.Projects.Total, Figure(donor, Facilities).Total, donor.Finance.AwardedEur, donor.Finance.CoFinancingEur), Is.EqualTo((1, 3d, 100_000m, 50_000m)));
        Assert.That(Figure(donor, Facilities).ByCountry.Keys, Is.EqualTo(new[] { "RW" }));
        var drill = await SendAsync(new GetIndicatorContributionsQuery(Facilities));
        Assert.That(drill.Projects.Select(p => p.Code), Is.EqualTo(new[] { "AIMF-2020-001" }));

        User.SignInAs("applicant@portfolio.local", Roles.Applicant, memberId: Guid.NewGuid());
        Assert.That((await SummaryAsync()).Projects.Total, Is.Zero, "a city that leads nothing sees nothing");
    }

    [Test]
    public async Task Amounts_in_CFA_francs_are_converted_at_the_fixed_parity()
    {
        await SeedAsync(s =>
        {
            var ouagadougou = s.Project("AIMF-2022-004", "BF", 2022, 2025, grant: new Money(1_311_914, "XOF"));
            var tranche = ouagadougou.AddTranche(new DateOnly(2022, 10, 1), new Money(655_957, "XOF"));
            ouagadougou.PayTranche(tranche.Id, new DateOnly(2022, 10, 21), new Money(655_957, "XOF"));
            ouagadougou.AddTranche(new DateOnly(2023, 10, 1), new Money(655_957, "XOF"));
            s.Project("AIMF-2022-005", "FR", 2022, 2023, grant: Money.FromMajor(500.50m, "EUR"));
        });

        var finance = (await SummaryAsync()).Finance;
        Assert.That(finance.AwardedEur, Is.EqualTo(2_000m + 500.50m), "1 311 914 F CFA at 655.957 per euro is 2 000 €");
        Assert.That(finance.DisbursedEur, Is.EqualTo(1_000m), "only the paid tranche");
        Assert.That(finance.MissingRates, Is.Null);
        Assert.That((await SummaryAsync(from: new DateOnly(2023, 1, 1))).Finance.DisbursedEur, Is.Zero, "a payment counts in the period it was made");
    }

    [Test]
    public async Task Each_amount_uses_the_rate_in_force_on_its_date_and_a_currency_without_rate_is_named()
    {
        await SeedAsync(s =>
        {
            s.Db.ExchangeRates.Add(new ExchangeRate("GBP", new DateOnly(2020, 1, 1), 0.85m));
            s.Db.ExchangeRates.Add(new ExchangeRate("GBP", new DateOnly(2024, 1, 1), 0.80m));
            s.Project("AIMF-2022-001", "GB", 2022, 2023, grant: Money.FromMajor(850, "GBP"));
            s.Project("AIMF-2025-001", "GB", 2025, 2026, grant: Money.FromMajor(800, "GBP"));
            // Before the first rate: the latest rate available.
            s.Project("AIMF-2019-001", "GB", 2019, 2020, grant: Money.FromMajor(400, "GBP"));
            s.Project("AIMF-2021-001", "RW", 2021, 2022, grant: new Money(1_000_000, "RWF"));
        });

        var finance = (await SummaryAsync()).Finance;
        Assert.That(finance.AwardedEur, Is.EqualTo(1_000m + 1_000m + 500m), "the francs without any rate are left out, not counted at par");
        Assert.That(finance.MissingRates, Is.EqualTo(new[] { "RWF" }));
    }

    private static IEnumerable<TestCaseData> InvalidFilters()
    {
        yield return new TestCaseData(new GetPortfolioSummaryQuery(From: new DateOnly(2024, 1, 1), To: new DateOnly(2023, 12, 31)), "To").SetName("From after To");
        yield return new TestCaseData(new GetPortfolioSummaryQuery(Theme: "astrology"), "Theme").SetName("Unknown theme");
        yield return new TestCaseData(new GetPortfolioSummaryQuery(Instrument: "LOTTERY"), "Instrument").SetName("Unknown instrument");
        yield return new TestCaseData(new GetPortfolioSummaryQuery(Partner: "NOBODY"), "Partner").SetName("Unknown partner");
        yield return new TestCaseData(new GetPortfolioSummaryQuery(Programme: "'; DROP TABLE Projects; --"), "Programme").SetName("Hostile programme");
        yield return new TestCaseData(new GetPortfolioSummaryQuery(Country: "XX"), "Country").SetName("Unknown country");
    }

    [TestCaseSource(nameof(InvalidFilters))]
    public void An_invalid_filter_is_refused_naming_the_field(GetPortfolioSummaryQuery query, string field)
    {
        var error = Assert.ThrowsAsync<ValidationException>(() => SendAsync(query));
        Assert.That(error!.Errors.Keys, Is.EqualTo(new[] { field }));
    }

    [TestCase(null)]
    [TestCase("NO_SUCH_INDICATOR")]
    public void The_drill_down_needs_a_known_indicator(string? indicator)
    {
        var error = Assert.ThrowsAsync<ValidationException>(() => SendAsync(new GetIndicatorContributionsQuery(indicator)));
        Assert.That(error!.Errors.Keys, Does.Contain("Indicator"));
    }

    [Test]
    public void Nobody_signed_in_gets_no_figures()
    {
        User.SignOut();
        Assert.ThrowsAsync<UnauthorizedAccessException>(() => SummaryAsync());
        Assert.ThrowsAsync<UnauthorizedAccessException>(() => SendAsync(new GetIndicatorContributionsQuery(Facilities)));
    }

    [Test]
    public async Task The_sample_gives_the_association_s_Rwanda_health_figures_since_2020()
    {
        await ImportSampleAsync();
        var query = new GetPortfolioSummaryQuery(Country: "RW", Theme: "health", From: new DateOnly(2020, 1, 1));
        var summary = await SendAsync(query);

        Assert.That(Figure(summary, Facilities).Total, Is.EqualTo(15));
        Assert.That(Figure(summary, "MATERNITY_UNITS").Total, Is.EqualTo(2));
        Assert.That(Figure(summary, PeopleWithAccess).Total, Is.EqualTo(85_000));
        Assert.That(Figure(summary, PeopleWithAccess).ByCountry, Is.EquivalentTo(new Dictionary<string, double> { ["RW"] = 85_000 }));

        // The sample is built so that adding up every approved running total gives a larger, wrong number.
        var naive = await QueryAsync(db => (
            from m in db.IndicatorMeasurements
            join p in db.Projects on m.ProjectId equals p.Id
            join i in db.Indicators on m.IndicatorId equals i.Id
            join t in db.Themes on p.ThemeId equals t.Id
            where i.Code == PeopleWithAccess && p.Country == "RW" && t.Code == "health" && m.Status == MeasurementStatus.Approved
                  && m.PeriodStart >= new DateOnly(2020, 1, 1)
            select m.Value).SumAsync());
        Assert.That(naive, Is.GreaterThan(85_000));

        // The drill-down of each figure adds up to it, over the same projects.
        foreach (var figure in summary.Indicators)
        {
            var drill = await SendAsync(new GetIndicatorContributionsQuery(figure.Code, query.Country, query.Theme, From: query.From));
            Assert.That((drill.Total, drill.Target), Is.EqualTo((figure.Total, figure.Target)), figure.Code);
        }
        var facilities = await SendAsync(new GetIndicatorContributionsQuery(Facilities, "RW", "health", From: new DateOnly(2020, 1, 1)));
        Assert.That(facilities.Projects.Where(p => p.Contribution > 0).Select(p => p.LeadMemberName).Distinct(),
            Is.EquivalentTo(new[] { "Ville de Kigali", "District de Rusizi", "District de Rubavu" }));

        var whole = await SendAsync(new GetPortfolioSummaryQuery());
        Assert.That(whole.Finance.MissingRates, Is.Null, "the sample's currencies (EUR, CHF, XOF) all have a rate");
        Assert.That(whole.Finance.AwardedEur, Is.GreaterThan(summary.Finance.AwardedEur));
    }
}

/// <summary>Builds a portfolio through the domain's own constructors and methods, as the use cases do: a value is
/// submitted by one officer and approved by another.</summary>
public sealed class Seed
{
    public const string Submitter = "officer@portfolio.local";
    public const string Reviewer = "officer2@portfolio.local";
    public static readonly DateTime Now = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

    private readonly Dictionary<string, Indicator> _indicators;
    private readonly Guid _health;
    private readonly Guid _instrument;
    private readonly Dictionary<string, Member> _members = [];
    private readonly Dictionary<string, Partner> _partners = [];

    private Seed(ApplicationDbContext db, Dictionary<string, Indicator> indicators, Guid health, Guid instrument)
    {
        Db = db;
        _indicators = indicators;
        _health = health;
        _instrument = instrument;
    }

    public ApplicationDbContext Db { get; }

    public static async Task<Seed> CreateAsync(ApplicationDbContext db) =>
        new(db, await db.Indicators.ToDictionaryAsync(i => i.Code),
            await db.Themes.Where(t => t.Code == "health").Select(t => t.Id).SingleAsync(),
            await db.FundingInstruments.Where(i => i.Code == "COOP_FUND").Select(i => i.Id).SingleAsync());

    public Indicator Indicator(string code) => _indicators[code];

    /// <summary>A health project led by a member city of <paramref name="country"/>, planned over whole years.</summary>
    public Project Project(string code, string country = "RW", int fromYear = 2020, int toYear = 2022, Project? continues = null, Money? grant = null,
        string? title = null)
    {
        if (!_members.TryGetValue(country, out var member))
        {
            member = new Member("CITY-" + country, "Ville membre " + country, MemberKind.City, country, null);
            Db.Members.Add(member);
            _members[country] = member;
        }
        var details = new ProjectDetails(title ?? "Projet " + code, null, null, null, member.Id, country, _health, _instrument, null,
            new DateOnly(fromYear, 1, 1), new DateOnly(toYear, 12, 31), null, null);
        var project = new Project(code, details, grant ?? Money.FromMajor(100_000, "EUR"), continues?.Id, null);
        Db.Projects.Add(project);
        return project;
    }

    public Partner Partner(string code)
    {
        if (_partners.TryGetValue(code, out var partner)) return partner;
        partner = new Partner(code, "Partenaire " + code, PartnerKind.Government, null);
        Db.Partners.Add(partner);
        return _partners[code] = partner;
    }

    public void Target(Project project, string indicator, double target) => project.SetTarget(_indicators[indicator].Id, 0, target, project.PlannedEnd);

    /// <summary>A value for the calendar year <paramref name="year"/>.</summary>
    public IndicatorMeasurement Value(Project project, string indicator, int year, double value, MeasurementStatus status = MeasurementStatus.Approved) =>
        Value(project, indicator, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), value, status);

    public IndicatorMeasurement Value(Project project, string indicator, DateOnly start, DateOnly end, double value, MeasurementStatus status = MeasurementStatus.Approved)
    {
        var measurement = new IndicatorMeasurement(project.Id, _indicators[indicator], start, end, value, [], null);
        if (status != MeasurementStatus.Draft) measurement.Submit(Submitter, Now);
        if (status == MeasurementStatus.Approved) measurement.Approve(Reviewer, Now);
        if (status == MeasurementStatus.Returned) measurement.Return(Reviewer, Now, "Pièce justificative manquante.");
        Db.IndicatorMeasurements.Add(measurement);
        return measurement;
    }
}
