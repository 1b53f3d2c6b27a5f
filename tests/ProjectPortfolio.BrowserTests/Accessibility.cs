using System.Text.Json;
using Microsoft.Playwright;

namespace ProjectPortfolio.BrowserTests;

/// <summary>Runs axe-core (npm package, installed by .ci/run with "npm ci") on a page and fails on any serious or
/// critical violation, listing each with the elements concerned.</summary>
public static class Accessibility
{
    private static readonly string AxePath = Path.Combine(BrowserFixture.RepositoryRoot, "tests", "ProjectPortfolio.BrowserTests", "node_modules", "axe-core", "axe.min.js");

    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        if (!File.Exists(AxePath))
        {
            var reason = $"axe-core is not installed ({AxePath}): run \"npm ci\" in tests/ProjectPortfolio.BrowserTests.";
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(reason);
            Assert.Warn(reason);
            return;
        }
        Assert.That(await SeriousViolationsAsync(page), Is.Empty, $"axe-core on {page.Url}");
    }

    public static bool IsInstalled => File.Exists(AxePath);

    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(AxePath));

    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        // Evaluated through the debugging protocol rather than added as a <script> tag: the pages' content security
        // policy rightly refuses inline scripts, and the check must not need the policy turned off.
        if (await page.EvaluateAsync<bool>("() => typeof axe === 'undefined'"))
            await page.EvaluateAsync(AxeSource.Value);
        var json = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')" +
            ".map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }))");
        var violations = json.EnumerateArray()
            .Select(v => $"{v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()}: {v.GetProperty("help").GetString()} " +
                         $"[{string.Join(" | ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()))}]")
            .ToList();
        return violations;
    }
}
