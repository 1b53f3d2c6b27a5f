using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using PdfSharp.Pdf.IO;
using ProjectPortfolio.Application.Portfolio;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Application.Reports;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Projects;
using ProjectPortfolio.Infrastructure.Reports;
using ProjectPortfolio.Infrastructure.Reports.Pdf;

namespace ProjectPortfolio.Benchmarks;

/// <summary>The PDF reports (docs/performance.md):
///   dotnet run -c Release --project tests/ProjectPortfolio.Benchmarks -- pdf [fact-sheet runs]
///   BENCH_PDF_OUT=/tmp dotnet run ... -- pdf      (also keeps the two reports as files, to check them)
/// Runs the real report code without a database: <see cref="PortfolioReport.Compose"/> and
/// <see cref="ProjectFactSheet.Compose"/> on synthetic data (what the handlers would have loaded), then
/// <see cref="PdfDocumentBuilder"/> (PDFsharp). The database queries are not measured here (see `summary`).
/// Portfolio reports of about 50 and 500 pages, five times each in turn (the median run): elapsed time, extra peak working set, time per page; the page count
/// is read back from the PDF with PDFsharp's reader. Then the fact sheet, warm, p50/p95 over N runs.
/// Targets: 500 pages under 3 s and 300 MB, time per page at 500 at most 1.5 × that at 50, fact sheet p95 under
/// 100 ms. Exits with 1 when a target is missed.</summary>
internal static class PdfBenchmark
{
    private static readonly DateTimeOffset GeneratedAt = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    public static int Run(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
        var builder = new PdfDocumentBuilder(Options.Create(new ReportOptions()));

        // Warm-up (JIT, tiered recompilation, PDFsharp's font caches), which also calibrates projects per page: the
        // layout decides the page count, so the report sizes are chosen from a measured density, then checked.
        var calibrationProjects = 60;
        var calibrationPages = 0;
        for (var i = 0; i < 3; i++) calibrationPages = CountPages(builder.Build(PortfolioReport.Compose(Portfolio(calibrationProjects), "fr", GeneratedAt)));
        var smallProjects = Calibrate(builder, 50, calibrationProjects * 50 / calibrationPages);
        var largeProjects = Calibrate(builder, 500, calibrationProjects * 500 / calibrationPages);
        // More warm-up, both sizes in turn, about 2,000 pages: with only the calibration, the first timed runs still
        // ran partly on the tiered JIT's first, unoptimised code (CPU per page falling from 1.9 to 0.5 ms over the five
        // runs of one size, 2026-12-02 18:38), which made the ratio of the two sizes depend on the order of the runs.
        for (var i = 0; i < 3; i++)
        {
            builder.Build(PortfolioReport.Compose(Portfolio(smallProjects), "fr", GeneratedAt));
            builder.Build(PortfolioReport.Compose(Portfolio(largeProjects), "fr", GeneratedAt));
        }

        // Each size several times, in turn, so that both meet the same load; the median run is reported (its
        // elapsed time), and the largest extra memory of all runs.
        var smallRuns = new List<ReportRun>();
        var largeRuns = new List<ReportRun>();
        for (var i = 0; i < ReportRepetitions; i++)
        {
            smallRuns.Add(MeasureReport(builder, smallProjects));
            largeRuns.Add(MeasureReport(builder, largeProjects));
        }
        // BENCH_PDF_OUT=folder keeps one report of each size, to check them with another reader (pdfinfo, pdftoppm).
        if (Environment.GetEnvironmentVariable("BENCH_PDF_OUT") is { Length: > 0 } folder)
            foreach (var (name, projects) in new[] { ("portfolio-50", smallProjects), ("portfolio-500", largeProjects) })
                File.WriteAllBytes(Path.Combine(folder, name + ".pdf"), builder.Build(PortfolioReport.Compose(Portfolio(projects), "fr", GeneratedAt)));
        var small = Median(smallRuns);
        var large = Median(largeRuns);
        var ratio = large.MsPerPage / small.MsPerPage;
        // The same ratio on CPU time (medians of each size's runs, taken separately): on a loaded machine a 50-page
        // report (tens of milliseconds) is often preempted, which moves the elapsed ratio far more than the CPU one.
        static double MedianOf(IEnumerable<double> values) => values.Order().ElementAt(ReportRepetitions / 2);
        var cpuRatio = MedianOf(largeRuns.Select(r => r.Cpu.TotalMilliseconds / r.Pages)) / MedianOf(smallRuns.Select(r => r.Cpu.TotalMilliseconds / r.Pages));

        // The fact sheet: Compose + Build, as GetProjectFactSheetHandler does after GetProjectDetailQuery.
        var project = FactSheetProject();
        for (var i = 0; i < 20; i++) builder.Build(ProjectFactSheet.Compose(project, "fr", GeneratedAt));
        var factSheetPages = CountPages(builder.Build(ProjectFactSheet.Compose(project, "fr", GeneratedAt)));
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            builder.Build(ProjectFactSheet.Compose(project, "fr", GeneratedAt));
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        times.Sort();
        var p50 = Machine.Percentile(times, 0.50);
        var p95 = Machine.Percentile(times, 0.95);

        static string F(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);
        Console.WriteLine($"calibration:            {calibrationProjects} projects -> {calibrationPages} pages");
        foreach (var (r, all) in new[] { (small, smallRuns), (large, largeRuns) })
        {
            Console.WriteLine($"portfolio report:       {r.Projects} projects, {r.Pages} pages (read back from the PDF), {F(r.Bytes / 1024d / 1024d, "0.0")} MB");
            Console.WriteLine($"  elapsed (median of {ReportRepetitions}): {F(r.Elapsed.TotalSeconds)} s (CPU {F(r.Cpu.TotalSeconds)} s), {F(r.MsPerPage)} ms per page");
            Console.WriteLine($"  extra peak working set (largest of {ReportRepetitions}): {F(r.ExtraBytes / 1024d / 1024d, "0.0")} MB{(r.PeakReset ? "" : " (peak since the process started)")}");
            Console.WriteLine($"  GC allocated:         {F(r.Allocated / 1024d / 1024d, "0.0")} MB, gen2 collections {r.Gen2}, GC pause {F(r.GcPause.TotalMilliseconds, "0.0")} ms");
            Console.WriteLine($"  CPU per page, all runs: {string.Join(", ", all.Select(x => F(x.Cpu.TotalMilliseconds / x.Pages)))} ms");
            Console.WriteLine($"  load average (1 min): {r.Load}; all runs: {string.Join(", ", all.Select(x => F(x.Elapsed.TotalSeconds, "0.000") + " s"))}");
        }
        Console.WriteLine($"time per page, 500/50:  {F(ratio)} (elapsed, median runs); CPU time per page 500/50: {F(cpuRatio)}");
        Console.WriteLine($"fact sheet ({factSheetPages} pages):  p50 {F(p50, "0.0")} ms, p95 {F(p95, "0.0")} ms, max {F(times[^1], "0.0")} ms over {runs} warm runs");
        Console.WriteLine($"load average (1 min):   {Machine.LoadAverage()}");
        Console.WriteLine($"processors:             {Environment.ProcessorCount}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");

        var met = true;
        void Target(string name, bool ok)
        {
            Console.WriteLine($"target {name}: {(ok ? "met" : "MISSED")}");
            met &= ok;
        }
        Target("500 pages < 3 s", large.Elapsed.TotalSeconds < 3);
        Target("500 pages < 300 MB", large.ExtraBytes < 300L * 1024 * 1024);
        Target("time per page 500/50 <= 1.5", ratio <= 1.5);
        Target("fact sheet p95 < 100 ms", p95 < 100);
        return met ? 0 : 1;
    }

