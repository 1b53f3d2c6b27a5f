namespace ProjectPortfolio.Application.Common.Validation;

/// <summary>Our own validation messages in French and English (FluentValidation translates its built-in ones).</summary>
public static class Messages
{
    public static string Pick(string fr, string en) => FieldNames.IsEnglish ? en : fr;

    public static string EndBeforeStart => Pick("La date de fin ne peut pas précéder la date de début.", "The end date cannot be before the start date.");
    public static string UnknownCountry => Pick("Choisissez un pays (code ISO à deux lettres).", "Choose a country (two-letter ISO code).");
    public static string UnknownCurrency => Pick("Devise inconnue.", "Unknown currency.");
    public static string UnknownTheme => Pick("Axe inconnu.", "Unknown theme.");
    public static string UnknownInstrument => Pick("Guichet inconnu.", "Unknown funding instrument.");
    public static string UnknownMember => Pick("Membre inconnu.", "Unknown member.");
    public static string UnknownPartner => Pick("Partenaire inconnu.", "Unknown partner.");
    public static string UnknownIndicator => Pick("Indicateur inconnu.", "Unknown indicator.");
    public static string InvalidDate => Pick("Date invalide : écrivez-la AAAA-MM-JJ.", "Invalid date: write it YYYY-MM-DD.");
    public static string UnknownProgramme => Pick("Programme inconnu.", "Unknown programme.");
    public static string CodeFormat => Pick("Le code ne contient que des majuscules, des chiffres, des tirets ou des soulignés (2 à 40).", "A code has 2 to 40 upper-case letters, digits, dashes or underscores.");
    public static string CodeTaken => Pick("Ce code est déjà utilisé.", "This code is already in use.");
    public static string AmountNotPositive => Pick("Le montant doit être supérieur à zéro.", "The amount must be greater than zero.");
    public static string AmountPrecision => Pick("Montant trop grand ou trop de décimales pour cette devise.", "Amount too large or too many decimals for this currency.");
    public static string ActualEndWithoutStart => Pick("Un projet terminé doit avoir une date de début effective.", "A project that ended must have an actual start date.");
}
