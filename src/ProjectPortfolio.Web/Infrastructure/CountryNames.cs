using ProjectPortfolio.Domain.Common;
using Names = ProjectPortfolio.Application.Common.Formatting.CountryNames;

namespace ProjectPortfolio.Web.Infrastructure;

/// <summary>Country names in the reader's language (the table is in Application, shared with the PDF reports).</summary>
public static class CountryNames
{
    public static string Get(string? code) => Names.Get(code, Format.IsEnglish);

    /// <summary>Every valid code, named and sorted for a drop-down list.</summary>
    public static IEnumerable<(string Code, string Name)> All() =>
        Countries.All.Select(c => (c, Get(c))).OrderBy(c => Names.IsNamed(c.c) ? 0 : 1).ThenBy(c => c.Item2, StringComparer.CurrentCulture);
}