    /// <summary>`pdf-scale [pages...]` (default 50 100 200 500 1000): the portfolio report at each size, three runs each,
    /// the sizes in turn; per size the median run's time per page (elapsed and CPU), and per page the bytes allocated,
    /// the collections and the collector's pause time, to see what grows faster than the pages.</summary>
    public static int RunScale(string[] args)
    {
        var targets = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [50, 100, 200, 500, 1000];
        var builder = new PdfDocumentBuilder(Options.Create(new ReportOptions()));
        var calibrationProjects = 60;
        var calibrationPages = 0;
        for (var i = 0; i < 3; i++) calibrationPages = CountPages(builder.Build(PortfolioReport.Compose(Portfolio(calibrationProjects), "fr", GeneratedAt)));
        var sizes = targets.Select(t => Calibrate(builder, t, calibrationProjects * t / calibrationPages)).ToArray();
        // Each measurement builds the report as many times as it takes to make about 1,000 pages (20 × 50, 2 × 500...):
        // the CPU time the kernel reports moves by 10 ms ticks, too coarse for one 50-page report, and every size
        // then meets the load for about as long.
        var runs = sizes.Select(_ => new List<(ReportRun Run, ResourceWatch Watch)>()).ToArray();
        for (var r = 0; r < 3; r++)
            for (var i = 0; i < sizes.Length; i++)
            {
                var repeat = Math.Max(1, (int)Math.Round(1000.0 / targets[i]));
                var data = Portfolio(sizes[i]);
                var pages = 0;
                long bytes = 0;
                var watch = ResourceWatch.Start();
                for (var k = 0; k < repeat; k++)
                {
                    var pdf = builder.Build(PortfolioReport.Compose(data, "fr", GeneratedAt));
                    bytes = pdf.Length;
                    if (k == 0) pages = CountPages(pdf);   // read back once: its cost is in every size's figure alike
                }
                watch.Stop();
                runs[i].Add((new ReportRun(sizes[i], pages * repeat, bytes, watch.Elapsed, watch.Cpu, watch.ExtraPeakWorkingSet, watch.PeakReset,
                    watch.Allocated, watch.Gen2Collections, Machine.LoadAverage()), watch));
            }
        static string F(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);
        Console.WriteLine($"PDF scale: portfolio report, 3 runs per size in turn (median run; CPU: median of the 3), load average {Machine.LoadAverage()}, " +
                          $"GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, gen0size {Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "default"}");
        Console.WriteLine("pages (all builds) | projects | ms/page | CPU ms/page | GC pause ms/page | ms/page without GC pause | KB alloc/page | gen0/gen1/gen2 | extra peak MB");
        double? first = null, firstCpu = null;
        for (var i = 0; i < runs.Length; i++)
        {
            var all = runs[i];
            var (run, watch) = all.OrderBy(x => x.Run.Elapsed).ElementAt(1);
            var withoutGc = (run.Elapsed - watch.GcPause).TotalMilliseconds / run.Pages;
            var cpuPerPage = all.Select(x => x.Run.Cpu.TotalMilliseconds / x.Run.Pages).Order().ElementAt(1);
            first ??= run.MsPerPage;
            firstCpu ??= cpuPerPage;
            var repeat = Math.Max(1, (int)Math.Round(1000.0 / targets[i]));
            Console.WriteLine($"{run.Pages / repeat,5} × {repeat,2} | {run.Projects,8} | {F(run.MsPerPage),7} | {F(cpuPerPage),11} | {F(watch.GcPause.TotalMilliseconds / run.Pages),16} | " +
                              $"{F(withoutGc),24} | {F(run.Allocated / 1024d / run.Pages, "0"),13} | {watch.Gen0Collections}/{watch.Gen1Collections}/{watch.Gen2Collections,-8} | {F(run.ExtraBytes / 1024d / 1024d, "0.0")}" +
                              $"   (ratio to the first size: elapsed {F(run.MsPerPage / first.Value)}, CPU {F(cpuPerPage / firstCpu.Value)}; runs {string.Join(", ", all.Select(x => F(x.Run.Elapsed.TotalSeconds, "0.000")))} s)");
        }
        return 0;
    }

