using MediatR;
using ProjectPortfolio.Application.Common.Security;

namespace ProjectPortfolio.Architecture.Tests;

/// <summary>The authorisation behaviour lets through any request that carries no [Authorize]: a use case added
/// without one would answer anonymous callers (and the command line) without a check. So every request
/// declares it, even when any signed-in user may send it and the handler scopes the data.</summary>
public class AuthorizationTests
{
    /// <summary>Requests that may run with nobody signed in. Keep it empty unless there is no other way (sign-in
    /// itself is done by ASP.NET Core Identity, not through a request), and say why next to each entry.</summary>
    private static readonly Type[] AllowedAnonymous = [];

    [Test]
    public void Every_request_of_the_application_declares_who_may_send_it()
    {
        var application = typeof(ProjectPortfolio.Application.DependencyInjection).Assembly;
        var requests = application.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IBaseRequest).IsAssignableFrom(t))
            .ToList();
        Assert.That(requests, Has.Count.GreaterThan(40), "the scan finds the application's requests");

        var unguarded = requests
            .Where(t => !t.IsDefined(typeof(AuthorizeAttribute), inherit: true) && !AllowedAnonymous.Contains(t))
            .Select(t => t.FullName)
            .Order()
            .ToList();
        Assert.That(unguarded, Is.Empty,
            "add [Authorize(...)] with the roles that may send it ([Authorize] alone: any signed-in user, the handler scoping the data), " +
            "then add it to the permission matrix in docs/security.md");
    }

    [Test]
    public void Roles_named_in_attributes_exist()
    {
        var application = typeof(ProjectPortfolio.Application.DependencyInjection).Assembly;
        var unknown = application.GetTypes()
            .SelectMany(t => t.GetCustomAttributes(typeof(AuthorizeAttribute), inherit: true).Cast<AuthorizeAttribute>()
                .SelectMany(a => a.Roles).Where(r => !Roles.All.Contains(r)).Select(r => $"{t.Name}: {r}"))
            .ToList();
        Assert.That(unknown, Is.Empty);
    }
}
