using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Infrastructure.Persistence;

/// <summary>Stamps who and when on aggregates and increments their version. A change to a child (a milestone,
/// a tranche) counts as a change of its aggregate, so two editors of the same project always conflict.</summary>
public sealed class AuditingInterceptor(ICurrentUser user, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly string[] ParentKeys = ["ProjectId", "ApplicationId", "SessionId", "MeasurementId", "DecisionId", "TrancheId"];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null) return;
        context.ChangeTracker.DetectChanges();
        var now = clock.GetUtcNow().UtcDateTime;
        var who = user.Email ?? "system";
        var entries = context.ChangeTracker.Entries().ToList();
        var roots = entries.Where(e => e.Entity is AggregateRoot).ToDictionary(e => ((AggregateRoot)e.Entity).Id);
        var byId = entries.Where(e => e.Entity is Entity).GroupBy(e => ((Entity)e.Entity).Id).ToDictionary(g => g.Key, g => g.First());

        foreach (var child in entries.Where(e => e.Entity is not AggregateRoot && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
            TouchRootOf(child, roots, byId, depth: 0);
        foreach (var entry in roots.Values)
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    Set(entry, nameof(AggregateRoot.Version), 1);
                    Set(entry, nameof(AggregateRoot.CreatedAtUtc), now);
                    Set(entry, nameof(AggregateRoot.CreatedBy), who);
                    break;
                case EntityState.Modified:
                    var version = (int)entry.Property(nameof(AggregateRoot.Version)).OriginalValue!;
                    Set(entry, nameof(AggregateRoot.Version), version + 1);
                    Set(entry, nameof(AggregateRoot.ModifiedAtUtc), now);
                    Set(entry, nameof(AggregateRoot.ModifiedBy), who);
                    break;
            }
        }
    }

    /// <summary>Marks the aggregate a changed child belongs to as modified, climbing through intermediate parents
    /// (a decision's condition belongs to the decision, which belongs to the session).</summary>
    private static void TouchRootOf(EntityEntry child, Dictionary<Guid, EntityEntry> roots, Dictionary<Guid, EntityEntry> byId, int depth)
    {
        if (depth > 3) return;
        foreach (var key in ParentKeys)
        {
            if (child.Metadata.FindProperty(key) is null || child.Property(key).CurrentValue is not Guid parentId) continue;
            if (roots.TryGetValue(parentId, out var root))
            {
                if (root.State == EntityState.Unchanged) root.State = EntityState.Modified;
            }
            else if (byId.TryGetValue(parentId, out var parent))
            {
                TouchRootOf(parent, roots, byId, depth + 1);
            }
        }
    }

    private static void Set(EntityEntry entry, string property, object? value) => entry.Property(property).CurrentValue = value;
}
