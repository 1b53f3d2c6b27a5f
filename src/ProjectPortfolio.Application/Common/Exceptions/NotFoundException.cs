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

/// <summary>Someone else changed the record since it was read; nothing was saved.</summary>
public class ConflictException : Exception
{
    public ConflictException() : base("The record was changed by someone else since you opened it.") { }
    public ConflictException(string message) : base(message) { }
    public ConflictException(string message, Exception inner) : base(message, inner) { }
}
