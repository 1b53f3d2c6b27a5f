using System.Diagnostics;
using System.Globalization;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ProjectPortfolio.Application.Portfolio;
using ProjectPortfolio.Infrastructure.Persistence;

namespace ProjectPortfolio.Benchmarks;

/// <summary>The dashboard's portfolio summary (docs/performance.md):
///   dotnet run -c Release --project tests/ProjectPortfolio.Benchmarks -- summary [d1|d10] [runs]
/// Sends GetPortfolioSummaryQuery through MediatR (validation, authorisation, the handler's EF queries), as the
/// dashboard does, N warm times; in turn with it, replays the very SQL EF sent (captured from EF's diagnostics) directly
/// with Microsoft.Data.Sqlite, reading every value, as the baseline. Targets: p95 under 50 ms (d1) or 250 ms (d10), and
/// the pipeline's throughput at least 0.8 of the bare SQL's. Exits with 1 when a target is missed.</summary>
internal static class SummaryBenchmark
{
    /// <summary>More than the 30 calls after which tiered compilation recompiles a method with full optimisation (the
    /// issue measures a warm process; with 20, as before 2026-12-07, part of the measured runs still ran tier-0 code).
    /// BENCH_WARMUP overrides it, to compare with runs made with fewer.</summary>
    private static readonly int WarmUpRuns =
        int.TryParse(Environment.GetEnvironmentVariable("BENCH_WARMUP"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 60;

    public static async Task<int> RunAsync(string[] args)
    {
        var size = args.Length > 0 ? args[0] : "d1";
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
        var targetP95 = size == "d10" ? 250.0 : 50.0;
        var path = await BenchmarkDatabase.EnsureAsync(size);
        await using var provider = BenchmarkDatabase.BuildProvider(path);

        async Task<PortfolioSummary> SendAsync()
        {
            using var scope = provider.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetPortfolioSummaryQuery());
        }

        // Warm-up (JIT, EF's query cache, SQLite's page cache), capturing the SQL of the last run. Twenty runs let the
        // tiered JIT's recompilations (after about thirty calls of a method) happen before the timed runs; an A/B with
        // four showed no clear difference on the loaded machine (docs/performance.md), but steady state is what is meant.
        for (var i = 0; i < WarmUpRuns; i++) await SendAsync();
        var captured = new List<(string Sql, (string Name, object? Value)[] Parameters)>();
        PortfolioSummary summary;
        using (SqlCapture.Start(captured)) summary = await SendAsync();

        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        await connection.OpenAsync();
        // The connection settings the application gives its own connections and that bear on reading (the page cache),
        // so that the baseline differs from the pipeline by the pipeline only.
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = SqlitePageCacheInterceptor.Pragma;
            await pragma.ExecuteNonQueryAsync();
        }
        long values = 0;
        var perCommand = captured.Select(_ => new List<double>(runs)).ToList();
        async Task ReplayAsync()
        {
            for (var k = 0; k < captured.Count; k++)
            {
                var (sql, parameters) = captured[k];
                var started = Stopwatch.GetTimestamp();
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    for (var c = 0; c < reader.FieldCount; c++) { _ = reader.GetValue(c); values++; }
                perCommand[k].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        for (var i = 0; i < WarmUpRuns; i++) await ReplayAsync();
        foreach (var times in perCommand) times.Clear();

        // Elapsed time and the process's CPU time per run: on the shared machine the elapsed time includes the wait
        // for a core, the CPU time does not (compare runs by it, docs/performance.md). The pipeline and the baseline
        // take turns, so that both meet the same load, which changes by the second here.
        var process = Process.GetCurrentProcess();
        async Task MeasureAsync(Func<Task> run, List<double> elapsed, List<double> cpuTimes)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await run();
            elapsed.Add(watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpuTimes.Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
        }
        List<double> pipeline = new(runs), pipelineCpu = new(runs), bare = new(runs), bareCpu = new(runs);
        for (var i = 0; i < runs; i++)
        {
            await MeasureAsync(SendAsync, pipeline, pipelineCpu);
            await MeasureAsync(ReplayAsync, bare, bareCpu);
        }

        var ratio = bare.Average() / pipeline.Average();
        Console.WriteLine($"summary {size}: {summary.Projects.Total:N0} projects, {captured.Count} SQL commands, {runs} warm runs, load average {Machine.LoadAverage()}");
        Console.WriteLine($"  pipeline (MediatR + EF): p50 {Machine.Percentile(pipeline, 0.5):F1} ms, p95 {Machine.Percentile(pipeline, 0.95):F1} ms, mean {pipeline.Average():F1} ms (target p95 < {targetP95} ms); CPU p50 {Machine.Percentile(pipelineCpu, 0.5):F1} ms, p95 {Machine.Percentile(pipelineCpu, 0.95):F1} ms");
        Console.WriteLine($"  bare SQL (Microsoft.Data.Sqlite): p50 {Machine.Percentile(bare, 0.5):F1} ms, p95 {Machine.Percentile(bare, 0.95):F1} ms, mean {bare.Average():F1} ms; CPU p50 {Machine.Percentile(bareCpu, 0.5):F1} ms, p95 {Machine.Percentile(bareCpu, 0.95):F1} ms");
        Console.WriteLine($"  throughput ratio pipeline/bare: {ratio:F2} (target >= 0.8)");
        Console.WriteLine($"  bare SQL per command (elapsed p50 / p95), load average now {Machine.LoadAverage()}:");
        for (var k = 0; k < captured.Count; k++)
            Console.WriteLine($"    {k + 1,2}. {Machine.Percentile(perCommand[k], 0.5),7:F1} / {Machine.Percentile(perCommand[k], 0.95),7:F1} ms  {Describe(captured[k].Sql)}");
        if (Environment.GetEnvironmentVariable("BENCH_SHOW_SQL") == "1")
            foreach (var (sql, _) in captured) Console.WriteLine("---\n" + sql);
        // The plans of the application's own SQLite (the sqlite3 shell's may be older and plan otherwise).
        if (Environment.GetEnvironmentVariable("BENCH_SHOW_PLAN") == "1")
            for (var k = 0; k < captured.Count; k++)
            {
                var (sql, parameters) = captured[k];
                await using var explain = connection.CreateCommand();
                explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
                foreach (var (name, value) in parameters) explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
                await using var reader = await explain.ExecuteReaderAsync();
                Console.WriteLine($"--- plan of {k + 1} (SQLite {connection.ServerVersion})");
                while (await reader.ReadAsync()) Console.WriteLine($"  {reader.GetInt32(0),3} {reader.GetInt32(1),3} {reader.GetString(3)}");
            }
        var met = Machine.Percentile(pipeline, 0.95) < targetP95 && ratio >= 0.8;
        Console.WriteLine(met ? "  targets met" : "  TARGET MISSED");
        return met ? 0 : 1;
    }

    /// <summary>A command's SQL on one line, cut short: enough to tell the ten apart.</summary>
    private static string Describe(string sql)
    {
        var line = string.Join(' ', sql.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 110 ? line : line[..110] + "...";
    }

    /// <summary>Records the commands EF executes, from its DiagnosticListener: no change to the application's services.</summary>
    internal sealed class SqlCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<(string, (string, object?)[])> _commands;
        private readonly List<IDisposable> _subscriptions = [];

        private SqlCapture(List<(string, (string, object?)[])> commands) => _commands = commands;

        public static IDisposable Start(List<(string, (string, object?)[])> commands)
        {
            var capture = new SqlCapture(commands);
            capture._subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(capture));
            return capture;
        }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name) _subscriptions.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Key == RelationalEventId.CommandExecuting.Name && e.Value is CommandEventData data)
                _commands.Add((data.Command.CommandText,
                    data.Command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToArray()));
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }
        public void Dispose() { foreach (var s in _subscriptions) s.Dispose(); }
    }
}
