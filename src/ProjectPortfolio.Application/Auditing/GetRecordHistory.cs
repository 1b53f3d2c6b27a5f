using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Models;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Domain.Applications;
using ProjectPortfolio.Domain.Auditing;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Application.Auditing;

/// <summary>The records whose history is shown on their page.</summary>
public enum AuditedRecord { Project, Application }

public sealed record AuditHistoryItem(DateTime AtUtc, string? UserName, AuditAction Action, string EntityType, IReadOnlyList<AuditFieldChange> Changes);

/// <summary>A record's history, newest first, a page at a time: the entries of the record itself and of its parts
/// (a project's milestones, tranches, co-financing lines, targets and measurements; an application's screening,
/// opinions and decision), found through <see cref="AuditEntry.AggregateId"/>. For programme officers and
/// administrators only (docs/security.md, "Audit trail"): the names of staff and the values of internal fields are
/// not for the Bureau, donors or applicants.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record GetRecordHistoryQuery(AuditedRecord Record, Guid Id, int Page = 1, int PageSize = 10) : IRequest<PaginatedList<AuditHistoryItem>>;

public sealed class GetRecordHistoryHandler(IApplicationDbContext db) : IRequestHandler<GetRecordHistoryQuery, PaginatedList<AuditHistoryItem>>
{
    private sealed record Row(DateTime AtUtc, string? UserName, AuditAction Action, string EntityType, string? Changes);

    public async Task<PaginatedList<AuditHistoryItem>> Handle(GetRecordHistoryQuery request, CancellationToken cancellationToken)
    {
        var (exists, type) = request.Record switch
        {
            AuditedRecord.Project => (await db.Projects.AnyAsync(p => p.Id == request.Id, cancellationToken), nameof(Project)),
            AuditedRecord.Application => (await db.GrantApplications.AnyAsync(a => a.Id == request.Id, cancellationToken), nameof(GrantApplication)),
            _ => (false, ""),
        };
        if (!exists) throw new NotFoundException(request.Record.ToString(), request.Id);

        var id = request.Id;
        var key = id.ToString();
        var rows = db.AuditEntries
            .Where(a => a.AggregateId == id || (a.EntityType == type && a.EntityId == key))
            .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
            .Select(a => new Row(a.AtUtc, a.UserName, a.Action, a.EntityType, a.Changes));
        var page = await PaginatedList<Row>.CreateAsync(rows, request.Page, request.PageSize, cancellationToken);
        var items = page.Items.Select(r => new AuditHistoryItem(DateTime.SpecifyKind(r.AtUtc, DateTimeKind.Utc), r.UserName, r.Action,
            r.EntityType, AuditChanges.Parse(r.Changes))).ToList();
        return new PaginatedList<AuditHistoryItem>(items, page.PageNumber, page.PageSize, page.TotalCount);
    }
}
