using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Domain.Applications;

namespace ProjectPortfolio.Application.BureauSessions;

/// <summary>Puts applications on a session's agenda: the ones named, or, when none is named, every screened,
/// recommended or not-recommended application and every deferred one (deferred requests come back on the next
/// session's agenda), except those already on this session's agenda: one deferred in this very session waits for
/// the next one, and one decided here is done.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record ScheduleApplicationsCommand(Guid SessionId, IReadOnlyList<Guid>? ApplicationIds) : IRequest<int>;

public class ScheduleApplicationsHandler(IApplicationDbContext db) : IRequestHandler<ScheduleApplicationsCommand, int>
{
    private static readonly ApplicationStatus[] Schedulable =
        [ApplicationStatus.Screened, ApplicationStatus.Recommended, ApplicationStatus.NotRecommended, ApplicationStatus.Deferred];

    public async Task<int> Handle(ScheduleApplicationsCommand request, CancellationToken cancellationToken)
    {
        var session = await db.BureauSessions.Include(s => s.Agenda).SingleOrDefaultAsync(s => s.Id == request.SessionId, cancellationToken)
            ?? throw new NotFoundException("Bureau session", request.SessionId);
        var query = db.GrantApplications.AsQueryable();
        query = request.ApplicationIds is { Count: > 0 } ids
            ? query.Where(a => ids.Contains(a.Id))
            : query.Where(a => Schedulable.Contains(a.Status));
        var applications = await query.OrderBy(a => a.Reference).ToListAsync(cancellationToken);
        if (request.ApplicationIds is { Count: > 0 } named && applications.Count != named.Distinct().Count())
            throw new NotFoundException("Application", string.Join(", ", named.Except(applications.Select(a => a.Id))));
        if (request.ApplicationIds is not { Count: > 0 })
            applications = applications.Where(a => !session.IsOnAgenda(a.Id)).ToList();
        foreach (var application in applications) session.PlaceOnAgenda(application);
        await db.SaveChangesAsync(cancellationToken);
        return applications.Count;
    }
}
