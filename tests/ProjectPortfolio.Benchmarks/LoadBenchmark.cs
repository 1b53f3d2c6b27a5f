using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ProjectPortfolio.Benchmarks;

/// <summary>Many clients at once on the real server, each looping over a mix of what users do: reads (project list,
/// project, dashboard summary: 7 in 10), writes (a member created: 2 in 10) and exports (the portfolio workbook or a
/// project's PDF fact sheet: 1 in 10). The server's resident memory is read every second from /proc. Targets (issue 7):
/// no error, working set stable.</summary>
internal static class LoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var clients = args.Length > 0 && int.TryParse(args[0], out var c) ? c : 50;
        var seconds = args.Length > 1 && int.TryParse(args[1], out var s) ? s : 60;
        return await BenchmarkServer.RunAsync("load", async (address, server) =>
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients };
            using var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(120) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await BenchmarkServer.BearerAsync(http));
            var projects = (await http.GetFromJsonAsync<JsonNode>("/api/projects/?pageSize=20"))!["items"]!.AsArray().Select(p => (string)p!["id"]!).ToArray();

            var kinds = new[] { "read", "read", "read", "read", "read", "read", "read", "write", "write", "export" };
            string Url(string kind, int i) => kind switch
            {
                "read" => (i % 3) switch
                {
                    0 => "/api/projects/?pageSize=25",
                    1 => $"/api/projects/{projects[i % projects.Length]}",
                    _ => "/api/portfolio/summary",
                },
                _ => i % 2 == 0 ? "/api/reports/portfolio.xlsx" : $"/api/reports/projects/{projects[i % projects.Length]}.pdf",
            };

            // One numbering for both phases: a member code is never sent twice (a duplicate would be a fair 400).
            var next = 0;
            async Task<(int Requests, int Errors)> RunPhaseAsync(TimeSpan duration, ConcurrentDictionary<string, ConcurrentBag<double>>? latencies,
                ConcurrentDictionary<string, int>? failures)
            {
                var clock = Stopwatch.StartNew();
                var requests = 0;
                var errors = 0;
                async Task LoopAsync(int client)
                {
                    while (clock.Elapsed < duration)
                    {
                        var i = Interlocked.Increment(ref next);
                        var kind = kinds[(i * 7 + client) % kinds.Length];
                        var started = Stopwatch.GetTimestamp();
                        HttpStatusCode status;
                        try
                        {
                            using var response = kind == "write"
                                ? await http.PostAsJsonAsync("/api/members", new { code = $"L{client:D2}-{i:D6}", name = "Ville de charge", kind = "City", country = "SN" })
                                : await http.GetAsync(Url(kind, i), HttpCompletionOption.ResponseHeadersRead);
                            await response.Content.CopyToAsync(Stream.Null);
                            status = response.StatusCode;
                        }
                        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                        {
                            status = 0;
                        }
                        Interlocked.Increment(ref requests);
                        latencies?.GetOrAdd(kind, _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        if ((int)status is < 200 or >= 300)
                        {
                            Interlocked.Increment(ref errors);
                            failures?.AddOrUpdate($"{kind} {(int)status}", 1, (_, n) => n + 1);
                        }
                    }
                }
                await Task.WhenAll(Enumerable.Range(0, clients).Select(n => Task.Run(() => LoopAsync(n))));
                return (requests, errors);
            }

            await RunPhaseAsync(TimeSpan.FromSeconds(10), null, null);   // warm-up: JIT, caches, connection pool
            var memory = new List<long>();
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    memory.Add(BenchmarkServer.ResidentBytes(server.Id));
                    try { await Task.Delay(1000, sampling.Token); } catch (TaskCanceledException) { }
                }
            });
            var latencies = new ConcurrentDictionary<string, ConcurrentBag<double>>();
            var failures = new ConcurrentDictionary<string, int>();
            var (total, errors) = await RunPhaseAsync(TimeSpan.FromSeconds(seconds), latencies, failures);
            await sampling.CancelAsync();
            await sampler;

            static double Mb(double bytes) => bytes / 1024 / 1024;
            var tenth = Math.Max(1, memory.Count / 10);
            var early = memory.Take(tenth * 2).Average();
            var late = memory.Skip(memory.Count - tenth * 2).Average();
            Console.WriteLine($"Load benchmark: {clients} clients for {seconds} s (after 10 s warm-up), load average {Machine.LoadAverage()}, {Environment.ProcessorCount} cores");
            Console.WriteLine($"  {total} requests, {total / (double)seconds:F1}/s, errors {errors}{(failures.IsEmpty ? "" : " (" + string.Join(", ", failures.Select(f => $"{f.Key}×{f.Value}")) + ")")}");
            foreach (var (kind, values) in latencies.OrderBy(k => k.Key))
                Console.WriteLine($"  {kind,-7} {values.Count,6} requests   p50 {Machine.Percentile(values, 0.5),8:F1} ms   p95 {Machine.Percentile(values, 0.95),8:F1} ms");
            Console.WriteLine($"  server working set: first fifth {Mb(early):F0} MB, last fifth {Mb(late):F0} MB, max {Mb(memory.Max()):F0} MB ({memory.Count} samples)");
            var stable = late <= early * 1.2;
            Console.WriteLine($"  errors {errors} (target 0); working set {(stable ? "stable" : "growing")} (last fifth within 20% of the first)");
            return errors == 0 && stable ? 0 : 1;
        });
    }
}
