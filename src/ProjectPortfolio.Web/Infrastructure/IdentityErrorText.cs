using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace ProjectPortfolio.Web.Infrastructure;

/// <summary>Identity's refusals (password rules, duplicate email...) in the user's language: "Identity.{Code}" in
/// the resx when it is there, else Identity's own English description.</summary>
public static class IdentityErrorText
{
    public static string Translate(IStringLocalizer localizer, IdentityError error)
    {
        var text = localizer["Identity." + error.Code];
        return text.ResourceNotFound ? error.Description : text.Value;
    }
}
