using System.Diagnostics;

namespace ProjectPortfolio.Benchmarks;

/// <summary>Readings of the machine a benchmark runs on, shared by the benchmarks so their reports compare.</summary>
internal static class Machine
{
    public static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The nearest-rank percentile (p in 0..1) of some timings, in any order; NaN when there are none.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}

/// <summary>What one measured piece of work cost the process: elapsed and CPU time, the extra peak working set, the
/// bytes allocated and the collections. Start it just before the work, <see cref="Stop"/> it just after.</summary>
internal sealed class ResourceWatch
{
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly long _baselineWorkingSet;
    private readonly long _allocatedBefore;
    private readonly int _gen0Before;
    private readonly int _gen1Before;
    private readonly int _gen2Before;
    private readonly TimeSpan _pauseBefore;
    private readonly TimeSpan _cpuBefore;
    private readonly Stopwatch _watch;

    private ResourceWatch()
    {
        // A clean heap first, so that the baseline is the resident set the work starts from.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        // The kernel keeps the peak resident set (VmHWM, which PeakWorkingSet64 reads on Linux); writing 5 to
        // clear_refs resets it to the current size, so the peak read afterwards is the peak of the work alone.
        PeakReset = Machine.TryResetPeak();
        _process.Refresh();
        _baselineWorkingSet = _process.WorkingSet64;
        _allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        _gen0Before = GC.CollectionCount(0);
        _gen1Before = GC.CollectionCount(1);
        _gen2Before = GC.CollectionCount(2);
        _pauseBefore = GC.GetTotalPauseDuration();
        _cpuBefore = _process.TotalProcessorTime;
        _watch = Stopwatch.StartNew();
    }

    public static ResourceWatch Start() => new();

    /// <summary>False when the peak could not be reset: the peak is then the process's since it started.</summary>
    public bool PeakReset { get; }
    public TimeSpan Elapsed { get; private set; }
    public TimeSpan Cpu { get; private set; }
    public long ExtraPeakWorkingSet { get; private set; }
    public long Allocated { get; private set; }
    public int Gen0Collections { get; private set; }
    public int Gen1Collections { get; private set; }
    public int Gen2Collections { get; private set; }
    /// <summary>The time the collector stopped the program (all collections, <see cref="GC.GetTotalPauseDuration"/>).</summary>
    public TimeSpan GcPause { get; private set; }

    public ResourceWatch Stop()
    {
        _watch.Stop();
        Elapsed = _watch.Elapsed;
        _process.Refresh();
        Cpu = _process.TotalProcessorTime - _cpuBefore;
        ExtraPeakWorkingSet = Math.Max(_process.PeakWorkingSet64, _process.WorkingSet64) - _baselineWorkingSet;
        Allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocatedBefore;
        Gen0Collections = GC.CollectionCount(0) - _gen0Before;
        Gen1Collections = GC.CollectionCount(1) - _gen1Before;
        Gen2Collections = GC.CollectionCount(2) - _gen2Before;
        GcPause = GC.GetTotalPauseDuration() - _pauseBefore;
        _process.Dispose();
        return this;
    }
}
