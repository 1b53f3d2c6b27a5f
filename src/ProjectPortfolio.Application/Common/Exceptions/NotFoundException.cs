namespace ProjectPortfolio.Application.Common.Exceptions;

public class NotFoundException : Exception
{
    public NotFoundException() : base("The resource was not found.") { }
    public NotFoundException(string message) : base(message) { }
    public NotFoundException(string message, Exception inner) : base(message, inner) { }
    public NotFoundException(string entity, object key) : base($"{entity} '{key}' was not found.") { }
}

public class ForbiddenAccessException : Exception
{
    public ForbiddenAccessException() : base("You are not allowed to do this.") { }
    public ForbiddenAccessException(string message) : base(message) { }
    public ForbiddenAccessException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>Someone else changed the record since it was read; nothing was saved. When known, it says which
/// aggregate it was and the version now stored, so that a form can show the current values and an API client can
/// re-read and retry on purpose (docs/api.md, "Conflicts").</summary>
public class ConflictException : Exception
{
    public ConflictException() : base("The record was changed by someone else since you opened it.") { }
    public ConflictException(string message) : base(message) { }
    public ConflictException(string message, Exception inner) : base(message, inner) { }

    public ConflictException(string resource, Guid resourceId, int? currentVersion, Exception? inner = null)
        : base("The record was changed by someone else since you opened it.", inner)
    {
        Resource = resource;
        ResourceId = resourceId;
        CurrentVersion = currentVersion;
    }

    /// <summary>The aggregate's type name (Project, GrantApplication, Member...), when known.</summary>
    public string? Resource { get; }

    public Guid? ResourceId { get; }

    /// <summary>The version now stored; null when the record has been deleted meanwhile (or is not known).</summary>
    public int? CurrentVersion { get; }

    /// <summary>The version the caller sent is not the stored one: says which record and its current version.</summary>
    public static ConflictException Stale(Domain.Common.AggregateRoot current) => new(current.GetType().Name, current.Id, current.Version);
}

/// <summary>The database refused a row because a unique index already holds its key (a project code taken by a
/// save that committed meanwhile). A <see cref="Microsoft.EntityFrameworkCore.DbUpdateException"/> still, so code that
/// catches those keeps working; answered 409, never 500; a use case that makes the key itself may retry.</summary>
public sealed class DuplicateKeyException(string message, Exception inner) : Microsoft.EntityFrameworkCore.DbUpdateException(message, inner);
