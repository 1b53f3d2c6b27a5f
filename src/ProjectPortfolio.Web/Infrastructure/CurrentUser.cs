using System.Security.Claims;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Infrastructure.Identity;

namespace ProjectPortfolio.Web.Infrastructure;

public sealed class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user : null;

    public string? Id => Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
    public string? Email => Principal?.FindFirstValue(ClaimTypes.Email) ?? Principal?.FindFirstValue(ClaimTypes.Name);
    public string? DisplayName => Principal?.FindFirstValue(PortfolioClaimsFactory.DisplayNameClaim) is { Length: > 0 } name ? name : Email;
    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;
    public Guid? PartnerId => Guid.TryParse(Principal?.FindFirstValue(PortfolioClaimsFactory.PartnerClaim), out var id) ? id : null;
    public Guid? MemberId => Guid.TryParse(Principal?.FindFirstValue(PortfolioClaimsFactory.MemberClaim), out var id) ? id : null;
}