    private const int ReportRepetitions = 5;

    /// <summary>The number of projects that makes about <paramref name="pages"/> pages, from a first guess and one
    /// correction (projects differ in height, so the density of a small report is not exactly that of a large one).</summary>
    private static int Calibrate(PdfDocumentBuilder builder, int pages, int guess)
    {
        var actual = CountPages(builder.Build(PortfolioReport.Compose(Portfolio(guess), "fr", GeneratedAt)));
        return (int)Math.Round((double)guess * pages / actual);
    }

    private static ReportRun Median(List<ReportRun> runs) =>
        runs.OrderBy(r => r.Elapsed).ElementAt(runs.Count / 2) with { ExtraBytes = runs.Max(r => r.ExtraBytes) };

    private sealed record ReportRun(int Projects, int Pages, long Bytes, TimeSpan Elapsed, TimeSpan Cpu, long ExtraBytes, bool PeakReset,
        long Allocated, int Gen2, string Load, TimeSpan GcPause = default)
    {
        public double MsPerPage => Elapsed.TotalMilliseconds / Pages;
    }

    private static ReportRun MeasureReport(PdfDocumentBuilder builder, int projects)
    {
        // The data are made before the measurement: the handler has them from the database by then.
        var data = Portfolio(projects);
        var watch = ResourceWatch.Start();
        var pdf = builder.Build(PortfolioReport.Compose(data, "fr", GeneratedAt));
        watch.Stop();
        return new ReportRun(projects, CountPages(pdf), pdf.Length, watch.Elapsed, watch.Cpu, watch.ExtraPeakWorkingSet, watch.PeakReset,
            watch.Allocated, watch.Gen2Collections, Machine.LoadAverage(), watch.GcPause);
    }

