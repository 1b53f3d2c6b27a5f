using System.Globalization;

namespace ProjectPortfolio.Application.Common.Validation;

/// <summary>The names users see for request fields in validation messages, in French (the default) and
/// English. FluentValidation already translates its own message templates; it only needs our names.</summary>
public static class FieldNames
{
    private static readonly Dictionary<string, (string Fr, string En)> Names = new()
    {
        ["Code"] = ("Code", "Code"),
        ["Name"] = ("Nom", "Name"),
        ["Kind"] = ("Type", "Kind"),
        ["Country"] = ("Pays", "Country"),
        ["Region"] = ("Région", "Region"),
        ["Title"] = ("Titre", "Title"),
        ["TitleEn"] = ("Titre (anglais)", "Title (English)"),
        ["Summary"] = ("Résumé", "Summary"),
        ["SummaryEn"] = ("Résumé (anglais)", "Summary (English)"),
        ["LeadMemberId"] = ("Membre porteur", "Lead member"),
        ["Theme"] = ("Axe", "Theme"),
        ["Instrument"] = ("Guichet", "Funding instrument"),
        ["ProgrammeId"] = ("Programme", "Programme"),
        ["PlannedStart"] = ("Début prévu", "Planned start"),
        ["PlannedEnd"] = ("Fin prévue", "Planned end"),
        ["ActualStart"] = ("Début effectif", "Actual start"),
        ["ActualEnd"] = ("Fin effective", "Actual end"),
        ["PlannedDate"] = ("Date prévue", "Planned date"),
        ["ActualDate"] = ("Date effective", "Actual date"),
        ["PaidDate"] = ("Date du versement", "Payment date"),
        ["ReceivedOn"] = ("Date de réception", "Date received"),
        ["Amount"] = ("Montant", "Amount"),
        ["Conditions"] = ("Conditions de versement", "Release conditions"),
        ["MilestoneId"] = ("Jalon", "Milestone"),
        ["Text"] = ("Libellé", "Text"),
        ["Note"] = ("Note", "Note"),
        ["IndicatorCode"] = ("Indicateur", "Indicator"),
        ["Baseline"] = ("Valeur de référence", "Baseline"),
        ["Target"] = ("Cible", "Target"),
        ["TargetDate"] = ("Date cible", "Target date"),
        ["GrantAmount"] = ("Subvention accordée", "Awarded grant"),
        ["Currency"] = ("Devise", "Currency"),
        ["Status"] = ("Statut", "Status"),
        ["PartnerMemberIds"] = ("Membres partenaires", "Partner members"),
        ["Version"] = ("Version", "Version"),
        ["Partner"] = ("Partenaire", "Partner"),
        ["Programme"] = ("Programme", "Programme"),
        ["Indicator"] = ("Indicateur", "Indicator"),
        ["From"] = ("Du", "From"),
        ["To"] = ("Au", "To"),
    };

    public static string Get(string field)
    {
        if (!Names.TryGetValue(field, out var name)) return field;
        return IsEnglish ? name.En : name.Fr;
    }

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
