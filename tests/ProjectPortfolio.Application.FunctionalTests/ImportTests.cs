using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Domain.BureauSessions;
using ProjectPortfolio.Domain.Applications;
using ProjectPortfolio.Domain.Indicators;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Application.FunctionalTests;

public class ImportTests : FunctionalTest
{
    private static string SampleJson() => File.ReadAllText(Path.Combine(Testing.RepositoryRoot, "samples", "portfolio.json"));

    private static MemoryStream AsStream(string json) => new(Encoding.UTF8.GetBytes(json));

    [Test]
    public async Task The_sample_portfolio_imports_completely()
    {
        var result = await ImportSampleAsync();
        Assert.That(result.Errors, Is.Empty);
        var file = JsonNode.Parse(SampleJson())!;
        Assert.Multiple(async () =>
        {
            Assert.That(await QueryAsync(db => db.Projects.CountAsync()), Is.EqualTo(file["projects"]!.AsArray().Count));
            Assert.That(await QueryAsync(db => db.Members.CountAsync()), Is.EqualTo(file["members"]!.AsArray().Count));
            Assert.That(await QueryAsync(db => db.GrantApplications.CountAsync()), Is.EqualTo(file["applications"]!.AsArray().Count));
            Assert.That(await QueryAsync(db => db.IndicatorMeasurements.CountAsync()), Is.GreaterThan(50));
        });
    }

    [Test]
    public async Task The_Lausanne_session_of_24_May_2024_approved_7_continuations_and_5_new_projects()
    {
        await ImportSampleAsync();
        var approved = await QueryAsync(db => (
            from s in db.BureauSessions
            where s.Date == new DateOnly(2024, 5, 24) && s.Place == "Lausanne"
            from d in s.Decisions
            where d.Outcome == DecisionOutcome.Approved
            join a in db.GrantApplications on d.ApplicationId equals a.Id
            select new { a.Kind, d.ProjectId }).ToListAsync());
        Assert.That(approved.Count(a => a.Kind == ApplicationKind.Continuation), Is.EqualTo(7));
        Assert.That(approved.Count(a => a.Kind == ApplicationKind.NewProject), Is.EqualTo(5));
        Assert.That(approved.All(a => a.ProjectId is not null), Is.True, "every approval names the project it created");
    }

    [Test]
    public async Task Rwandan_health_results_since_2020_add_up_to_the_seed_figures()
    {
        await ImportSampleAsync();
        var measurements = await QueryAsync(db => (
            from m in db.IndicatorMeasurements
            where m.Status == MeasurementStatus.Approved && m.IsCurrent && m.PeriodStart >= new DateOnly(2020, 1, 1)
            join p in db.Projects on m.ProjectId equals p.Id
            join t in db.Themes on p.ThemeId equals t.Id
            join i in db.Indicators on m.IndicatorId equals i.Id
            where p.Country == "RW" && t.Code == "health"
            select new { i.Code, p.Id, p.PredecessorId, m.PeriodEnd, m.Value }).ToListAsync());
        var projects = await QueryAsync(db => db.Projects.Select(p => new { p.Id, p.PredecessorId }).ToDictionaryAsync(p => p.Id, p => p.PredecessorId));

        Assert.That(measurements.Where(m => m.Code == "HEALTH_FACILITIES").Sum(m => m.Value), Is.EqualTo(15));
        Assert.That(measurements.Where(m => m.Code == "MATERNITY_UNITS").Sum(m => m.Value), Is.EqualTo(2));

        // Cumulative: the latest value of each lineage (a continuation's value already includes its predecessor's).
        Guid Root(Guid id) => projects[id] is { } parent ? Root(parent) : id;
        var people = measurements.Where(m => m.Code == "PEOPLE_HEALTH_ACCESS")
            .GroupBy(m => Root(m.Id))
            .Sum(lineage => lineage.OrderByDescending(m => m.PeriodEnd).First().Value);
        Assert.That(people, Is.EqualTo(85_000));
    }

    [Test]
    public async Task Gitega_centre_is_co_financed_by_the_European_Union_and_was_inaugurated_on_26_August_2024()
    {
        await ImportSampleAsync();
        var gitega = await QueryAsync(db => db.Projects.Include(p => p.CoFinancing).Include(p => p.Milestones)
            .SingleAsync(p => p.Title.Contains("Gitega") && p.Country == "BI"));
        var eu = await QueryAsync(db => db.Partners.SingleAsync(p => p.Code == "UE"));
        Assert.That(gitega.CoFinancing.Select(c => c.PartnerId), Does.Contain(eu.Id));
        Assert.That(gitega.Milestones.Any(m => m.Status == MilestoneStatus.Done && m.ActualDate == new DateOnly(2024, 8, 26)), Is.True);
    }

    [Test]
    public async Task A_file_with_one_broken_record_imports_nothing_and_names_the_record_and_field()
    {
        var file = JsonNode.Parse(SampleJson())!;
        var project = file["projects"]![4]!;
        project["grant"]!["currency"] = "ZZZ";
        var code = (string)project["code"]!;

        var result = await ImportAsync(AsStream(file.ToJsonString()));

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Errors, Has.Some.StartsWith($"projects[4] ({code}).grant:"));
        Assert.That(await QueryAsync(db => db.Members.CountAsync()), Is.Zero, "nothing is imported when one record is invalid");
        Assert.That(await QueryAsync(db => db.Projects.CountAsync()), Is.Zero);
    }

    [TestCase("{ not json", "file:")]
    [TestCase("{\"format\":\"other/9\"}", "file: format")]
    [TestCase("{\"format\":\"projectportfolio/1\",\"members\":[{\"code\":\"X1\",\"name\":\"A\",\"kind\":\"City\",\"country\":\"RW\",\"mayor\":\"?\"}]}", "file:")]
    [TestCase("{\"format\":\"projectportfolio/1\",\"members\":[{\"code\":\"../etc\",\"name\":\"A\",\"kind\":\"City\",\"country\":\"RW\"}]}", "members[0] (../etc).code:")]
    [TestCase("{\"format\":\"projectportfolio/1\",\"members\":[{\"code\":\"X1\",\"name\":\"A\",\"kind\":\"Town\",\"country\":\"RW\"}]}", "members[0] (X1).kind:")]
    [TestCase("{\"format\":\"projectportfolio/1\",\"members\":[{\"code\":\"X1\",\"name\":\"A\",\"kind\":\"City\",\"country\":\"ZZ\"}]}", "members[0] (X1).country:")]
    [TestCase("{\"format\":\"projectportfolio/1\",\"members\":[{\"code\":\"X1\",\"name\":\"A\",\"kind\":\"City\",\"country\":\"RW\"},{\"code\":\"x1\",\"name\":\"B\",\"kind\":\"City\",\"country\":\"RW\"}]}", "members[1] (x1).code:")]
    public async Task Malformed_input_is_reported_and_nothing_is_saved(string json, string expectedStart)
    {
        var result = await ImportAsync(AsStream(json));
        Assert.That(result.Errors, Has.Some.StartsWith(expectedStart));
        Assert.That(await QueryAsync(db => db.Members.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task Importing_the_same_file_twice_changes_nothing_the_second_time()
    {
        Assert.That((await ImportSampleAsync()).Succeeded, Is.True);
        var before = await QueryAsync(db => db.Projects.CountAsync());
        var second = await ImportSampleAsync();
        Assert.That(second.Succeeded, Is.False);
        Assert.That(second.Errors, Has.Some.Contains("already exists"));
        Assert.That(await QueryAsync(db => db.Projects.CountAsync()), Is.EqualTo(before));
    }
}
