using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ProjectPortfolio.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public string? RequestId { get; private set; }

    /// <summary>Set when the page is shown for a page request that ended in an error status without a body
    /// (UseStatusCodePagesWithReExecute): a 404 says "not found", not "an error occurred".</summary>
    [BindProperty(SupportsGet = true)] public int? Status { get; set; }

    public bool IsNotFound => Status == StatusCodes.Status404NotFound;

    public void OnGet() => RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;

    public void OnPost() => OnGet();
}
