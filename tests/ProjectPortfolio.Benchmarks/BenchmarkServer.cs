using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ProjectPortfolio.Benchmarks;

/// <summary>The web application started from its Release build as a process of its own, for the benchmarks that go
/// through real HTTP (<c>pages</c>, <c>writes</c>).</summary>
internal static class BenchmarkServer
{
    public const string Password = "bench server password 2026";

    /// <summary>Starts the server on a throwaway folder, waits for it to answer, runs the measurement against its
    /// address (and process), and always stops it and removes the folder. Exit code 2 when the Release build is missing.
    /// <paramref name="database"/>: a database file (a generated d1 or d10) copied into the folder and served instead of
    /// a new one with the sample portfolio, so that the cached file is never changed. <paramref name="settings"/>: extra
    /// configuration for the server (environment variables, e.g. <c>Database__SqliteSynchronous</c>).</summary>
    public static async Task<int> RunAsync(string name, Func<Uri, Process, Task<int>> measure, string? database = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = WebAssembly();
        if (dll is null) return 2;
        var folder = Directory.CreateTempSubdirectory($"portfolio-{name}-bench-").FullName;
        if (database is not null)
        {
            // The cached file alone is not the database while its -wal holds commits (a migration applied by an earlier
            // run that exited with its connections open): a copy of the main file then still holds EF's migration lock
            // row, and the server waits for that lock forever. Checkpoint first, so that the main file is complete.
            BenchmarkDatabase.Checkpoint(database);
            File.Copy(database, Path.Combine(folder, "portfolio.db"));
        }
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        using var server = Start(dll, folder, address, settings);
        try
        {
            await WaitForHealthAsync(address, server);
            return await measure(address, server);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The web application's Release build, next to this program's.</summary>
    public static string? WebAssembly()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ProjectPortfolio.sln"))) root = root.Parent;
        var dll = root is null ? null : Path.Combine(root.FullName, "src", "ProjectPortfolio.Web", "bin", "Release", "net10.0", "ProjectPortfolio.Web.dll");
        if (dll is not null && File.Exists(dll)) return dll;
        Console.Error.WriteLine("Build the web application first: dotnet build -c Release src/ProjectPortfolio.Web");
        return null;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Production settings but a throwaway database with the sample portfolio, and the sign-in limits raised so
    /// that the benchmark's own sign-ins are never what is measured.</summary>
    public static Process Start(string dll, string folder, Uri address, IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", address.ToString()])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__Portfolio"] = $"Data Source={Path.Combine(folder, "portfolio.db")}";
        start.Environment["Demo__Password"] = Password;
        start.Environment["Attachments__Path"] = Path.Combine(folder, "attachments");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task WaitForHealthAsync(Uri address, Process server)
    {
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        for (var deadline = DateTime.UtcNow.AddSeconds(120); DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            if (server.HasExited) throw new InvalidOperationException($"The web application stopped at start (exit code {server.ExitCode}).");
            try
            {
                if ((await probe.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
        }
        throw new TimeoutException("The web application did not answer /health within 120 s.");
    }

    /// <summary>VmRSS of a process, from /proc (Linux), in bytes.</summary>
    public static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        return 0;
    }

    public static async Task<string> BearerAsync(HttpClient http)
    {
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { email = "officer@portfolio.local", password = Password });
        login.EnsureSuccessStatusCode();
        return (string)JsonNode.Parse(await login.Content.ReadAsStringAsync())!["accessToken"]!;
    }
}
