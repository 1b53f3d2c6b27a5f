using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectPortfolio.Domain.Applications;
using ProjectPortfolio.Domain.BureauSessions;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Finance;
using ProjectPortfolio.Domain.Indicators;
using ProjectPortfolio.Domain.Members;
using ProjectPortfolio.Domain.Partners;
using ProjectPortfolio.Domain.Projects;
using ProjectPortfolio.Infrastructure.Persistence;

namespace ProjectPortfolio.Infrastructure.Seeding;

public sealed record GeneratedPortfolio(int Members, int Countries, int Partners, int Projects, int Milestones, int Tranches,
    int CoFinancing, int Measurements, int Sessions, int Applications, int Decisions, TimeSpan Elapsed);

/// <summary>Fills an empty database with a synthetic portfolio for benchmarks (docs/performance.md). Every record is
/// built through the domain's own constructors and methods, as the importer does, so the data obeys the same rules
/// as data entered in the application. The distribution is skewed as a real portfolio is (Zipf over countries,
/// themes and partners; continuations; late and missing milestones; missing measurements; rejected and deferred
/// decisions) and fixed by a seed, so two runs give the same portfolio. Rows go in by batches, each through a fresh
/// context with change detection off: one tracked graph of a million rows would take hours and gigabytes.</summary>
public sealed class PortfolioGenerator(IServiceScopeFactory scopes)
{
    /// <summary>d1 = 1, d10 = 10; "tiny" (tests) = 0.01.</summary>
    public static double? ScaleOf(string size) => size.ToLowerInvariant() switch
    {
        "d1" => 1,
        "d10" => 10,
        "tiny" => 0.01,
        _ => null,
    };

    private const int Seed = 20261202;
    private const int ProjectBatch = 250;
    private const int MeasurementBatch = 5000;
    /// <summary>A fixed "today", so that the same seed gives the same statuses whatever the day of the run.</summary>
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly DateOnly FirstStart = new(2012, 1, 1);

    private static readonly string[] MilestoneTitles =
    [
        "Lancement officiel", "Diagnostic participatif", "Passation des marchés", "Début des travaux", "Formation des agents",
        "Réception provisoire", "Équipement livré", "Mission de suivi", "Rapport intermédiaire", "Clôture et évaluation",
    ];

    public async Task<GeneratedPortfolio> GenerateAsync(double scale, Action<string> progress, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(Seed);
        int Count(int d1) => Math.Max(1, (int)Math.Round(d1 * scale));

        List<Theme> themes;
        List<FundingInstrument> instruments;
        List<Indicator> indicators;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            if (await db.Projects.AnyAsync(ct) || await db.Members.AnyAsync(ct) || await db.Partners.AnyAsync(ct)
                || await db.GrantApplications.AnyAsync(ct) || await db.BureauSessions.AnyAsync(ct) || await db.IndicatorMeasurements.AnyAsync(ct))
                throw new InvalidOperationException("The database already holds a portfolio: generate fills an empty database only " +
                                                    "(use a new file with --ConnectionStrings:Portfolio=\"Data Source=...\").");
            themes = await db.Themes.AsNoTracking().OrderBy(t => t.Code).ToListAsync(ct);
            instruments = await db.FundingInstruments.AsNoTracking().OrderBy(i => i.Code).ToListAsync(ct);
            indicators = await db.Indicators.AsNoTracking().OrderBy(i => i.Code).ToListAsync(ct);
        }
        if (themes.Count == 0 || instruments.Count == 0 || indicators.Count == 0)
            throw new InvalidOperationException("The reference data (themes, instruments, indicators) is missing.");

        // Countries: a fixed shuffle of the ISO list, then Zipf, so that a few countries hold most members.
        var allCountries = Countries.All.Select(c => c.ToUpperInvariant()).OrderBy(c => c, StringComparer.Ordinal).ToList();
        Shuffle(allCountries, random);
        var countries = allCountries.Take(Math.Min(allCountries.Count, Count(60))).ToList();
        var countryZipf = new Zipf(countries.Count, 1.1);
        var themeZipf = new Zipf(themes.Count, 1.2);
        var instrumentZipf = new Zipf(instruments.Count, 1.0);

