using Microsoft.AspNetCore.Identity;

namespace ProjectPortfolio.Infrastructure.Identity;

public class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;
    /// <summary>For donor accounts: the partner whose co-financed projects the user may see.</summary>
    public Guid? PartnerId { get; set; }
    /// <summary>For applicant accounts: the member city the user speaks for.</summary>
    public Guid? MemberId { get; set; }
}
