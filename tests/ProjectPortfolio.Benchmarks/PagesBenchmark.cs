using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ProjectPortfolio.Benchmarks;

/// <summary>The project page (Razor, signed in with the cookie) against the same project's JSON
/// (<c>GET /api/projects/{id}</c>, bearer token), on one real Kestrel server started from the Release build of the web
/// application, with the same load generator: <c>clients</c> concurrent loops for <c>seconds</c> each. Target: the page's
/// throughput at least 15% of the JSON's (issue 7).</summary>
internal static partial class PagesBenchmark
{
        public static async Task<int> RunAsync(string[] args)
    {
        var clients = args.Length > 0 && int.TryParse(args[0], out var c) ? c : 8;
        var seconds = args.Length > 1 && int.TryParse(args[1], out var s) ? s : 20;
        return await BenchmarkServer.RunAsync("pages", async (address, server) =>
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, UseCookies = false, AllowAutoRedirect = false };
            using var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };

            var token = await BenchmarkServer.BearerAsync(http);
            var cookie = await CookieAsync(http);
            var projects = JsonNode.Parse(await SendAsync(http, "/api/projects/?pageSize=20", token: token))!["items"]!.AsArray()
                .Select(p => (string)p!["id"]!).ToArray();

            // What is measured is the real page and the real record, not a sign-in page or an error answered 200.
            var code = (string)JsonNode.Parse(await SendAsync(http, $"/api/projects/{projects[0]}", token: token))!["code"]!;
            using (var check = await http.SendAsync(Request($"/Projects/Details/{projects[0]}", cookie: cookie)))
            {
                var html = await check.Content.ReadAsStringAsync();
                if (check.StatusCode != HttpStatusCode.OK || !html.Contains(code, StringComparison.Ordinal) || !html.Contains("</html>", StringComparison.Ordinal))
                    throw new InvalidOperationException($"The project page did not show {code}: {(int)check.StatusCode}.");
                Console.WriteLine($"Project page checked: {code}, {html.Length:N0} characters of HTML.");
            }

            // The same rotation of projects for both, warm first.
            var json = new Target("JSON  GET /api/projects/{id}", i => Request($"/api/projects/{projects[i % projects.Length]}", token: token));
            var page = new Target("Page  GET /Projects/Details/{id}", i => Request($"/Projects/Details/{projects[i % projects.Length]}", cookie: cookie));
            foreach (var target in new[] { json, page }) await LoadAsync(http, target, clients, TimeSpan.FromSeconds(3));

            var results = new List<(Target Target, Result Result)>();
            foreach (var target in new[] { json, page, json, page })
                results.Add((target, await LoadAsync(http, target, clients, TimeSpan.FromSeconds(seconds / 2.0))));

            Console.WriteLine($"Pages benchmark: {clients} clients, {seconds} s per target in two alternating halves, load average {Machine.LoadAverage()}, {Environment.ProcessorCount} cores");
            double Throughput(Target t) => results.Where(r => r.Target == t).Sum(r => r.Result.Requests) / results.Where(r => r.Target == t).Sum(r => r.Result.Elapsed.TotalSeconds);
            foreach (var target in new[] { json, page })
            {
                var all = results.Where(r => r.Target == target).SelectMany(r => r.Result.Latencies).Order().ToList();
                var errors = results.Where(r => r.Target == target).Sum(r => r.Result.Errors);
                Console.WriteLine($"  {target.Name,-34} {Throughput(target),8:F1} req/s   p50 {Machine.Percentile(all, 0.50),7:F1} ms   p95 {Machine.Percentile(all, 0.95),7:F1} ms   errors {errors}");
            }
            var ratio = Throughput(page) / Throughput(json);
            var totalErrors = results.Sum(r => r.Result.Errors);
            Console.WriteLine($"  page / JSON throughput: {ratio:P1} (target ≥ 15%){(totalErrors > 0 ? $", {totalErrors} errors" : "")}");
            return ratio >= 0.15 && totalErrors == 0 ? 0 : 1;
        });
    }

    private sealed record Target(string Name, Func<int, HttpRequestMessage> Build);

    private sealed record Result(int Requests, int Errors, TimeSpan Elapsed, List<double> Latencies);

    private static async Task<Result> LoadAsync(HttpClient http, Target target, int clients, TimeSpan duration)
    {
        var latencies = new List<double>();
        var errors = 0;
        var next = 0;
        var clock = Stopwatch.StartNew();
        async Task LoopAsync()
        {
            var mine = new List<double>();
            while (clock.Elapsed < duration)
            {
                using var request = target.Build(Interlocked.Increment(ref next));
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request);
                    await response.Content.CopyToAsync(Stream.Null);
                    if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
                }
                catch (HttpRequestException) { Interlocked.Increment(ref errors); }
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            lock (latencies) latencies.AddRange(mine);
        }
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(LoopAsync)));
        return new Result(latencies.Count, errors, clock.Elapsed, latencies);
    }

    private static HttpRequestMessage Request(string url, string? token = null, string? cookie = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return request;
    }

    private static async Task<string> SendAsync(HttpClient http, string url, string? token = null)
    {
        using var response = await http.SendAsync(Request(url, token));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Signs in through the sign-in page, as a browser does: its antiforgery cookie and token, then the form.</summary>
    private static async Task<string> CookieAsync(HttpClient http)
    {
        using var form = await http.GetAsync("/Account/Login");
        var antiforgery = Cookies(form);
        var token = TokenField().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = "officer@portfolio.local", ["Input.Password"] = BenchmarkServer.Password, ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        using var signedIn = await http.SendAsync(post);
        if (signedIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in page answered {(int)signedIn.StatusCode}.");
        return antiforgery + "; " + Cookies(signedIn);
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

}
