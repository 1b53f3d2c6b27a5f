using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Application.Projects;

public static class ProjectScope
{
    /// <summary>The projects a user may see. Staff and Bureau members see the portfolio; a donor sees what its
    /// partner co-finances; an applicant city sees the projects it leads or takes part in. Every query that
    /// lists or opens projects goes through here, so screens, API and exports agree.</summary>
    public static IQueryable<Project> VisibleTo(this IQueryable<Project> projects, ICurrentUser user)
    {
        if (SeesEverything(user))
            return projects;
        if (user.IsInRole(Roles.Donor) && user.PartnerId is { } partnerId)
            return projects.CoFinancedBy(partnerId);
        if (user.IsInRole(Roles.Applicant) && user.MemberId is { } memberId)
            return projects.Where(p => p.LeadMemberId == memberId || p.PartnerMembers.Any(m => m.MemberId == memberId));
        return projects.Where(_ => false);
    }

    /// <summary>Whether <see cref="VisibleTo"/> gives the user every project: staff and Bureau members.</summary>
    public static bool SeesEverything(ICurrentUser user) =>
        user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.ProgrammeOfficer) || user.IsInRole(Roles.BureauMember);

    /// <summary>The projects a partner's donor account sees: those it co-finances.</summary>
    public static IQueryable<Project> CoFinancedBy(this IQueryable<Project> projects, Guid partnerId) =>
        projects.Where(p => p.CoFinancing.Any(c => c.PartnerId == partnerId));
}
