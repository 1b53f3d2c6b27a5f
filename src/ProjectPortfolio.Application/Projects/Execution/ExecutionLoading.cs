using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Application.Projects.Execution;

/// <summary>What every execution use case starts with: the project with the parts its rules look at, visible to
/// the user, at the version the user read (a different one means someone saved meanwhile: 409, nothing saved).</summary>
internal static class ExecutionLoading
{
    public static async Task<Project> LoadForExecutionAsync(this IApplicationDbContext db, ICurrentUser user, Guid projectId, int version,
        CancellationToken cancellationToken)
    {
        var project = await db.Projects.VisibleTo(user)
            .Include(p => p.Milestones)
            .Include(p => p.Tranches).ThenInclude(t => t.Conditions)
            .Include(p => p.CoFinancing)
            .Include(p => p.Targets)
            .SingleOrDefaultAsync(p => p.Id == projectId, cancellationToken)
            ?? throw new NotFoundException("Project", projectId);
        if (project.Version != version) throw ConflictException.Stale(project);
        return project;
    }

    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
