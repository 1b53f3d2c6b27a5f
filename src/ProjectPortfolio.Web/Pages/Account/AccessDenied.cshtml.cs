using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProjectPortfolio.Domain.Auditing;
using ProjectPortfolio.Infrastructure.Persistence;

namespace ProjectPortfolio.Web.Pages.Account;

/// <summary>Where a page's authorization policy sends a signed-in user it refuses; the refusal is audited here
/// (the page itself answers 200, so the 403 recorder in the pipeline does not count it twice).</summary>
public class AccessDeniedModel(SecurityAuditLog audit) : PageModel
{
    public async Task OnGetAsync(string? returnUrl)
    {
        // Anyone may open this page; only a refusal of a signed-in user is an event worth keeping.
        if (User.Identity?.IsAuthenticated != true) return;
        var target = string.IsNullOrEmpty(returnUrl) ? "(page)" : returnUrl;
        await audit.RecordAsync(AuditAction.AccessDenied, User.FindFirstValue(ClaimTypes.NameIdentifier), User.Identity?.Name, "GET " + target);
    }
}
