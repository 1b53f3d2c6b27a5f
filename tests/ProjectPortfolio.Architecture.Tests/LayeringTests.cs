using System.Reflection;

namespace ProjectPortfolio.Architecture.Tests;

/// <summary>Keeps the dependency rule: Domain depends on nothing, Application on Domain (and its few
/// packages), never on Infrastructure or Web; Infrastructure never on Web.</summary>
public class LayeringTests
{
    private static readonly Assembly Domain = typeof(ProjectPortfolio.Domain.Common.Entity).Assembly;
    private static readonly Assembly Application = typeof(ProjectPortfolio.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(ProjectPortfolio.Infrastructure.DependencyInjection).Assembly;

    private static string[] References(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

    [Test]
    public void Domain_references_only_the_base_class_library()
    {
        var allowed = new[] { "System.Runtime", "System.Collections", "System.Linq", "System.Text.RegularExpressions", "netstandard", "mscorlib", "System.Private.CoreLib", "System.Memory" };
        Assert.That(References(Domain).Where(r => !allowed.Contains(r)), Is.Empty);
    }

    [Test]
    public void Application_does_not_reference_infrastructure_or_web()
    {
        var references = References(Application);
        Assert.That(references, Has.None.StartsWith("ProjectPortfolio.Infrastructure"));
        Assert.That(references, Has.None.StartsWith("ProjectPortfolio.Web"));
        Assert.That(references, Has.None.StartsWith("Microsoft.AspNetCore"));
        Assert.That(references, Has.None.StartsWith("Microsoft.EntityFrameworkCore.Sqlite"));
    }

    [Test]
    public void Only_infrastructure_knows_the_PDF_library()
    {
        var web = typeof(ProjectPortfolio.Web.WebApp).Assembly;
        Assert.That(References(Application), Has.None.StartsWith("PdfSharp"));
        Assert.That(References(web), Has.None.StartsWith("PdfSharp"));
        Assert.That(References(Infrastructure), Has.Some.StartsWith("PdfSharp"));
    }

    [Test]
    public void Only_infrastructure_knows_the_Open_XML_library()
    {
        var web = typeof(ProjectPortfolio.Web.WebApp).Assembly;
        Assert.That(References(Domain), Has.None.StartsWith("DocumentFormat.OpenXml"));
        Assert.That(References(Application), Has.None.StartsWith("DocumentFormat.OpenXml"));
        Assert.That(References(web), Has.None.StartsWith("DocumentFormat.OpenXml"));
        Assert.That(References(Infrastructure), Has.Some.StartsWith("DocumentFormat.OpenXml"));
    }

    [Test]
    public void Infrastructure_does_not_reference_web() =>
        Assert.That(References(Infrastructure), Has.None.StartsWith("ProjectPortfolio.Web"));

    [Test]
    public void Domain_entities_expose_no_public_setters()
    {
        var leaks = Domain.GetTypes()
            .Where(t => t.Namespace?.StartsWith("ProjectPortfolio.Domain", StringComparison.Ordinal) == true && t.IsClass)
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(p => p.SetMethod?.IsPublic == true && !p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit"))
                .Select(p => $"{t.Name}.{p.Name}"))
            .ToList();
        Assert.That(leaks, Is.Empty);
    }
}
