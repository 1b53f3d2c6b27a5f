using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;

namespace ProjectPortfolio.Application.Users;

/// <summary>The rules shared by creating and editing an account: a known role, and the partner (donors) or member
/// city (applicants) that scopes what the account sees, given for those roles only.</summary>
internal static class AccountRules
{
    public const int DisplayNameMaxLength = 100;
    public const int EmailMaxLength = 256;

    public static string UnknownRole => Messages.Pick("Choisissez un rôle.", "Choose a role.");
    public static string PartnerRequired => Messages.Pick("Un compte bailleur doit être rattaché à un partenaire.", "A donor account must belong to a partner.");
    public static string MemberRequired => Messages.Pick("Un compte demandeur doit être rattaché à une ville membre.", "An applicant account must belong to a member city.");
    public static string EmailTaken => Messages.Pick("Un compte existe déjà avec cette adresse.", "An account with this email already exists.");
    public static string EmailInvalid => Messages.Pick("Adresse électronique invalide.", "Invalid email address.");
    public static string SelfDisable => Messages.Pick("Vous ne pouvez pas désactiver votre propre compte.", "You cannot disable your own account.");
    public static string LastAdministrator => Messages.Pick("C'est le dernier administrateur actif : nommez-en un autre d'abord.", "This is the last active administrator: appoint another one first.");
    public static string PasswordsDiffer => Messages.Pick("Les deux mots de passe ne sont pas identiques.", "The two passwords differ.");

    public static void Scope<T>(AbstractValidator<T> validator, Func<T, string?> role, Func<T, Guid?> partner, Func<T, Guid?> member, IApplicationDbContext db)
    {
        validator.RuleFor(c => role(c)).Must(r => r is not null && Roles.All.Contains(r)).WithMessage(_ => UnknownRole).OverridePropertyName("Role");
        validator.RuleFor(c => partner(c)).NotNull().WithMessage(_ => PartnerRequired).OverridePropertyName("PartnerId")
            .When(c => role(c) == Roles.Donor);
        validator.RuleFor(c => partner(c)).MustAsync(async (id, ct) => await db.Partners.AnyAsync(p => p.Id == id, ct))
            .WithMessage(_ => Messages.UnknownPartner).OverridePropertyName("PartnerId")
            .When(c => role(c) == Roles.Donor && partner(c) is not null);
        validator.RuleFor(c => member(c)).NotNull().WithMessage(_ => MemberRequired).OverridePropertyName("MemberId")
            .When(c => role(c) == Roles.Applicant);
        validator.RuleFor(c => member(c)).MustAsync(async (id, ct) => await db.Members.AnyAsync(m => m.Id == id, ct))
            .WithMessage(_ => Messages.UnknownMember).OverridePropertyName("MemberId")
            .When(c => role(c) == Roles.Applicant && member(c) is not null);
    }

    /// <summary>A partner or member given with another role is dropped rather than refused: the form may keep a
    /// stale choice when the role changes, and only the role's own link scopes anything.</summary>
    public static (Guid? Partner, Guid? Member) Links(string role, Guid? partner, Guid? member) =>
        (role == Roles.Donor ? partner : null, role == Roles.Applicant ? member : null);
}
