using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Portfolio;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Domain.BureauSessions;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Application.FunctionalTests;

/// <summary>The benchmark data generator ("generate d1|d10", docs/performance.md), at its hidden test size.</summary>
public class PortfolioGeneratorTests : FunctionalTest
{
    [Test]
    public async Task The_tiny_portfolio_has_the_announced_counts_and_the_dashboard_summary_reads_it()
    {
        var result = await GenerateAsync("tiny");

        Assert.Multiple(async () =>
        {
            Assert.That(await QueryAsync(db => db.Members.CountAsync()), Is.EqualTo(result.Members).And.EqualTo(3));
            Assert.That(await QueryAsync(db => db.Projects.CountAsync()), Is.EqualTo(result.Projects).And.EqualTo(50));
            Assert.That(await QueryAsync(db => db.IndicatorMeasurements.CountAsync()), Is.EqualTo(result.Measurements).And.GreaterThan(300));
            Assert.That(await QueryAsync(db => db.GrantApplications.CountAsync()), Is.EqualTo(result.Applications));
            Assert.That(await QueryAsync(db => db.BureauSessions.SelectMany(s => s.Decisions).CountAsync()), Is.EqualTo(result.Decisions).And.EqualTo(20));
            // Skew and history: some continuations, some late (still planned, past due) milestones, every outcome.
            Assert.That(await QueryAsync(db => db.Projects.CountAsync(p => p.PredecessorId != null)), Is.GreaterThan(0));
            Assert.That(await QueryAsync(db => db.Projects.SelectMany(p => p.Milestones)
                .CountAsync(m => m.Status == MilestoneStatus.Planned && m.PlannedDate < new DateOnly(2026, 1, 1))), Is.GreaterThan(0));
            Assert.That(await QueryAsync(db => db.BureauSessions.SelectMany(s => s.Decisions).Select(d => d.Outcome).Distinct().CountAsync()),
                Is.EqualTo(Enum.GetValues<DecisionOutcome>().Length));
        });

        var summary = await SendAsync(new GetPortfolioSummaryQuery());
        Assert.That(summary.Projects.Total, Is.EqualTo(50));
        Assert.That(summary.Finance.AwardedEur, Is.GreaterThan(0));
        // What the dashboard and a project page read, for a continuation (it has a predecessor to show).
        var overview = await SendAsync(new GetPortfolioOverviewQuery());
        Assert.That(overview.Projects, Is.EqualTo(50));
        var continuation = await QueryAsync(db => db.Projects.Where(p => p.PredecessorId != null).Select(p => p.Id).FirstAsync());
        var detail = await SendAsync(new GetProjectDetailQuery(continuation));
        Assert.That(detail.Predecessor, Is.Not.Null);
    }

    [Test]
    public async Task The_same_seed_gives_the_same_portfolio_and_a_second_run_is_refused()
    {
        var first = await GenerateAsync("tiny");
        var codes = await QueryAsync(db => db.Projects.OrderBy(p => p.Code).Select(p => p.Code + p.Country + p.GrantMinor).ToListAsync());

        var refused = Assert.ThrowsAsync<InvalidOperationException>(() => GenerateAsync("tiny"));
        Assert.That(refused!.Message, Does.Contain("empty database"));
        Assert.That(await QueryAsync(db => db.Projects.CountAsync()), Is.EqualTo(first.Projects), "a refused run adds nothing");

        // The same figures in a second database.
        NewDatabase();
        var second = await GenerateAsync("tiny");
        Assert.That(await QueryAsync(db => db.Projects.OrderBy(p => p.Code).Select(p => p.Code + p.Country + p.GrantMinor).ToListAsync()), Is.EqualTo(codes));
        Assert.That(second with { Elapsed = TimeSpan.Zero }, Is.EqualTo(first with { Elapsed = TimeSpan.Zero }));
    }
}
