using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Domain.Applications;

namespace ProjectPortfolio.Application.Applications;

public static class ApplicationScope
{
    /// <summary>Officers, administrators and Bureau members see every application; an applicant city sees its own;
    /// donors see none (they follow projects, not requests).</summary>
    public static IQueryable<GrantApplication> VisibleTo(this IQueryable<GrantApplication> applications, ICurrentUser user)
    {
        if (user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.ProgrammeOfficer) || user.IsInRole(Roles.BureauMember))
            return applications;
        if (user.IsInRole(Roles.Applicant) && user.MemberId is { } memberId)
            return applications.Where(a => a.ApplicantMemberId == memberId);
        return applications.Where(_ => false);
    }
}
