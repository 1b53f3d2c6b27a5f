using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using System.Text.Json;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Domain.Auditing;
using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Infrastructure.Persistence;

/// <summary>Stamps who and when on aggregates and increments their version. A change to a child (a milestone,
/// a tranche) counts as a change of its aggregate, so two editors of the same project always conflict.
/// It also adds one <see cref="AuditEntry"/> per changed entity to the same SaveChanges, so the change and its audit
/// line commit together or not at all. Only the change tracker is read: no query, no extra load.</summary>
public sealed class AuditingInterceptor(ICurrentUser user, TimeProvider clock) : SaveChangesInterceptor
{
    // In order of preference for the aggregate an entry belongs to: a funding decision names both its application and
    // the project it created, and its history is the application's (the project's own entries start at its creation).
    private static readonly string[] ParentKeys = ["ApplicationId", "ProjectId", "SessionId", "MeasurementId", "DecisionId", "TrancheId"];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        Audit(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        Audit(eventData.Context);
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

    // Bookkeeping columns the interceptor itself writes: recorded by the entry's time and user already.
    private static readonly HashSet<string> Bookkeeping = [nameof(AggregateRoot.Version), nameof(AggregateRoot.CreatedAtUtc),
        nameof(AggregateRoot.CreatedBy), nameof(AggregateRoot.ModifiedAtUtc), nameof(AggregateRoot.ModifiedBy)];

    /// <summary>Never written to the trail, whatever the entity: secrets of the Identity tables and anything that
    /// looks like one. Matching by fragment errs on the side of leaving a value out.</summary>
    internal static readonly string[] DeniedFragments = ["Password", "SecurityStamp", "ConcurrencyStamp", "Token", "Secret", "AuthenticatorKey", "RecoveryCode", "Content"];

    // The precomputed results are derived from measurements and targets, which are audited; they are written by SQL in
    // the save (never tracked), and listed here so that they stay out of the trail if that ever changes.
    internal static bool IsNeverAudited(Type entity) => entity == typeof(DataProtectionKey) || entity == typeof(Identity.SignInCounter)
        || entity == typeof(Application.Portfolio.ProjectIndicatorResult);

    internal static bool IsDenied(string property) => DeniedFragments.Any(f => property.Contains(f, StringComparison.OrdinalIgnoreCase));

    private const int MaxValueLength = 500;

    private void Audit(DbContext? context)
    {
        if (context is null) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var entries = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not AuditEntry)
            // Identity's token table holds nothing but secrets.
            .Where(e => !e.Metadata.ClrType.Name.Contains("Token", StringComparison.Ordinal))
            // Nor does the data-protection key ring (its Xml is the key itself), and a key the framework makes or
            // rotates is no one's change; the sign-in counters are bookkeeping of the throttle.
            .Where(e => !IsNeverAudited(e.Metadata.ClrType))
            .ToList();
        if (entries.Count == 0) return;
        var byId = context.ChangeTracker.Entries().Where(e => e.Entity is Entity).GroupBy(e => ((Entity)e.Entity).Id).ToDictionary(g => g.Key, g => g.First());
        var audit = new List<AuditEntry>();
        foreach (var entry in entries)
        {
            var changes = new Dictionary<string, Dictionary<string, object?>>();
            string? newStatus = null;
            foreach (var property in entry.Properties)
            {
                var name = property.Metadata.Name;
                if (Bookkeeping.Contains(name) || IsDenied(name) || property.Metadata.ClrType == typeof(byte[])) continue;
                switch (entry.State)
                {
                    case EntityState.Added when property.CurrentValue is not null:
                        changes[name] = new() { ["new"] = Value(property.CurrentValue) };
                        break;
                    case EntityState.Deleted when property.OriginalValue is not null:
                        changes[name] = new() { ["old"] = Value(property.OriginalValue) };
                        break;
                    case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                        changes[name] = new() { ["old"] = Value(property.OriginalValue), ["new"] = Value(property.CurrentValue) };
                        if (name == "Status") newStatus = property.CurrentValue?.ToString();
                        break;
                }
            }
            // An aggregate marked modified only because a child changed: the child's own entry says what happened.
            if (entry.State == EntityState.Modified && changes.Count == 0) continue;
            var typeName = entry.Metadata.ClrType.Name;
            var action = entry.State switch
            {
                _ when typeName.Contains("Decision", StringComparison.Ordinal) => AuditAction.Decision,
                EntityState.Modified when typeName == "DisbursementTranche" && changes.ContainsKey("PaidDate") => AuditAction.Payment,
                EntityState.Added => AuditAction.Created,
                EntityState.Deleted => AuditAction.Deleted,
                _ when newStatus is not null => AuditAction.StatusChanged,
                _ => AuditAction.Updated,
            };
            var key = entry.Metadata.FindPrimaryKey();
            var entityId = key is null ? null : string.Join("/", key.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));
            audit.Add(new AuditEntry(now, user.Id, user.DisplayName ?? user.Email ?? "system", action, typeName, entityId,
                AggregateOf(entry, byId, 0), JsonSerializer.Serialize(changes)));
        }
        context.Set<AuditEntry>().AddRange(audit);
    }

    /// <summary>The aggregate whose history the entry belongs to: the project (or application) it hangs from,
    /// climbing through intermediate parents; else the entity itself.</summary>
    private static Guid? AggregateOf(EntityEntry entry, Dictionary<Guid, EntityEntry> byId, int depth)
    {
        foreach (var key in ParentKeys)
        {
            if (entry.Metadata.FindProperty(key) is null || entry.Property(key).CurrentValue is not Guid parentId) continue;
            if (depth < 3 && byId.TryGetValue(parentId, out var parent) && parent.Entity is not AggregateRoot)
                return AggregateOf(parent, byId, depth + 1);
            return parentId;
        }
        return entry.Entity is Entity e ? e.Id : null;
    }

    private static object? Value(object? value) => value switch
    {
        null => null,
        Enum e => e.ToString(),
        string s => s.Length <= MaxValueLength ? s : s[..MaxValueLength] + "…",
        _ => value,
    };

    private static void Set(EntityEntry entry, string property, object? value) => entry.Property(property).CurrentValue = value;
}
