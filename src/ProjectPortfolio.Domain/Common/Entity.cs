namespace ProjectPortfolio.Domain.Common;

/// <summary>Base of every persisted object. Ids are version-7 GUIDs: made by the application, so an
/// aggregate and its children can be built before they are saved, and not guessable in URLs.</summary>
public abstract class Entity
{
    public Guid Id { get; protected set; } = Guid.CreateVersion7();
}

/// <summary>An aggregate root: the unit of consistency that a use case loads, changes and saves.
/// <see cref="Version"/> is an application-managed concurrency token (SQLite has no rowversion):
/// the persistence layer increments it on every save, and a stale version makes the save fail.</summary>
public abstract class AggregateRoot : Entity
{
    public int Version { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public string? CreatedBy { get; private set; }
    public DateTime? ModifiedAtUtc { get; private set; }
    public string? ModifiedBy { get; private set; }
}