        var members = new List<Member>();
        for (var i = 0; i < Count(300); i++)
        {
            // Every country has at least one member; the others follow the skew.
            var country = i < countries.Count ? countries[i] : countries[countryZipf.Next(random)];
            members.Add(new Member($"M{i + 1:D5}", $"Commune synthétique {i + 1}", (MemberKind)(random.Next(10) switch { < 6 => 0, < 8 => 1, < 9 => 2, _ => 3 }),
                country, random.Next(3) == 0 ? null : $"Région {random.Next(1, 12)}"));
        }
        var partners = new List<Partner>();
        for (var i = 0; i < Count(50); i++)
            partners.Add(new Partner($"P{i + 1:D5}", $"Partenaire synthétique {i + 1}", (PartnerKind)random.Next(7),
                random.Next(4) == 0 ? null : countries[countryZipf.Next(random)]));
        await SaveAsync(db => { db.Members.AddRange(members); db.Partners.AddRange(partners); }, ct);
        progress($"{members.Count:N0} members in {countries.Count} countries, {partners.Count:N0} partners ({clock.Elapsed.TotalSeconds:F1} s)");

        // Members weighted by their country's rank, so that big countries get most projects.
        var memberZipf = new Zipf(members.Count, 0.8);
        var partnerZipf = new Zipf(partners.Count, 1.1);

        int projectCount = Count(5000), milestones = 0, tranches = 0, coFinancing = 0, measurements = 0;
        var earlier = new List<(Guid Id, Guid LeadMemberId, DateOnly End)>(projectCount);
        var batch = new List<Project>(ProjectBatch);
        var batchMeasurements = new List<IndicatorMeasurement>(MeasurementBatch * 2);
        for (var i = 0; i < projectCount; i++)
        {
            var start = FirstStart.AddDays(random.Next(Today.DayNumber - FirstStart.DayNumber - 60));
            var end = start.AddMonths(random.Next(12, 49));
            var lead = members[memberZipf.Next(random)];
            Guid? predecessor = null;
            // About one project in six continues an earlier project of the same member that had ended by then.
            if (earlier.Count > 0 && random.Next(6) == 0)
            {
                var candidate = earlier[random.Next(earlier.Count)];
                if (candidate.End < start) { predecessor = candidate.Id; lead = members.First(m => m.Id == candidate.LeadMemberId); }
            }
            var started = start < Today;
            var finished = end < Today.AddMonths(-2);
            var status = !started ? ProjectStatus.Approved
                : random.Next(40) == 0 ? ProjectStatus.Cancelled
                : random.Next(30) == 0 ? ProjectStatus.Suspended
                : finished ? (end < Today.AddYears(-1) ? ProjectStatus.Closed : ProjectStatus.Completed)
                : ProjectStatus.Ongoing;
            var actualStart = started && status != ProjectStatus.Cancelled ? start.AddDays(random.Next(0, 45)) : (DateOnly?)null;
            if (actualStart > Today) actualStart = Today;
            var actualEnd = status is ProjectStatus.Completed or ProjectStatus.Closed ? end.AddDays(random.Next(0, 60)) : (DateOnly?)null;
            if (actualEnd > Today) actualEnd = Today;
            var grant = Money.FromMajor(Math.Round((decimal)(20_000 * Math.Exp(random.NextDouble() * 3.2)), 0), "EUR");
            var theme = themes[themeZipf.Next(random)];
            var details = new ProjectDetails($"Projet {i + 1} — {theme.NameFr} à {lead.Name}", $"Project {i + 1}",
                $"Projet synthétique généré pour les mesures de performance ({lead.Country}).", null, lead.Id, lead.Country, theme.Id,
                instruments[instrumentZipf.Next(random)].Id, null, start, end, actualStart, actualEnd);
            var project = new Project($"PRJ-{i + 1:D6}", details, grant, predecessor, null);
            if (random.Next(3) == 0)
                project.SetPartnerMembers(new[] { members[memberZipf.Next(random)].Id, members[memberZipf.Next(random)].Id }.Distinct().Where(id => id != lead.Id));
            foreach (var step in Project.PathFromApproved(status)) project.ChangeStatus(step);

            var lines = random.Next(10) switch { < 4 => 0, < 8 => 1, _ => 2 };
            foreach (var partnerIndex in Enumerable.Range(0, lines).Select(_ => partnerZipf.Next(random)).Distinct())
            {
                var amount = Money.FromMajor(Math.Round(grant.Amount * (decimal)(0.1 + random.NextDouble() * 0.5), 0), "EUR");
                var confirmed = random.Next(3) > 0;
                project.AddCoFinancing(partners[partnerIndex].Id, amount, confirmed ? CoFinancingStatus.Confirmed : CoFinancingStatus.Expected,
                    confirmed && started && random.Next(2) == 0 ? amount : null);
                coFinancing++;
            }

            // Ten milestones over the project's life; the past ones mostly done, often late, some still open (late).
            var span = end.DayNumber - start.DayNumber;
            var milestoneList = new List<Milestone>();
            for (var m = 0; m < 10; m++)
            {
                var planned = start.AddDays(span * (m + 1) / 11);
                var milestone = project.AddMilestone(MilestoneTitles[m], null, planned);
                milestoneList.Add(milestone);
                milestones++;
                if (planned >= Today || status == ProjectStatus.Approved) continue;
                var roll = random.Next(100);
                if (status == ProjectStatus.Cancelled || roll < 4) project.CancelMilestone(milestone.Id);
                else if (roll < 85)
                {
                    var done = planned.AddDays(random.Next(10) < 3 ? random.Next(30, 200) : random.Next(-10, 15));
                    project.CompleteMilestone(milestone.Id, done > Today ? Today : done);
                }
            }
            // Three tranches (40/40/20 %): the first paid at the start, the next ones when due.
            var shares = new[] { 0.4m, 0.4m, 0.2m };
            var planDates = new[] { start, start.AddDays(span / 2), end };
            for (var t = 0; t < 3; t++)
            {
                var amount = new Money(t == 2 ? project.GrantMinor - project.Tranches.Sum(x => x.PlannedMinor) : (long)(project.GrantMinor * shares[t]), "EUR");
                var tranche = project.AddTranche(planDates[t], amount);
                tranches++;
                if (started && status != ProjectStatus.Cancelled && planDates[t] < Today && random.Next(10) < 9)
                {
                    var paidOn = planDates[t].AddDays(random.Next(0, 60));
                    project.PayTranche(tranche.Id, paidOn > Today ? Today : paidOn, amount);
                }
            }

            // Two or three indicators with targets; a measurement per quarter up to today, about one in eight missing.
            var chosen = Enumerable.Range(0, indicators.Count).OrderBy(_ => random.Next()).Take(2 + random.Next(2)).Select(x => indicators[x]).ToList();
            foreach (var indicator in chosen)
            {
                project.SetTarget(indicator.Id, 0, random.Next(50, 5000), end);
                if (!started || status == ProjectStatus.Cancelled) continue;
                for (var q = 0; q < 12; q++)
                {
                    var periodStart = start.AddMonths(3 * q);
                    var periodEnd = periodStart.AddMonths(3).AddDays(-1);
                    if (periodEnd >= Today || periodStart > end) break;
                    if (random.Next(8) == 0) continue;
                    var measurement = new IndicatorMeasurement(project.Id, indicator, periodStart, periodEnd, random.Next(0, 400), [],
                        random.Next(4) == 0 ? "Rapport trimestriel" : null);
                    var at = periodEnd.AddDays(random.Next(5, 40)).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                    var roll = random.Next(20);
                    if (roll > 0) measurement.Submit("generator", at);
                    if (roll > 2) measurement.Approve("generator (review)", at.AddDays(7));
                    else if (roll == 2) measurement.Return("generator (review)", at.AddDays(7), "Pièce justificative manquante.");
                    batchMeasurements.Add(measurement);
                    measurements++;
                }
            }
            batch.Add(project);
            earlier.Add((project.Id, lead.Id, end));

            if (batch.Count == ProjectBatch || i == projectCount - 1)
            {
                var projects = batch.ToList();
                await SaveAsync(db => db.Projects.AddRange(projects), ct);
                batch.Clear();
                foreach (var chunk in batchMeasurements.Chunk(MeasurementBatch))
                    await SaveAsync(db => db.IndicatorMeasurements.AddRange(chunk), ct);
                batchMeasurements.Clear();
                if ((i + 1) % (ProjectBatch * 8) == 0 || i == projectCount - 1)
                    progress($"{i + 1:N0}/{projectCount:N0} projects, {milestones:N0} milestones, {measurements:N0} measurements ({clock.Elapsed.TotalSeconds:F1} s)");
            }
        }

