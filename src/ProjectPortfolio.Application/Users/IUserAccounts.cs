using ProjectPortfolio.Application.Common.Models;

namespace ProjectPortfolio.Application.Users;

public sealed record UserListItem(string Id, string Email, string DisplayName, string Role, string? Scope, bool Enabled);

public sealed record UserDto(string Id, string Email, string DisplayName, string Role, Guid? PartnerId, Guid? MemberId, bool Enabled);

public sealed record NewAccount(string Email, string DisplayName, string Role, Guid? PartnerId, Guid? MemberId, string Password);

/// <summary>What the account store refused, by field ("Email", "Password"), already in the user's language.</summary>
public sealed record AccountErrors(IReadOnlyDictionary<string, string[]> Errors)
{
    public static readonly AccountErrors None = new(new Dictionary<string, string[]>());
    public bool Any => Errors.Count > 0;
}

/// <summary>The user accounts, kept by ASP.NET Core Identity in Infrastructure; the use cases in this folder decide
/// who may do what, this interface only reads and writes. Every write that must end the user's sessions (disable,
/// password set or changed) renews the account's security stamp.</summary>
public interface IUserAccounts
{
    Task<PaginatedList<UserListItem>> ListAsync(string? q, string? role, string? sort, int page, int pageSize, CancellationToken cancellationToken);
    Task<UserDto?> FindAsync(string id, CancellationToken cancellationToken);
    Task<bool> EmailTakenAsync(string email, CancellationToken cancellationToken);
    /// <summary>Enabled administrators other than <paramref name="exceptId"/>.</summary>
    Task<int> CountOtherEnabledAdministratorsAsync(string exceptId, CancellationToken cancellationToken);
    Task<(string? Id, AccountErrors Errors)> CreateAsync(NewAccount account, CancellationToken cancellationToken);
    Task UpdateAsync(string id, string displayName, string role, Guid? partnerId, Guid? memberId, CancellationToken cancellationToken);
    Task SetEnabledAsync(string id, bool enabled, CancellationToken cancellationToken);
    Task<AccountErrors> SetPasswordAsync(string id, string password, CancellationToken cancellationToken);
    Task<AccountErrors> ChangePasswordAsync(string id, string currentPassword, string newPassword, CancellationToken cancellationToken);
}
