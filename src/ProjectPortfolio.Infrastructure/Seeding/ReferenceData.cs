using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Domain.Applications;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Finance;
using ProjectPortfolio.Infrastructure.Persistence;

namespace ProjectPortfolio.Infrastructure.Seeding;

/// <summary>The built-in catalogue: themes with their DAC sector, funding instruments, indicators, and the
/// exchange rates the portfolio's euro totals need. Added on every start when missing (never changed once
/// there, so an administrator's later edits are kept).</summary>
public static class ReferenceData
{
    public static IReadOnlyList<Theme> Themes() =>
    [
        new("health", "Santé", "Health", "12220"),
        new("water-sanitation", "Eau et assainissement", "Water and sanitation", "14030"),
        new("education", "Éducation", "Education", "11220"),
        new("governance", "Gouvernance locale", "Local governance", "15112"),
        new("peace-dialogue", "Paix et dialogue", "Peace and dialogue", "15220"),
        new("urban-agriculture", "Agriculture urbaine", "Urban agriculture", "31120"),
        new("sport", "Sport", "Sport", "16065"),
        new("tourism", "Tourisme", "Tourism", "33210"),
        new("gender-equality", "Égalité femmes-hommes", "Gender equality", "15170"),
        new("environment-climate", "Environnement et climat", "Environment and climate", "41010"),
        new("culture", "Culture", "Culture", "16061"),
    ];

    public static IReadOnlyList<FundingInstrument> Instruments() =>
    [
        new("COOP_FUND", "Fonds de coopération", "Cooperation fund", "EUR", null),
        new("GOVERNANCE", "Appui à la gouvernance locale", "Local governance support", "EUR", null),
        new("EMERGENCY", "Fonds d'urgence", "Emergency fund", "EUR", null),
    ];

    public static IReadOnlyList<Indicator> Indicators() =>
    [
        new("HEALTH_FACILITIES", "Infrastructures de santé construites ou réhabilitées et équipées", "Health facilities built or rehabilitated and equipped",
            IndicatorUnit.Count, IndicatorKind.Incremental, Disaggregation.None),
        new("MATERNITY_UNITS", "Maternités construites et équipées", "Maternity units built and equipped",
            IndicatorUnit.Count, IndicatorKind.Incremental, Disaggregation.None),
        new("PEOPLE_HEALTH_ACCESS", "Personnes ayant un accès amélioré à la santé", "People with improved access to health",
            IndicatorUnit.People, IndicatorKind.Cumulative, Disaggregation.Sex),
        new("WOMEN_SUPPORTED", "Femmes accompagnées", "Women supported",
            IndicatorUnit.People, IndicatorKind.Incremental, Disaggregation.AgeGroup),
        new("PEOPLE_WATER_ACCESS", "Personnes ayant accès à l'eau potable et à l'assainissement", "People with access to drinking water and sanitation",
            IndicatorUnit.People, IndicatorKind.Cumulative, Disaggregation.Sex),
        new("PEOPLE_TRAINED", "Personnes formées", "People trained",
            IndicatorUnit.People, IndicatorKind.Incremental, Disaggregation.Sex | Disaggregation.AgeGroup),
        new("CLASSROOMS_EQUIPPED", "Classes équipées", "Classrooms equipped",
            IndicatorUnit.Count, IndicatorKind.Incremental, Disaggregation.None),
        new("COOPERATIVES_SUPPORTED", "Coopératives appuyées", "Cooperatives supported",
            IndicatorUnit.Count, IndicatorKind.Incremental, Disaggregation.None),
        new("EVENTS_HELD", "Rencontres et événements organisés", "Meetings and events held",
            IndicatorUnit.Count, IndicatorKind.Incremental, Disaggregation.None),
    ];

    public static IReadOnlyList<EligibilityCriterion> EligibilityCriteria() =>
    [
        new("MEMBER_IN_GOOD_STANDING", "Le demandeur est membre de l'association et à jour de ses cotisations.", "The applicant is a member of the association and has paid its dues.", 1),
        new("LOCAL_AUTHORITY_LEAD", "Le projet est porté par l'autorité locale elle-même.", "The project is led by the local authority itself.", 2),
        new("THEME_IN_SCOPE", "Le projet relève d'un axe de coopération de l'association.", "The project falls under one of the association's cooperation themes.", 3),
        new("LOCAL_CONTRIBUTION", "La contribution locale ou les cofinancements sont identifiés.", "The local contribution or co-financing is identified.", 4),
        new("PREVIOUS_REPORTS", "Les rapports des projets précédents ont été remis.", "Reports of previous projects have been delivered.", 5),
        new("SUSTAINABILITY", "L'exploitation et l'entretien après le projet sont prévus.", "Operation and maintenance after the project are planned.", 6),
    ];

    /// <summary>Rates for converting amounts to euros. The CFA francs are pegged to the euro at 655.957 since
    /// 1 January 1999, so their rate is a fact. The CHF, USD and CAD rates are ILLUSTRATIVE (close to the ECB's
    /// end-2019 reference rates): one rate from 2020 on, so that the sample's totals can be computed out of the
    /// box. An administrator replaces them with the rates the association actually uses; each currency is
    /// seeded only when it has no rate at all.</summary>
    public static IReadOnlyList<ExchangeRate> ExchangeRates() =>
    [
        new("XOF", new DateOnly(1999, 1, 1), 655.957m),
        new("XAF", new DateOnly(1999, 1, 1), 655.957m),
        new("CHF", new DateOnly(2020, 1, 1), 1.0854m),
        new("USD", new DateOnly(2020, 1, 1), 1.1234m),
        new("CAD", new DateOnly(2020, 1, 1), 1.4598m),
    ];

    public static async Task EnsureAsync(ApplicationDbContext db, CancellationToken ct)
    {
        var criteria = await db.EligibilityCriteria.Select(c => c.Code).ToListAsync(ct);
        db.EligibilityCriteria.AddRange(EligibilityCriteria().Where(c => !criteria.Contains(c.Code)));
        var themes = await db.Themes.Select(t => t.Code).ToListAsync(ct);
        db.Themes.AddRange(Themes().Where(t => !themes.Contains(t.Code)));
        var instruments = await db.FundingInstruments.Select(i => i.Code).ToListAsync(ct);
        db.FundingInstruments.AddRange(Instruments().Where(i => !instruments.Contains(i.Code)));
        var indicators = await db.Indicators.Select(i => i.Code).ToListAsync(ct);
        db.Indicators.AddRange(Indicators().Where(i => !indicators.Contains(i.Code)));
        var rated = await db.ExchangeRates.Select(r => r.Currency).Distinct().ToListAsync(ct);
        db.ExchangeRates.AddRange(ExchangeRates().Where(r => !rated.Contains(r.Currency)));
        await db.SaveChangesAsync(ct);
    }
}
