using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Measurements;
using ProjectPortfolio.Application.Portfolio;
using ProjectPortfolio.Application.Projects.Execution;
using ProjectPortfolio.Domain.Indicators;
using ProjectPortfolio.Domain.Projects;
using ProjectPortfolio.Testing;

namespace ProjectPortfolio.Application.FunctionalTests;

/// <summary>The precomputed results per project and indicator (docs/adr/0017): the summary without a period, which reads
/// them, must give exactly what the live queries give over the same data. The live path is reached with a period that
/// holds every project and every value (1900–2999): it keeps the same projects and values, so the two summaries must be
/// equal, field for field, for every scope, after each operation that changes what counts.</summary>
public class PrecomputedResultsTests : FunctionalTest
{
    private const string Officer = "officer@portfolio.local";
    private const string Officer2 = "officer2@portfolio.local";
    private const string Facilities = "HEALTH_FACILITIES";
    private const string PeopleWithAccess = "PEOPLE_HEALTH_ACCESS";
    private const string PeopleTrained = "PEOPLE_TRAINED";
    private static readonly DateOnly Always = new(1900, 1, 1);
    private static readonly DateOnly Never = new(2999, 12, 31);

    private Guid _donorPartner;
    private Guid _applicantMember;

    /// <summary>The summary as the officer, a donor and an applicant see it: precomputed (no period) against live
    /// (a period that holds everything). Returns the officer's precomputed summary.</summary>
    private async Task<PortfolioSummary> AssertPrecomputedEqualsLiveAsync(string step)
    {
        PortfolioSummary? officers = null;
        foreach (var (email, role, partner, member) in new (string, string, Guid?, Guid?)[]
                 {
                     (Officer, Roles.ProgrammeOfficer, null, null),
                     ("donor@portfolio.local", Roles.Donor, _donorPartner, null),
                     ("applicant@portfolio.local", Roles.Applicant, null, _applicantMember),
                 })
        {
            User.SignInAs(email, role, partnerId: partner, memberId: member);
            var precomputed = await SendAsync(new GetPortfolioSummaryQuery());
            var live = await SendAsync(new GetPortfolioSummaryQuery(From: Always, To: Never));
            Assert.That(JsonSerializer.Serialize(precomputed), Is.EqualTo(JsonSerializer.Serialize(live)), $"{step}, as {role}");
            // Each scope sees figures, so that the comparison compares something.
            Assert.That(precomputed.Indicators, Is.Not.Empty, $"{step}, as {role}: figures");
            officers ??= precomputed;
        }
        User.SignInAs(Officer, Roles.ProgrammeOfficer);
        return officers!;
    }

    private static double Total(PortfolioSummary summary, string code) => summary.Indicators.SingleOrDefault(i => i.Code == code)?.Total ?? 0;

    private static double Target(PortfolioSummary summary, string code) => summary.Indicators.SingleOrDefault(i => i.Code == code)?.Target ?? 0;

