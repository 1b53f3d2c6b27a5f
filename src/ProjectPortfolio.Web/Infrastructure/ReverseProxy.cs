using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ProjectPortfolio.Web.Infrastructure;

/// <summary>Nodes behind a reverse proxy (docs/operations.md, "Running several nodes"): the client's address and
/// scheme come from X-Forwarded-For and X-Forwarded-Proto, but only when the request comes from a proxy the settings
/// name (<c>ReverseProxy:KnownProxies</c>, addresses; <c>ReverseProxy:KnownNetworks</c>, CIDR ranges) or from this
/// machine (loopback, the framework's default). A header from anyone else is ignored: otherwise any client could
/// choose its own address and escape the per-address sign-in limit.</summary>
public static class ReverseProxy
{
    public const string Section = "ReverseProxy";

    public static IServiceCollection AddReverseProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection(Section + ":KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection(Section + ":KnownNetworks").Get<string[]>() ?? [];
        // Read now, so that a mistyped address stops the host with the value rather than silently trusting no one.
        var addresses = proxies.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => IPAddress.TryParse(p.Trim(), out var address)
            ? address
            : throw new InvalidOperationException($"{Section}:KnownProxies: \"{p}\" is not an IP address.")).ToList();
        var ranges = networks.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => System.Net.IPNetwork.TryParse(n.Trim(), out var range)
            ? range
            : throw new InvalidOperationException($"{Section}:KnownNetworks: \"{n}\" is not a CIDR range such as 10.0.0.0/24.")).ToList();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // One proxy in front of the nodes: the last address it appended is the client's.
            options.ForwardLimit = 1;
            foreach (var address in addresses) options.KnownProxies.Add(address);
            foreach (var range in ranges) options.KnownIPNetworks.Add(range);
        });
        return services;
    }
}