    private static int CountPages(byte[] pdf)
    {
        using var stream = new MemoryStream(pdf);
        using var document = PdfReader.Open(stream, PdfDocumentOpenMode.Import);
        return document.PageCount;
    }


    private static readonly string[] Countries = ["BJ", "BF", "CM", "CI", "MG", "ML", "RW", "SN", "TG", "TN"];

    private static readonly (string Code, string Fr, string En, IndicatorUnit Unit)[] Catalogue =
    [
        ("HEALTH-01", "Centres de santé réhabilités", "Health facilities rehabilitated", IndicatorUnit.Count),
        ("WATER-01", "Personnes ayant accès à l'eau potable", "People with access to drinking water", IndicatorUnit.People),
        ("EDU-02", "Taux de scolarisation des filles", "Girls' school enrolment rate", IndicatorUnit.Percent),
        ("GOV-03", "Agents municipaux formés", "Municipal staff trained", IndicatorUnit.People),
        ("WASTE-01", "Tonnes de déchets collectées", "Tonnes of waste collected", IndicatorUnit.Count),
    ];

    /// <summary>A portfolio as the report's handler would load it: every project with co-financers and indicators.</summary>
    private static PortfolioReportData Portfolio(int count)
    {
        var start = new DateOnly(2020, 1, 1);
        var projects = Enumerable.Range(0, count).Select(i =>
        {
            var country = Countries[i % Countries.Length];
            var grant = 5_000_000L + i * 137_000L % 40_000_000L;
            var coFinancers = Enumerable.Range(0, i % 3)
                .Select(k => new ReportCoFinancer($"Partenaire n° {k + 1} — Agence de coopération décentralisée", 1_000_000L * (k + 1), k == 1 ? "XOF" : "EUR"))
                .ToList();
            var indicators = Enumerable.Range(0, 2 + i % 3)
                .Select(k => Catalogue[(i + k) % Catalogue.Length])
                .Select((c, k) => new ReportIndicator(c.Code, c.Fr, c.En, c.Unit, 100 + i % 50, 40 + (i * 7 + k) % 90, i % 11 == 0 && k == 0 ? $"AIMF-2021-{i:D4}" : null))
                .ToList();
            return new ReportProject($"AIMF-{2020 + i % 6}-{i:D4}", $"Réhabilitation et équipement du centre de santé communal n° {i} de la ville de {country}",
                null, $"Ville membre n° {i % 120}", country, (ProjectStatus)(i % 4), start.AddDays(i % 900), start.AddDays(i % 900 + 730),
                i % 4 == 0 ? null : start.AddDays(i % 900 + 15), i % 4 == 3 ? start.AddDays(i % 900 + 700) : null,
                grant, "EUR", grant / 2, coFinancers, indicators, null);
        }).ToList();
        var byStatus = Enum.GetValues<ProjectStatus>().ToDictionary(s => s.ToString(), s => projects.Count(p => p.Status == s));
        var summary = new PortfolioSummary(
            new ProjectCounts(count, byStatus),
            new FinanceTotals(projects.Sum(p => p.GrantMinor) / 100m, projects.Sum(p => p.DisbursedMinor) / 100m, count * 15_000m),
            Catalogue.Select(c => new IndicatorFigure(c.Code, c.Fr, c.En, c.Unit, count * 40.0, count * 100.0,
                Countries.ToDictionary(x => x, _ => count * 4.0))).ToList());
        var scope = new ReportScope(null, null, null, null, null, null, null, null, null);
        return new PortfolioReportData(scope, summary, null, projects);
    }

