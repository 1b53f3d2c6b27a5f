namespace ProjectPortfolio.Domain.Common;

/// <summary>A business rule was broken. <see cref="Code"/> is stable (the UI translates it);
/// the message is the English explanation for logs and API clients.</summary>
public class DomainException : Exception
{
    public DomainException(string code, string message) : base(message) => Code = code;

    public DomainException() : this("domain", "A business rule was broken.") { }

    public DomainException(string message) : this("domain", message) { }

    public DomainException(string message, Exception innerException) : base(message, innerException) => Code = "domain";

    public string Code { get; }
}
