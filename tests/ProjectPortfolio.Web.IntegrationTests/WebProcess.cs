using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ProjectPortfolio.Web.IntegrationTests;

/// <summary>The built web application in an operating-system process of its own (<c>dotnet ProjectPortfolio.Web.dll
/// --urls http://127.0.0.1:port</c>), configured by environment variables as a deployment is, for the tests that need
/// what an in-process server cannot give: a SIGKILL (CrashSafetyTests), two nodes that share nothing but the database
/// (SeveralProcessesTests). Disposing it kills the process tree; its output is kept for the failure messages.</summary>
public sealed class WebProcess : IAsyncDisposable
{
    /// <summary>Generous: a first start on PostgreSQL migrates, loads the sample portfolio and hashes six demo
    /// passwords, and CI's two cores are shared with other builds.</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The last lines kept of the process's output: enough for the start-up and the error, not a whole run.</summary>
    private const int KeptLines = 300;

    private readonly ConcurrentQueue<string> _output = new();
    private bool _disposed;

    private WebProcess(string name, Process process, Uri address)
    {
        Name = name;
        Process = process;
        Address = address;
    }

    /// <summary>A name for the messages ("A", "B", "restarted").</summary>
    public string Name { get; }

    public Process Process { get; }

    public Uri Address { get; }

    /// <summary>The kept standard output and error of the process, interleaved as they arrived.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>Starts the application with these environment variables (on top of the test's own) and returns once
    /// <c>GET /health</c> answers 200, which is after the start-up migration and seed: the host listens only then.
    /// Fails the test, with the process's output, if it stops or does not answer within <see cref="ReadyTimeout"/>.</summary>
    public static async Task<WebProcess> StartAsync(string name, IReadOnlyDictionary<string, string> environment)
    {
        var dll = WebAssembly();
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", address.ToString()])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var node = new WebProcess(name, Process.Start(start)!, address);
        node.Process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        node.Process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        node.Process.BeginOutputReadLine();
        node.Process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ReadyTimeout)
        {
            if (node.Process.HasExited)
            {
                await node.Process.WaitForExitAsync(); // the last lines of output
                var message = $"Process {name} stopped at start (exit code {node.Process.ExitCode}).{node.Describe()}";
                await node.DisposeAsync();
                Assert.Fail(message);
            }
            try
            {
                if ((await probe.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    TestContext.Progress.WriteLine($"Process {name} ({address}) ready in {clock.Elapsed.TotalSeconds:F1} s.");
                    return node;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        await node.DisposeAsync();
        Assert.Fail($"Process {name} did not answer /health within {ReadyTimeout.TotalSeconds:F0} seconds.{node.Describe()}");
        throw new UnreachableException();
    }

    /// <summary>SIGKILL (Process.Kill on Linux) of the process and its children: no shutdown, nothing flushed.</summary>
    public async Task KillAsync()
    {
        try
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { } // it ended between the check and the kill
        await Process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await KillAsync();
        Process.Dispose();
    }

    /// <summary>The process's address and output, for a failure message.</summary>
    public string Describe() =>
        $"{Environment.NewLine}--- output of process {Name} ({Address}), last {KeptLines} lines at most ---{Environment.NewLine}{Output}";

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > KeptLines) _output.TryDequeue(out _);
    }

    /// <summary>The web application's own build output, next to this test's (same configuration and framework).</summary>
    public static string WebAssembly()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ProjectPortfolio.sln"))) root = root.Parent;
        var dll = Path.Combine(root!.FullName, "src", "ProjectPortfolio.Web", "bin", configuration, framework, "ProjectPortfolio.Web.dll");
        Assert.That(File.Exists(dll), Is.True, $"Build the solution first: {dll} is missing.");
        return dll;
    }

    /// <summary>A port free now; another program could take it before the process binds it, which the start would
    /// then report (the process stops: address in use).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