    /// <summary>A full fact sheet: summary, partner members, co-financing, tranches, milestones and indicators.</summary>
    private static ProjectDetail FactSheetProject()
    {
        var start = new DateOnly(2024, 3, 1);
        var summary = string.Join(" ", Enumerable.Repeat(
            "Le projet réhabilite le centre de santé communal, équipe la maternité et forme le personnel municipal à la gestion des déchets médicaux.", 6));
        return new ProjectDetail(
            Guid.NewGuid(), "AIMF-2024-0042", "Réhabilitation du centre de santé de Kigali", "Rehabilitation of the Kigali health centre", summary, summary,
            Guid.NewGuid(), "Ville de Kigali", "RW", "health", "Santé", "Health", "FC", "Fonds de coopération", "Cooperation fund", null, null,
            ProjectStatus.Ongoing, start, start.AddYears(2), start.AddDays(20), null, 45_000_000, "EUR", 3,
            new ProjectLink(Guid.NewGuid(), "AIMF-2021-0007", "Centre de santé de Kigali, phase 1"), [],
            Enumerable.Range(1, 4).Select(i => new MemberRef(Guid.NewGuid(), $"Ville partenaire n° {i}")).ToList(),
            Enumerable.Range(1, 4).Select(i => new CoFinancingRow(Guid.NewGuid(), Guid.NewGuid(), $"Agence de coopération n° {i}", 2_500_000L * i,
                i % 2 == 0 ? 2_500_000L * i : 0, i == 3 ? "XOF" : "EUR", i % 2 == 0 ? CoFinancingStatus.Confirmed : CoFinancingStatus.Expected, null)).ToList(),
            Enumerable.Range(1, 4).Select(i => new TrancheRow(Guid.NewGuid(), i, start.AddMonths(6 * i), 11_250_000, i <= 2 ? start.AddMonths(6 * i).AddDays(3) : null,
                i <= 2 ? 11_250_000 : null, [], false)).ToList(),
            Enumerable.Range(1, 8).Select(i => new MilestoneRow(Guid.NewGuid(), $"Jalon n° {i} : réception des travaux du lot {i}", null, start.AddMonths(3 * i),
                i <= 3 ? start.AddMonths(3 * i).AddDays(5) : null, i <= 3 ? MilestoneStatus.Done : MilestoneStatus.Planned, i == 4)).ToList(),
            Catalogue.Select((c, i) => new TargetRow(c.Code, c.Fr, c.En, c.Unit, IndicatorKind.Incremental, 10 * i, 100 + 10 * i, start.AddYears(2),
                i == 4 ? null : 30 + 20 * i, i != 4)).ToList());
    }
}
