using System.Globalization;
using System.Security.Claims;
using ProjectPortfolio.Application.Common.Security;

namespace ProjectPortfolio.Web.Infrastructure;

/// <summary>The "History" section of the project and application pages: who sees it (the same roles as
/// <see cref="Application.Auditing.GetRecordHistoryQuery"/> declares), how many entries a page shows, and the page
/// number in the address ("?history=2#history": "page" is Razor Pages' own route key).</summary>
public static class RecordHistory
{
    public const int PageSize = 10;
    public const string PageKey = "history";

    public static bool IsVisibleTo(ClaimsPrincipal user) => user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.ProgrammeOfficer);

    public static int PageOf(HttpRequest request) =>
        int.TryParse(request.Query[PageKey], NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0 ? page : 1;

    public static string Url(string path, int page) =>
        page <= 1 ? path + "#history" : $"{path}?{PageKey}={page.ToString(CultureInfo.InvariantCulture)}#history";

    /// <summary>The administrators' log filtered on the record (its own entries and its parts').</summary>
    public static string LogUrl(Guid id) => "/admin/audit?entity=" + id.ToString();
}
