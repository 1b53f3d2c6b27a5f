using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace ProjectPortfolio.Infrastructure.Identity;

/// <summary>Refuses a password found in a list of leaked passwords, or one made of the account's own email or name
/// (OWASP ASVS 5.0 V6.2.4 and 6.2.11). The list is compared without regard to case: "Qwertyuiop123" is as guessable
/// as "qwertyuiop123".</summary>
/// <remarks>The list (common-passwords.txt, see NOTICE.md beside it) keeps only the entries of 12 characters or more:
/// Identity's minimum length (12, in DependencyInjection) already refuses every shorter one, so they would never be
/// looked up. The codes are translated by the web layer ("Identity.PasswordCommon" in the resx); the English
/// description is the fallback for the command line.</remarks>
public sealed class CommonPasswordValidator : IPasswordValidator<ApplicationUser>
{
    public const string CommonCode = "PasswordCommon";
    public const string PersonalCode = "PasswordPersonal";
    public const string ResourceName = "ProjectPortfolio.Identity.common-passwords.txt";

    /// <summary>Loaded once per process (about 44,000 entries, under a megabyte); the validator itself is scoped.</summary>
    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    public static bool IsCommon(string password) => List.Value.Contains(password.Trim());

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        if (string.IsNullOrEmpty(password)) return Task.FromResult(IdentityResult.Success); // the length rule says why
        if (IsCommon(password))
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = CommonCode,
                Description = "This password is one of the most common ones and is easily guessed: choose another, for example a few unrelated words.",
            }));
        if (IsPersonal(password, user))
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = PersonalCode,
                Description = "The password must not contain your email address or your name.",
            }));
        return Task.FromResult(IdentityResult.Success);
    }

    /// <summary>The email, its part before the @, the user name and the display name (without spaces), whenever the
    /// password contains one of them; parts shorter than 4 characters are ignored, so that "Ana" does not forbid
    /// every password containing "ana".</summary>
    private static bool IsPersonal(string password, ApplicationUser user)
    {
        var text = Squeeze(password);
        var email = user.Email ?? user.UserName ?? string.Empty;
        var at = email.IndexOf('@', StringComparison.Ordinal);
        string[] parts = [email, at > 0 ? email[..at] : email, user.UserName ?? string.Empty, user.DisplayName];
        return parts.Select(Squeeze).Any(part => part.Length >= 4 && text.Contains(part, StringComparison.Ordinal));
    }

    private static string Squeeze(string value) =>
        string.Concat(value.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) set.Add(line);
        return set.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
