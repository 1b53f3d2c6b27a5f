namespace ProjectPortfolio.Domain.Auditing;

/// <summary>What an audit entry records. Stored by name, so new actions can be added anywhere in the list.</summary>
public enum AuditAction { Created, Updated, Deleted, StatusChanged, Decision, Payment, SignIn, SignInFailed, AccessDenied }

/// <summary>One line of the append-only audit trail. Written by the persistence layer in the same transaction as the
/// change it describes (or alone, for security events); never updated or deleted (database triggers refuse it).
/// Not an <see cref="Common.Entity"/>: it has no version and no behaviour, and must not itself be audited.</summary>
public class AuditEntry
{
    public const int UserMaxLength = 256;
    public const int EntityTypeMaxLength = 100;
    public const int EntityIdMaxLength = 100;

    private AuditEntry() { }

    public AuditEntry(DateTime atUtc, string? userId, string? userName, AuditAction action, string entityType, string? entityId, Guid? aggregateId, string? changes)
    {
        Id = Guid.CreateVersion7();
        AtUtc = atUtc;
        UserId = Cut(userId, 450);
        UserName = Cut(userName, UserMaxLength);
        Action = action;
        EntityType = Cut(entityType, EntityTypeMaxLength) ?? "";
        EntityId = Cut(entityId, EntityIdMaxLength);
        AggregateId = aggregateId;
        Changes = changes;
    }

    public Guid Id { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string? UserId { get; private set; }
    /// <summary>E-mail or display name at the time (kept even if the account is later renamed or removed).</summary>
    public string? UserName { get; private set; }
    public AuditAction Action { get; private set; }
    public string EntityType { get; private set; } = "";
    public string? EntityId { get; private set; }
    /// <summary>The aggregate the entity belongs to (a milestone's project), so a record's history includes its parts.</summary>
    public Guid? AggregateId { get; private set; }
    /// <summary>JSON object: property name → {"old":…, "new":…}, changed properties only; null for security events.</summary>
    public string? Changes { get; private set; }

    private static string? Cut(string? value, int max) => value is null ? null : value.Length <= max ? value : value[..max];
}