    private async Task UseSampleScopesAsync()
    {
        // The partner that co-finances the most projects, and the member that leads the most: scopes with figures.
        (_donorPartner, _applicantMember) = await QueryAsync(async db => (
            await db.Projects.SelectMany(p => p.CoFinancing).GroupBy(c => c.PartnerId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(),
            await db.Projects.GroupBy(p => p.LeadMemberId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync()));
    }

    private async Task<int> VersionAsync(Guid measurement) => (await SendAsync(new GetMeasurementQuery(measurement))).Measurement.Version;

    private async Task<int> ProjectVersionAsync(Guid project) => await QueryAsync(db => db.Projects.Where(p => p.Id == project).Select(p => p.Version).SingleAsync());

    private Task<Guid> RecordAsync(Guid project, string indicator, int year, double value) =>
        SendAsync(new RecordMeasurementCommand
        {
            ProjectId = project, Indicator = indicator, PeriodStart = new DateOnly(year, 1, 1), PeriodEnd = new DateOnly(year, 12, 31), Value = value,
        });

    private async Task SubmitAsync(Guid id) => await SendAsync(new SubmitMeasurementCommand(id, await VersionAsync(id)));

    private async Task ApproveAsync(Guid id)
    {
        User.SignInAs(Officer2, Roles.ProgrammeOfficer);
        try { await SendAsync(new ApproveMeasurementCommand(id, await VersionAsync(id))); }
        finally { User.SignInAs(Officer, Roles.ProgrammeOfficer); }
    }

    private async Task ReturnAsync(Guid id)
    {
        User.SignInAs(Officer2, Roles.ProgrammeOfficer);
        try { await SendAsync(new ReturnMeasurementCommand(id, await VersionAsync(id), "Pièce justificative manquante.")); }
        finally { User.SignInAs(Officer, Roles.ProgrammeOfficer); }
    }

    private async Task<Guid> CorrectAsync(Guid id, double value) =>
        await SendAsync(new CorrectMeasurementCommand { Id = id, Version = await VersionAsync(id), Value = value, Evidence = "Recomptage." });

    /// <summary>A new project of the applicant's member, co-financed by the donor's partner, so that every scope sees
    /// the operations on it.</summary>
    private async Task<Guid> NewProjectAsync() =>
        await QueryAsync(async db =>
        {
            var seed = await Seed.CreateAsync(db);
            var project = seed.Project("AIMF-2024-901", "RW", 2024, 2027);
            project.AddCoFinancing(_donorPartner, Domain.Common.Money.FromMajor(10_000, "EUR"), CoFinancingStatus.Confirmed, null);
            seed.Target(project, Facilities, 12);
            seed.Target(project, PeopleWithAccess, 40_000);
            // The applicant's member as a partner city: the project is in the applicant's scope too.
            project.SetPartnerMembers([_applicantMember]);
            await db.SaveChangesAsync();
            return project.Id;
        });

    [Test]
    public async Task Without_a_period_the_summary_from_the_precomputed_results_equals_the_live_one_through_every_operation()
    {
        await ImportSampleAsync();
        await UseSampleScopesAsync();
        var start = await AssertPrecomputedEqualsLiveAsync("sample");

        var project = await NewProjectAsync();
        var withTargets = await AssertPrecomputedEqualsLiveAsync("new project with targets");
        Assert.That(Target(withTargets, Facilities), Is.EqualTo(Target(start, Facilities) + 12));

        // Recorded and submitted: nothing counts yet. Approved: it counts.
        var facilities = await RecordAsync(project, Facilities, 2024, 3);
        await SubmitAsync(facilities);
        Assert.That(Total(await AssertPrecomputedEqualsLiveAsync("submitted"), Facilities), Is.EqualTo(Total(start, Facilities)));
        await ApproveAsync(facilities);
        Assert.That(Total(await AssertPrecomputedEqualsLiveAsync("approved"), Facilities), Is.EqualTo(Total(start, Facilities) + 3));

        // Two running totals of a cumulative indicator: the latest counts.
        var access2024 = await RecordAsync(project, PeopleWithAccess, 2024, 10_000);
        await SubmitAsync(access2024);
        await ApproveAsync(access2024);
        var access2025 = await RecordAsync(project, PeopleWithAccess, 2025, 25_000);
        await SubmitAsync(access2025);
        await ApproveAsync(access2025);
        Assert.That(Total(await AssertPrecomputedEqualsLiveAsync("cumulative approved"), PeopleWithAccess), Is.EqualTo(Total(start, PeopleWithAccess) + 25_000));

        // A returned (rejected) value does not count.
        var returned = await RecordAsync(project, Facilities, 2025, 100);
        await SubmitAsync(returned);
        await ReturnAsync(returned);
        Assert.That(Total(await AssertPrecomputedEqualsLiveAsync("returned"), Facilities), Is.EqualTo(Total(start, Facilities) + 3));

        // A correction of the latest running total: until approved the period counts nothing, so the earlier one is the
        // latest; once approved, the corrected value.
        var correction = await CorrectAsync(access2025, 24_000);
        Assert.That(Total(await AssertPrecomputedEqualsLiveAsync("correction pending"), PeopleWithAccess), Is.EqualTo(Total(start, PeopleWithAccess) + 10_000));
        await SubmitAsync(correction);
        await ApproveAsync(correction);
        Assert.That(Total(await AssertPrecomputedEqualsLiveAsync("correction approved"), PeopleWithAccess), Is.EqualTo(Total(start, PeopleWithAccess) + 24_000));

        // A correction of a sample project's approved value, in the scopes of the sample.
        var sampleValue = await QueryAsync(db => db.IndicatorMeasurements
            .Where(m => m.ProjectId != project && m.Status == MeasurementStatus.Approved && m.IsCurrent).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync());
        var sampleCorrection = await CorrectAsync(sampleValue, 1);
        await SubmitAsync(sampleCorrection);
        await ApproveAsync(sampleCorrection);
        await AssertPrecomputedEqualsLiveAsync("sample value corrected");

        // Targets changed and removed (a target without measurements is what can be deleted).
        await SendAsync(new SetTargetCommand(project, Facilities, await ProjectVersionAsync(project), 0, 20, new DateOnly(2027, 12, 31)));
        Assert.That(Target(await AssertPrecomputedEqualsLiveAsync("target changed"), Facilities), Is.EqualTo(Target(start, Facilities) + 20));
        await SendAsync(new SetTargetCommand(project, PeopleTrained, await ProjectVersionAsync(project), 0, 500, new DateOnly(2027, 12, 31)));
        Assert.That(Target(await AssertPrecomputedEqualsLiveAsync("target added"), PeopleTrained), Is.EqualTo(Target(start, PeopleTrained) + 500));
        await SendAsync(new RemoveTargetCommand(project, PeopleTrained, await ProjectVersionAsync(project)));
        Assert.That(Target(await AssertPrecomputedEqualsLiveAsync("target removed"), PeopleTrained), Is.EqualTo(Target(start, PeopleTrained)));

        // The project moves to another country and starts later: its rows carry both, so they follow.
        var beforeMove = await AssertPrecomputedEqualsLiveAsync("before the move");
        await QueryAsync(async db =>
        {
            var p = await db.Projects.SingleAsync(x => x.Id == project);
            p.UpdateDetails(new ProjectDetails(p.Title, p.TitleEn, p.Summary, p.SummaryEn, p.LeadMemberId, "BI", p.ThemeId, p.InstrumentId,
                p.ProgrammeId, p.PlannedStart.AddMonths(2), p.PlannedEnd, p.ActualStart, p.ActualEnd));
            return await db.SaveChangesAsync();
        });
        var moved = await AssertPrecomputedEqualsLiveAsync("country changed");
        var (was, now) = (beforeMove.Indicators.Single(i => i.Code == Facilities).ByCountry, moved.Indicators.Single(i => i.Code == Facilities).ByCountry);
        Assert.That((now.GetValueOrDefault("BI"), now.GetValueOrDefault("RW")), Is.EqualTo((was.GetValueOrDefault("BI") + 3, was.GetValueOrDefault("RW") - 3)));

        // The rows are exactly those of a rebuild from scratch: none stale, none missing.
        await AssertRowsEqualRebuildAsync();
    }

    [Test]
    public async Task The_generator_leaves_the_results_right()
    {
        await GenerateAsync("tiny");
        (_donorPartner, _applicantMember) = await QueryAsync(async db => (
            await db.Projects.SelectMany(p => p.CoFinancing).GroupBy(c => c.PartnerId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(),
            await db.Projects.GroupBy(p => p.LeadMemberId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync()));
        var rows = await QueryAsync(db => db.ProjectIndicatorResults.CountAsync());
        Assert.That(rows, Is.GreaterThan(0));
        await AssertRowsEqualRebuildAsync();
        await AssertPrecomputedEqualsLiveAsync("generated");
    }

    [Test]
    public async Task A_failure_in_the_save_leaves_the_measurement_and_the_results_unchanged()
    {
        await ImportSampleAsync();
        await UseSampleScopesAsync();
        var project = await NewProjectAsync();
        var id = await RecordAsync(project, Facilities, 2024, 7);
        await SubmitAsync(id);
        var before = await RowsAsync();

        // The database refuses the results' rows: the approval, saved first in the same transaction, must go too.
        foreach (var sql in InjectedResultsFailure()) await QueryAsync(db => db.Database.ExecuteSqlRawAsync(sql));
        var error = Assert.CatchAsync(() => ApproveAsync(id));
        Assert.That(error!.ToString(), Does.Contain("injected failure"));

        var stored = await QueryAsync(db => db.IndicatorMeasurements.Where(m => m.Id == id).Select(m => new { m.Status, m.ReviewedBy }).SingleAsync());
        Assert.That((stored.Status, stored.ReviewedBy), Is.EqualTo((MeasurementStatus.Submitted, (string?)null)), "the measurement is still submitted");
        Assert.That(await RowsAsync(), Is.EqualTo(before), "the results are unchanged");
    }

    private Task<List<string>> RowsAsync() =>
        QueryAsync(async db => (await db.ProjectIndicatorResults.ToListAsync())
            .Select(r => $"{r.ProjectId}/{r.IndicatorId} {r.Country} {r.Code} {r.PlannedStart}: {r.ValueCount} {r.Total} {r.LatestPeriodStart} {r.LatestPeriodEnd} {r.LatestValue} {r.Target}")
            .Order(StringComparer.Ordinal).ToList());

    /// <summary>Compares the maintained rows with the same rows rebuilt from scratch (the migration's backfill statement).</summary>
    private async Task AssertRowsEqualRebuildAsync()
    {
        var maintained = await RowsAsync();
        await QueryAsync(async db => { await Infrastructure.Persistence.IndicatorResultsMaintenance.RebuildAllAsync(db, CancellationToken.None); return 0; });
        Assert.That(maintained, Is.EqualTo(await RowsAsync()));
    }

    /// <summary>A trigger that makes the database refuse any new row of the results, in each provider's dialect.</summary>
    private static string[] InjectedResultsFailure() => TestDatabases.UsePostgreSql
        ?
        [
            "CREATE FUNCTION fail_results_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END; $$;",
            "CREATE TRIGGER \"FailResultsInsert\" BEFORE INSERT ON \"ProjectIndicatorResults\" FOR EACH ROW EXECUTE FUNCTION fail_results_insert();",
        ]
        : ["CREATE TRIGGER FailResultsInsert BEFORE INSERT ON ProjectIndicatorResults BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"];
}
