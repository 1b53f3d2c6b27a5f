using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ProjectPortfolio.Infrastructure.Identity;

/// <summary>Adds to the sign-in the partner (donors) or member city (applicants) an account belongs to, so
/// that every request knows which slice of the portfolio the user may see without another query.</summary>
public class PortfolioClaimsFactory(UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    public const string PartnerClaim = "portfolio:partner";
    public const string MemberClaim = "portfolio:member";
    public const string DisplayNameClaim = "portfolio:name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        if (user.PartnerId is { } partner) identity.AddClaim(new Claim(PartnerClaim, partner.ToString()));
        if (user.MemberId is { } member) identity.AddClaim(new Claim(MemberClaim, member.ToString()));
        return identity;
    }
}
