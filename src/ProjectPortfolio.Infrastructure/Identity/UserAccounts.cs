using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Models;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Application.Users;
using ProjectPortfolio.Infrastructure.Persistence;

namespace ProjectPortfolio.Infrastructure.Identity;

/// <summary>The accounts through Identity's UserManager (so its password rules, normalisation and security stamp
/// apply), and the list straight from the tables. An account is disabled by a lockout that never ends: Identity
/// then refuses every sign-in, and the renewed stamp ends the sessions already open.</summary>
public sealed class UserAccounts(UserManager<ApplicationUser> users, ApplicationDbContext db) : IUserAccounts
{
    private static readonly DateTimeOffset Forever = DateTimeOffset.MaxValue;

    public async Task<PaginatedList<UserListItem>> ListAsync(string? q, string? role, string? sort, int page, int pageSize, CancellationToken cancellationToken)
    {
        var rows = from u in db.Users.AsNoTracking()
                   let roleName = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).FirstOrDefault()
                   select new
                   {
                       u.Id, Email = u.Email ?? "", u.DisplayName, Role = roleName ?? "",
                       Scope = u.PartnerId != null ? db.Partners.Where(p => p.Id == u.PartnerId).Select(p => p.Name).FirstOrDefault()
                           : u.MemberId != null ? db.Members.Where(m => m.Id == u.MemberId).Select(m => m.Name).FirstOrDefault() : null,
                       Enabled = u.LockoutEnd == null || u.LockoutEnd != Forever,
                   };
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim().ToLower();
            rows = rows.Where(r => r.Email.ToLower().Contains(text) || r.DisplayName.ToLower().Contains(text));
        }
        if (!string.IsNullOrWhiteSpace(role)) rows = rows.Where(r => r.Role == role);
        rows = sort switch
        {
            "-email" => rows.OrderByDescending(r => r.Email),
            "name" => rows.OrderBy(r => r.DisplayName).ThenBy(r => r.Email),
            "-name" => rows.OrderByDescending(r => r.DisplayName).ThenBy(r => r.Email),
            "role" => rows.OrderBy(r => r.Role).ThenBy(r => r.Email),
            _ => rows.OrderBy(r => r.Email),
        };
        return await PaginatedList<UserListItem>.CreateAsync(
            rows.Select(r => new UserListItem(r.Id, r.Email, r.DisplayName, r.Role, r.Scope, r.Enabled)), page, pageSize, cancellationToken);
    }

    public async Task<UserDto?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return null;
        var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
        return new UserDto(user.Id, user.Email ?? "", user.DisplayName, role, user.PartnerId, user.MemberId, !IsDisabled(user));
    }

    public async Task<bool> EmailTakenAsync(string email, CancellationToken cancellationToken) => await users.FindByEmailAsync(email) is not null;

    public async Task<int> CountOtherEnabledAdministratorsAsync(string exceptId, CancellationToken cancellationToken) =>
        (await users.GetUsersInRoleAsync(Application.Common.Security.Roles.Administrator)).Count(u => u.Id != exceptId && !IsDisabled(u));

    public async Task<(string? Id, AccountErrors Errors)> CreateAsync(NewAccount account, CancellationToken cancellationToken)
    {
        var user = new ApplicationUser
        {
            UserName = account.Email, Email = account.Email, EmailConfirmed = true, DisplayName = account.DisplayName,
            PartnerId = account.PartnerId, MemberId = account.MemberId,
        };
        // One transaction: a user whose role could not be added must not stay behind without one.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, account.Password);
        if (!created.Succeeded) return (null, Translate(created));
        var role = await users.AddToRoleAsync(user, account.Role);
        if (!role.Succeeded) return (null, Translate(role));
        await transaction.CommitAsync(cancellationToken);
        return (user.Id, AccountErrors.None);
    }

    public async Task UpdateAsync(string id, string displayName, string role, Guid? partnerId, Guid? memberId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id) ?? throw new InvalidOperationException("The account disappeared.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var roles = await users.GetRolesAsync(user);
        var scopeChanged = user.PartnerId != partnerId || user.MemberId != memberId || !roles.SequenceEqual([role]);
        user.DisplayName = displayName;
        user.PartnerId = partnerId;
        user.MemberId = memberId;
        Check(await users.UpdateAsync(user));
        if (!roles.SequenceEqual([role]))
        {
            Check(await users.RemoveFromRolesAsync(user, roles));
            Check(await users.AddToRoleAsync(user, role));
        }
        // Role, partner and city travel in the sign-in's claims: a changed scope must not live on in an open session.
        if (scopeChanged) Check(await users.UpdateSecurityStampAsync(user));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task SetEnabledAsync(string id, bool enabled, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id) ?? throw new InvalidOperationException("The account disappeared.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Check(await users.SetLockoutEnabledAsync(user, true));
        Check(await users.SetLockoutEndDateAsync(user, enabled ? null : Forever));
        if (enabled) Check(await users.ResetAccessFailedCountAsync(user));
        else Check(await users.UpdateSecurityStampAsync(user));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<AccountErrors> SetPasswordAsync(string id, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id) ?? throw new InvalidOperationException("The account disappeared.");
        // ResetPasswordAsync validates the new password before anything changes, and renews the security stamp.
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        return result.Succeeded ? AccountErrors.None : Translate(result);
    }

    public async Task<AccountErrors> ChangePasswordAsync(string id, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id) ?? throw new InvalidOperationException("The account disappeared.");
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        return result.Succeeded ? AccountErrors.None : Translate(result);
    }

    private static bool IsDisabled(ApplicationUser user) => user.LockoutEnd == Forever;

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>Identity's refusals by field, in the user's language (Identity's own texts are English only).</summary>
    private static AccountErrors Translate(IdentityResult result) => new(result.Errors
        .GroupBy(e => Field(e.Code), e => Message(e))
        .ToDictionary(g => g.Key, g => g.Distinct().ToArray()));

    private static string Field(string code) => code switch
    {
        "PasswordMismatch" => "CurrentPassword",
        _ when code.StartsWith("Password", StringComparison.Ordinal) => "Password",
        "DuplicateEmail" or "DuplicateUserName" or "InvalidEmail" or "InvalidUserName" => "Email",
        _ => "",
    };

    private static string Message(IdentityError error) => error.Code switch
    {
        "PasswordTooShort" => Messages.Pick("Le mot de passe doit compter au moins 12 caractères.", "The password must be at least 12 characters long."),
        "PasswordRequiresUniqueChars" => Messages.Pick("Le mot de passe doit contenir au moins 4 caractères différents.", "The password must contain at least 4 different characters."),
        "PasswordMismatch" => Messages.Pick("Le mot de passe actuel n'est pas le bon.", "The current password is wrong."),
        CommonPasswordValidator.CommonCode => Messages.Pick(
            "Ce mot de passe fait partie des plus courants et se devine facilement : choisissez-en un autre, par exemple quelques mots sans rapport entre eux.",
            "This password is one of the most common ones and is easily guessed: choose another, for example a few unrelated words."),
        CommonPasswordValidator.PersonalCode => Messages.Pick("Le mot de passe ne doit pas contenir votre adresse électronique ni votre nom.",
            "The password must not contain your email address or your name."),
        "DuplicateEmail" or "DuplicateUserName" => Messages.Pick("Un compte existe déjà avec cette adresse.", "An account with this email already exists."),
        "InvalidEmail" or "InvalidUserName" => Messages.Pick("Adresse électronique invalide.", "Invalid email address."),
        _ => error.Description,
    };
}
