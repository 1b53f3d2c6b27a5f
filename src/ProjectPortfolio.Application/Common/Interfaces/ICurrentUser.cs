namespace ProjectPortfolio.Application.Common.Interfaces;

/// <summary>Who is making the request. Null id means nobody is signed in (startup, the import command).</summary>
public interface ICurrentUser
{
    string? Id { get; }
    string? Email { get; }
    /// <summary>The name people know the user by ("Awa Diallo"); the e-mail where there is none.</summary>
    string? DisplayName => Email;
    bool IsInRole(string role);
    /// <summary>For a donor account: the partner it belongs to.</summary>
    Guid? PartnerId { get; }
    /// <summary>For an applicant account: the member city it belongs to.</summary>
    Guid? MemberId { get; }
}
