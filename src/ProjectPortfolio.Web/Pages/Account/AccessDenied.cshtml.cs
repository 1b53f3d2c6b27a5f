using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ProjectPortfolio.Web.Pages.Account;

public class AccessDeniedModel : PageModel
{
    public void OnGet() { }
}
