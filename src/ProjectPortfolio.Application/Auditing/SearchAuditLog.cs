using FluentValidation;
using MediatR;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Models;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Domain.Auditing;

namespace ProjectPortfolio.Application.Auditing;

public sealed record AuditLogItem(Guid Id, DateTime AtUtc, string? UserName, AuditAction Action, string EntityType, string? EntityId,
    Guid? AggregateId, IReadOnlyList<AuditFieldChange> Changes);

/// <summary>The whole audit log for administrators: filtered (<see cref="IAuditFilter"/>), sorted (newest first by
/// default), a page at a time. Read only: nothing in the application edits or removes an entry.</summary>
[Authorize(Roles.Administrator)]
public sealed record SearchAuditLogQuery(
    DateOnly? From = null, DateOnly? To = null, string? User = null, string? Action = null, string? EntityType = null, string? Entity = null,
    string? Sort = null, int Page = 1, int PageSize = 50) : IRequest<PaginatedList<AuditLogItem>>, IAuditFilter;

public sealed class SearchAuditLogValidator : AuditFilterValidator<SearchAuditLogQuery>
{
    public SearchAuditLogValidator() => RuleFor(q => q.PageSize).InclusiveBetween(1, PaginatedList<AuditLogItem>.MaxPageSize);
}

public sealed class SearchAuditLogHandler(IApplicationDbContext db) : IRequestHandler<SearchAuditLogQuery, PaginatedList<AuditLogItem>>
{
    private sealed record Row(Guid Id, DateTime AtUtc, string? UserName, AuditAction Action, string EntityType, string? EntityId, Guid? AggregateId, string? Changes);

    public async Task<PaginatedList<AuditLogItem>> Handle(SearchAuditLogQuery request, CancellationToken cancellationToken)
    {
        var rows = db.AuditEntries.Filter(request).Sorted(request.Sort)
            .Select(a => new Row(a.Id, a.AtUtc, a.UserName, a.Action, a.EntityType, a.EntityId, a.AggregateId, a.Changes));
        var page = await PaginatedList<Row>.CreateAsync(rows, request.Page, request.PageSize, cancellationToken);
        var items = page.Items.Select(r => new AuditLogItem(r.Id, DateTime.SpecifyKind(r.AtUtc, DateTimeKind.Utc), r.UserName, r.Action,
            r.EntityType, r.EntityId, r.AggregateId, AuditChanges.Parse(r.Changes))).ToList();
        return new PaginatedList<AuditLogItem>(items, page.PageNumber, page.PageSize, page.TotalCount);
    }
}