        // Bureau sessions: about fifty decisions each, spread evenly since 2014; outcomes 60 % approved, 25 % rejected,
        // 15 % deferred. A tenth more applications stay undecided (drafts, submitted, screened).
        var decisionCount = Count(2000);
        var sessionCount = Math.Max(1, decisionCount / 50);
        var sessionSpan = Today.DayNumber - new DateOnly(2014, 1, 15).DayNumber;
        int applications = 0, decisions = 0;
        for (var s = 0; s < sessionCount; s++)
        {
            var date = new DateOnly(2014, 1, 15).AddDays(sessionSpan * s / sessionCount);
            var now = date.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
            var session = new BureauSession($"BUR-{s + 1:D4}", date, s % 3 == 0 ? "Paris" : "Dakar");
            var perSession = decisionCount / sessionCount + (s < decisionCount % sessionCount ? 1 : 0);
            var apps = new List<GrantApplication>();
            var requestedTotal = 0L;
            for (var a = 0; a < perSession; a++)
            {
                var app = NewApplication(++applications, date.AddDays(-random.Next(30, 120)), random, members, memberZipf, themes, themeZipf,
                    instruments, instrumentZipf, indicators);
                requestedTotal += app.RequestedMinor ?? 0;
                apps.Add(app);
            }
            // Envelopes cover what is awarded, as the Bureau sets them before the session.
            foreach (var instrument in instruments) session.SetEnvelope(instrument.Id, new Money(requestedTotal, "EUR"));
            foreach (var app in apps)
            {
                var roll = random.Next(100);
                var outcome = roll < 60 ? DecisionOutcome.Approved : roll < 85 ? DecisionOutcome.Rejected : DecisionOutcome.Deferred;
                app.Submit(now.AddDays(-20), RateTable.None);
                app.RecordScreening([], [], null);
                var requested = new Money(app.RequestedMinor ?? 0, "EUR");
                app.Recommend(outcome != DecisionOutcome.Rejected, outcome != DecisionOutcome.Rejected ? requested : null, null);
                session.PlaceOnAgenda(app);
                switch (outcome)
                {
                    case DecisionOutcome.Approved:
                        session.Approve(app, new Money(requested.MinorUnits * random.Next(70, 101) / 100, "EUR"), [], null, now, RateTable.None);
                        break;
                    case DecisionOutcome.Rejected:
                        session.Reject(app, "Le dossier ne répond pas aux critères d'éligibilité.", now);
                        break;
                    default:
                        session.Defer(app, "Budget à préciser.", now);
                        break;
                }
                decisions++;
            }
            session.Close(apps, now.AddHours(6));
            await SaveAsync(db => { db.BureauSessions.Add(session); db.GrantApplications.AddRange(apps); }, ct);
        }
        var pending = new List<GrantApplication>();
        for (var a = 0; a < Math.Max(1, decisionCount / 10); a++)
        {
            var app = NewApplication(++applications, Today.AddDays(-random.Next(1, 90)), random, members, memberZipf, themes, themeZipf,
                instruments, instrumentZipf, indicators);
            var roll = random.Next(3);
            if (roll > 0) app.Submit(Today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), RateTable.None);
            if (roll > 1) app.RecordScreening([], [], null);
            pending.Add(app);
        }
        await SaveAsync(db => db.GrantApplications.AddRange(pending), ct);
        progress($"{sessionCount:N0} Bureau sessions, {applications:N0} applications, {decisions:N0} decisions ({clock.Elapsed.TotalSeconds:F1} s)");

        return new GeneratedPortfolio(members.Count, countries.Count, partners.Count, projectCount, milestones, tranches, coFinancing,
            measurements, sessionCount, applications, decisions, clock.Elapsed);
    }

    private static GrantApplication NewApplication(int number, DateOnly plannedStart, Random random, List<Member> members, Zipf memberZipf,
        List<Theme> themes, Zipf themeZipf, List<FundingInstrument> instruments, Zipf instrumentZipf, List<Indicator> indicators)
    {
        var member = members[memberZipf.Next(random)];
        var title = $"Demande {number} de {member.Name}";
        var app = new GrantApplication($"APP-{number:D6}", member.Id, ApplicationKind.NewProject, null, title, "EUR");
        var requested = Money.FromMajor(Math.Round((decimal)(20_000 * Math.Exp(random.NextDouble() * 3)), 0), "EUR");
        var budget = Money.FromMajor(Math.Round(requested.Amount * (decimal)(1.2 + random.NextDouble()), 0), "EUR");
        app.EditDraft(title, null, "Demande synthétique générée pour les mesures de performance.", null, themes[themeZipf.Next(random)].Id,
            instruments[instrumentZipf.Next(random)].Id, requested, budget, plannedStart, plannedStart.AddMonths(24));
        app.SetExpectedResults([(indicators[random.Next(indicators.Count)].Id, random.Next(50, 2000))]);
        return app;
    }

    private async Task SaveAsync(Action<ApplicationDbContext> add, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        add(db);
        await db.SaveChangesAsync(ct);
    }

    private static void Shuffle<T>(List<T> list, Random random)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    /// <summary>Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s.</summary>
    private sealed class Zipf
    {
        private readonly double[] _cumulative;

        public Zipf(int n, double s)
        {
            _cumulative = new double[n];
            var total = 0.0;
            for (var k = 0; k < n; k++) _cumulative[k] = total += 1 / Math.Pow(k + 1, s);
            for (var k = 0; k < n; k++) _cumulative[k] /= total;
        }

        public int Next(Random random)
        {
            var index = Array.BinarySearch(_cumulative, random.NextDouble());
            return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
        }
    }
}
