using System.Diagnostics;

namespace ProjectPortfolio.Testing;

/// <summary>Reads PDFs back with poppler's command-line tools (Debian package poppler-utils): what a reader's
/// PDF viewer would extract, not what we think we wrote. Outside CI a machine without them skips these tests
/// with the reason; in CI (CI=true) their absence fails the test, since .ci/run installs them.</summary>
public static class PdfText
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void RequireTool(string tool = "pdftotext")
    {
        if (Find(tool) is not null) return;
        var reason = $"{tool} (Debian package poppler-utils) is not installed: the PDF is not read back.";
        if (IsCi) Assert.Fail(reason + " CI must install it (.ci/run).");
        Assert.Ignore(reason);
    }

    /// <summary>The text of the PDF with its layout kept ("pdftotext -layout"); pages are separated by form feeds.</summary>
    public static async Task<string> ExtractAsync(byte[] pdf)
    {
        RequireTool();
        var file = Path.Combine(Path.GetTempPath(), "portfolio-" + Guid.NewGuid().ToString("N") + ".pdf");
        try
        {
            await File.WriteAllBytesAsync(file, pdf);
            return await RunAsync("pdftotext", "-layout", "-enc", "UTF-8", file, "-");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>One string per page.</summary>
    public static string[] Pages(string text) => text.TrimEnd('\f').Split('\f');

    /// <summary>Collapses every kind of space (pdftotext may write the narrow no-break space of French amounts as a
    /// plain space, or keep it) so that "250 000,00 €" matches however it was extracted.</summary>
    public static string NormaliseSpaces(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"[\s\u00A0\u202F]+", " ");

    /// <summary>Every word with its box in points from the page's top left ("pdftotext -bbox"): to check that nothing
    /// is drawn past the margins.</summary>
    public static async Task<IReadOnlyList<WordBox>> BoundingBoxesAsync(byte[] pdf)
    {
        RequireTool();
        var file = Path.Combine(Path.GetTempPath(), "portfolio-" + Guid.NewGuid().ToString("N") + ".pdf");
        try
        {
            await File.WriteAllBytesAsync(file, pdf);
            var html = await RunAsync("pdftotext", "-bbox", "-enc", "UTF-8", file, "-");
            static double Number(System.Text.RegularExpressions.Match m, string name) =>
                double.Parse(m.Groups[name].Value, System.Globalization.CultureInfo.InvariantCulture);
            return System.Text.RegularExpressions.Regex.Matches(html,
                    "<word xMin=\"(?<x0>[0-9.]+)\" yMin=\"(?<y0>[0-9.]+)\" xMax=\"(?<x1>[0-9.]+)\" yMax=\"(?<y1>[0-9.]+)\">(?<w>[^<]*)</word>")
                .Select(m => new WordBox(System.Net.WebUtility.HtmlDecode(m.Groups["w"].Value), Number(m, "x0"), Number(m, "y0"), Number(m, "x1"), Number(m, "y1")))
                .ToList();
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Renders pages to PNG ("pdftoppm -png -r 80"), for looking at them; returns the files.</summary>
    public static async Task<string[]> RenderAsync(byte[] pdf, string outputPrefix, int resolution = 80)
    {
        RequireTool("pdftoppm");
        var file = outputPrefix + ".pdf";
        await File.WriteAllBytesAsync(file, pdf);
        await RunAsync("pdftoppm", "-png", "-r", resolution.ToString(System.Globalization.CultureInfo.InvariantCulture), file, outputPrefix);
        var directory = Path.GetDirectoryName(Path.GetFullPath(outputPrefix))!;
        return Directory.GetFiles(directory, Path.GetFileName(outputPrefix) + "-*.png").Order(StringComparer.Ordinal).ToArray();
    }

    private static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, tool)).FirstOrDefault(File.Exists);

    private static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.StandardOutputEncoding = System.Text.Encoding.UTF8;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await error}");
        return await output;
    }
}

public sealed record WordBox(string Word, double XMin, double YMin, double XMax, double YMax);
