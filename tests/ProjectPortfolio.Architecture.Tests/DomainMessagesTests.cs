using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ProjectPortfolio.Architecture.Tests;

/// <summary>Every business rule the domain can break reads in the user's language on the pages: each code thrown
/// in Domain has a French and an English message (its own, or the one for its reason on any field).</summary>
public partial class DomainMessagesTests
{
    [GeneratedRegex("""DomainException\(\s*\$?"(?<code>[^"]+)""")]
    private static partial Regex ThrownCode();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ProjectPortfolio.sln"))) return dir.FullName;
        throw new InvalidOperationException("ProjectPortfolio.sln not found above " + AppContext.BaseDirectory);
    }

    private static IEnumerable<string> CodesThrownByTheDomain()
    {
        var domain = Path.Combine(RepositoryRoot(), "src", "ProjectPortfolio.Domain");
        return Directory.EnumerateFiles(domain, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => ThrownCode().Matches(File.ReadAllText(f)).Select(m => m.Groups["code"].Value))
            .Distinct().Order();
    }

    [TestCase("SharedResource.resx")]
    [TestCase("SharedResource.en.resx")]
    public void Every_domain_rule_has_a_message_in_each_language(string resx)
    {
        var keys = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "ProjectPortfolio.Web", "Resources", resx))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
        var codes = CodesThrownByTheDomain().ToList();
        Assert.That(codes, Has.Count.GreaterThan(50), "the scan finds the domain's rules");

        var untranslated = codes.Where(code =>
        {
            var reason = code[code.IndexOf('.', StringComparison.Ordinal)..];
            return !(code.Contains('{', StringComparison.Ordinal) ? false : keys.Contains("Domain." + code)) && !keys.Contains("Domain.*" + reason);
        }).ToList();
        Assert.That(untranslated, Is.Empty, $"add Domain.<code> to {resx}");
    }
}
