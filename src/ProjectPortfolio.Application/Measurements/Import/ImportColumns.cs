using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Indicators;

namespace ProjectPortfolio.Application.Measurements.Import;

/// <summary>A column of the measurement workbook. <see cref="Number"/> is 1-based (A = 1); the import reads the
/// columns by position and checks that each header reads as expected, in French or in English.</summary>
public sealed record ImportColumn(int Number, string Key, string HeaderFr, string HeaderEn, double Width, bool Filled,
    Sex? Sex = null, AgeGroup? AgeGroup = null)
{
    public string Letter => ImportColumns.Letter(Number);
    public string Header(bool english) => english ? HeaderEn : HeaderFr;
}

/// <summary>The template's columns, defined once for the template, the import and the documentation
/// (docs/import-format.md describes the same list).</summary>
public static class ImportColumns
{
    public static readonly ImportColumn ProjectCode = new(1, "projectCode", "Code projet", "Project code", 16, false);
    public static readonly ImportColumn ProjectTitle = new(2, "projectTitle", "Titre du projet", "Project title", 40, false);
    public static readonly ImportColumn IndicatorCode = new(3, "indicatorCode", "Code indicateur", "Indicator code", 24, false);
    public static readonly ImportColumn IndicatorName = new(4, "indicatorName", "Indicateur", "Indicator", 40, false);
    public static readonly ImportColumn Unit = new(5, "unit", "Unité", "Unit", 12, false);
    public static readonly ImportColumn PeriodStart = new(6, "periodStart", "Début de période", "Period start", 14, false);
    public static readonly ImportColumn PeriodEnd = new(7, "periodEnd", "Fin de période", "Period end", 14, false);
    public static readonly ImportColumn Value = new(8, "value", "Valeur", "Value", 12, true);
    public static readonly ImportColumn Women = new(9, "women", "Femmes", "Women", 10, true, Sex: Domain.Indicators.Sex.Female);
    public static readonly ImportColumn Men = new(10, "men", "Hommes", "Men", 10, true, Sex: Domain.Indicators.Sex.Male);
    public static readonly ImportColumn Under15 = new(11, "under15", "Moins de 15 ans", "Under 15", 12, true, AgeGroup: Domain.Indicators.AgeGroup.Under15);
    public static readonly ImportColumn From15To24 = new(12, "from15To24", "15 à 24 ans", "15 to 24", 12, true, AgeGroup: Domain.Indicators.AgeGroup.From15To24);
    public static readonly ImportColumn From25To64 = new(13, "from25To64", "25 à 64 ans", "25 to 64", 12, true, AgeGroup: Domain.Indicators.AgeGroup.From25To64);
    public static readonly ImportColumn Over64 = new(14, "over64", "65 ans et plus", "65 and over", 12, true, AgeGroup: Domain.Indicators.AgeGroup.Over64);
    public static readonly ImportColumn Evidence = new(15, "evidence", "Justificatif (note)", "Evidence (note)", 40, true);

    public static readonly IReadOnlyList<ImportColumn> All =
        [ProjectCode, ProjectTitle, IndicatorCode, IndicatorName, Unit, PeriodStart, PeriodEnd, Value, Women, Men, Under15, From15To24, From25To64, Over64, Evidence];

    public static readonly IReadOnlyList<ImportColumn> SexParts = [Women, Men];
    public static readonly IReadOnlyList<ImportColumn> AgeParts = [Under15, From15To24, From25To64, Over64];
    public static readonly IReadOnlyList<ImportColumn> Parts = [.. SexParts, .. AgeParts];

    /// <summary>A spreadsheet's column letter: 1 → A, 26 → Z, 27 → AA.</summary>
    public static string Letter(int number)
    {
        var letters = string.Empty;
        for (var n = number; n > 0; n = (n - 1) / 26) letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }

    public static string UnitName(IndicatorUnit unit, bool english) => unit switch
    {
        IndicatorUnit.Count => english ? "Count" : "Nombre",
        IndicatorUnit.People => english ? "People" : "Personnes",
        IndicatorUnit.Percent => "%",
        IndicatorUnit.Money => english ? "Amount" : "Montant",
        _ => unit.ToString(),
    };

    public static string SheetName(bool english) => english ? "Measurements" : "Mesures";
    public static string InstructionsSheetName(bool english) => english ? "Instructions" : "Mode d'emploi";
}
