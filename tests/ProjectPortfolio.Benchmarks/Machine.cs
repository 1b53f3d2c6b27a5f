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

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
