using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ProjectPortfolio.Benchmarks;

/// <summary>Concurrent writers on one SQLite database through the real server: each creates members of its own
/// (uncontended saves) and, one loop in four, adds a milestone to one project that every writer shares (contended:
/// a stale version is a 409, read again and retried). Afterwards every write answered 2xx is read back, once.
/// Targets (issue 7): no busy/locked error reaching a user (no 5xx), no lost update, save p95 under 50 ms.</summary>
internal static class WritesBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var writers = args.Length > 0 && int.TryParse(args[0], out var w) ? w : 20;
        var seconds = args.Length > 1 && int.TryParse(args[1], out var s) ? s : 120;
        // The server's Database:SqliteSynchronous (docs/adr/0018): full (the default) or normal.
        var synchronous = args.Length > 2 ? args[2].ToLowerInvariant() : "full";
        if (synchronous is not ("full" or "normal"))
        {
            Console.Error.WriteLine("Usage: -- writes [writers] [seconds] [full|normal]");
            return 2;
        }
        return await BenchmarkServer.RunAsync("writes", async (address, server) =>
        {
            server.Refresh();
            var cpuBefore = server.TotalProcessorTime;
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = writers };
            using var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await BenchmarkServer.BearerAsync(http));
            var shared = (string)(await http.GetFromJsonAsync<JsonNode>("/api/projects/?pageSize=1"))!["items"]![0]!["id"]!;
            var milestonesBefore = (await http.GetFromJsonAsync<JsonNode>($"/api/projects/{shared}"))!["milestones"]!.AsArray().Count;

            var members = new ConcurrentBag<string>();
            var milestones = new ConcurrentBag<string>();
            var saves = new ConcurrentBag<double>();
            var contended = new ConcurrentBag<double>();
            var statuses = new ConcurrentDictionary<int, int>();
            var clock = Stopwatch.StartNew();
            var duration = TimeSpan.FromSeconds(seconds);

            async Task<HttpStatusCode> TimedAsync(Func<Task<HttpResponseMessage>> send, ConcurrentBag<double> into)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await send();
                into.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                return response.StatusCode;
            }

            async Task WriteAsync(int writer)
            {
                for (var n = 0; clock.Elapsed < duration; n++)
                {
                    var code = $"W{writer:D2}-{n:D5}";
                    if (await TimedAsync(() => http.PostAsJsonAsync("/api/members", new { code, name = "Ville " + code, kind = "City", country = "SN" }), saves)
                        is HttpStatusCode.Created or HttpStatusCode.OK)
                        members.Add(code);
                    if (n % 4 != 0) continue;
                    var version = (int)(await http.GetFromJsonAsync<JsonNode>($"/api/projects/{shared}"))!["version"]!;
                    if (await TimedAsync(() => http.PostAsJsonAsync($"/api/projects/{shared}/milestones",
                            new { version, title = "Jalon " + code, plannedDate = "2027-06-30" }), contended) is HttpStatusCode.Created or HttpStatusCode.OK)
                        milestones.Add("Jalon " + code);
                }
            }

            await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(() => WriteAsync(i))));
            var elapsed = clock.Elapsed;
            server.Refresh();
            var serverCpu = server.TotalProcessorTime - cpuBefore;

            // Read back: every acknowledged member and milestone is stored, and nothing else was added to the project.
            var storedMembers = new HashSet<string>();
            for (var page = 1; ; page++)
            {
                var items = (await http.GetFromJsonAsync<JsonNode>($"/api/members?q=W&pageSize=100&page={page}"))!["items"]!.AsArray();
                foreach (var item in items) storedMembers.Add((string)item!["code"]!);
                if (items.Count < 100) break;
            }
            var storedMilestones = (await http.GetFromJsonAsync<JsonNode>($"/api/projects/{shared}"))!["milestones"]!.AsArray()
                .Select(m => (string)m!["title"]!).ToList();
            var lostMembers = members.Count(code => !storedMembers.Contains(code));
            var lostMilestones = milestones.Count(title => storedMilestones.Count(t => t == title) != 1);
            var unexpected = storedMilestones.Count - milestonesBefore - milestones.Count;
            var serverErrors = statuses.Where(kv => kv.Key >= 500).Sum(kv => kv.Value);

            var all = saves.Concat(contended).ToList();
            Console.WriteLine($"Writes benchmark: {writers} writers for {elapsed.TotalSeconds:F0} s on SQLite (synchronous={synchronous.ToUpperInvariant()}), load average {Machine.LoadAverage()}, {Environment.ProcessorCount} cores; server CPU {serverCpu.TotalSeconds:F1} s");
            Console.WriteLine($"  answers: {string.Join(", ", statuses.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}×{kv.Value}"))}");
            Console.WriteLine($"  member creations (uncontended): {saves.Count} saves, {saves.Count / elapsed.TotalSeconds:F1}/s, p50 {Machine.Percentile(saves, 0.5):F1} ms, p95 {Machine.Percentile(saves, 0.95):F1} ms");
            Console.WriteLine($"  milestones on one shared project: {contended.Count} attempts, {milestones.Count} saved, p50 {Machine.Percentile(contended, 0.5):F1} ms, p95 {Machine.Percentile(contended, 0.95):F1} ms");
            Console.WriteLine($"  all saves: p95 {Machine.Percentile(all, 0.95):F1} ms (target < 50 ms)");
            Console.WriteLine($"  5xx (busy/locked or other): {serverErrors} (target 0); lost: {lostMembers} members, {lostMilestones} milestones; unexpected milestones: {unexpected} (targets 0)");
            var met = serverErrors == 0 && lostMembers == 0 && lostMilestones == 0 && unexpected == 0 && Machine.Percentile(all, 0.95) < 50;
            return met ? 0 : 1;
        }, settings: new Dictionary<string, string> { ["Database__SqliteSynchronous"] = synchronous });
    }
}
