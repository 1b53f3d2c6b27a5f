namespace ProjectPortfolio.Application.Reports;

/// <summary>The words of the reports in French (the default) and English. Kept next to the report code, not in
/// the web layer's resources, because a report's language is chosen per request (?lang=) and not by the
/// reader's culture. The wording follows the pages' (SharedResource.resx) so that a donor reads the same
/// terms on screen and on paper.</summary>
public sealed class ReportTexts
{
    private readonly bool _english;

    private ReportTexts(bool english) => _english = english;

    public static ReportTexts For(string language) => language == "en" ? English : French;

    private static readonly ReportTexts French = new(false);
    private static readonly ReportTexts English = new(true);

    private string T(string fr, string en) => _english ? en : fr;

    public string FactSheet => T("Fiche projet", "Project fact sheet");
    public string OnlyInFrench => T("(texte disponible en français uniquement)", "(available in French only)");
    public string FrenchOnlyMark => T("(en français)", "(in French)");

    public string Identity => T("Identification", "Identification");
    public string Code => T("Code", "Code");
    public string Title => T("Titre", "Title");
    public string LeadMember => T("Membre porteur", "Lead member");
    public string Country => T("Pays", "Country");
    public string Theme => T("Axe", "Theme");
    public string Instrument => T("Guichet", "Funding instrument");
    public string Programme => T("Programme", "Programme");
    public string StatusLabel => T("Statut", "Status");
    public string PlannedPeriod => T("Période prévue", "Planned period");
    public string ActualPeriod => T("Période effective", "Actual period");
    public string Continues => T("Suite de", "Continues");
    public string ContinuedBy => T("Poursuivi par", "Continued by");

    public string Summary => T("Résumé", "Summary");
    public string NoSummary => T("Aucun résumé.", "No summary.");
    public string PartnerMembers => T("Membres partenaires", "Partner members");
    public string NoPartnerMembers => T("Aucun membre partenaire.", "No partner member.");

    public string Budget => T("Budget et cofinancements", "Budget and co-financing");
    public string Grant => T("Subvention accordée", "Awarded grant");
    public string CoFinancingTotal => T("Cofinancements", "Co-financing");
    public string TotalFunding => T("Financement total", "Total funding");
    public string Partner => T("Partenaire", "Partner");
    public string Amount => T("Montant", "Amount");
    public string Received => T("Reçu", "Received");
    public string Total => T("Total", "Total");
    public string NoCoFinancing => T("Aucun cofinancement enregistré.", "No co-financing recorded.");
    public string FundingBySource => T("Répartition du financement", "Funding by source");
    public string FundingBySourceCaption(string currency) =>
        T($"Montants en {currency}, rapportés à la plus grande contribution.", $"Amounts in {currency}, relative to the largest contribution.");
    public string AimfGrant => T("Subvention AIMF", "AIMF grant");

    public string Tranches => T("Tranches de décaissement", "Disbursement tranches");
    public string PlannedDate => T("Date prévue", "Planned date");
    public string PaidDate => T("Date de versement", "Payment date");
    public string Paid => T("Versé", "Paid");
    public string Disbursed => T("Décaissé", "Disbursed");
    public string RemainingBalance => T("Solde restant à verser", "Remaining balance");
    public string DisbursedOfGrant => T("Décaissement de la subvention", "Grant disbursed");
    public string NoTranches => T("Aucune tranche de décaissement prévue.", "No disbursement tranche planned.");

    public string Milestones => T("Jalons", "Milestones");
    public string Milestone => T("Jalon", "Milestone");
    public string ActualDate => T("Date effective", "Actual date");
    public string NoMilestones => T("Aucun jalon planifié.", "No milestone planned.");

    public string Indicators => T("Indicateurs et cibles", "Indicators and targets");
    public string Indicator => T("Indicateur", "Indicator");
    public string Baseline => T("Référence", "Baseline");
    public string Target => T("Cible", "Target");
    public string Achieved => T("Réalisé", "Achieved");
    public string TargetDate => T("Échéance", "Target date");
    public string Progress => T("Avancement", "Progress");
    public string NoTargets => T("Aucune cible d'indicateur définie.", "No indicator target set.");
    public string NotMeasured => T("non mesuré", "not measured");
    public string ProgressCaption =>
        T("Avancement de la valeur de référence vers la cible ; seules les mesures approuvées comptent.",
          "Progress from the baseline towards the target; only approved measurements count.");

    public string PortfolioReport => T("Rapport de portefeuille", "Portfolio report");
    public string PortfolioReportTitle => T("Portefeuille de projets", "Project portfolio");
    public string DonorReportTitle(string donor) => T($"Rapport au bailleur — {donor}", $"Donor report — {donor}");
    public string Scope => T("Périmètre", "Scope");
    public string GeneratedOn => T("Établi le", "Issued on");
    public string WholePortfolio => T("Tout le portefeuille", "The whole portfolio");
    public string CoFinancedBy(string partner) => T($"bailleur\u00A0: {partner}", $"donor: {partner}");
    public string PeriodFromTo(string from, string to) => T($"du {from} au {to}", $"from {from} to {to}");
    public string PeriodFrom(string from) => T($"depuis le {from}", $"since {from}");
    public string PeriodTo(string to) => T($"jusqu'au {to}", $"until {to}");
    public string KeyFigures => T("Chiffres clés", "Key figures");
    public string ProjectsCount => T("Projets", "Projects");
    public string ByStatus => T("Par statut", "By status");
    public string AwardedTotal => T("Subventions accordées", "Grants awarded");
    public string DisbursedInPeriod => T("Décaissé sur la période", "Disbursed in the period");
    public string DisbursedOfAwarded => T("Décaissement des subventions", "Grants disbursed");
    public string AmountsInEuros =>
        T("Montants en euros, convertis au taux en vigueur à la date de chaque montant ; les mêmes chiffres que le tableau de bord.",
          "Amounts in euros, converted at the rate in force on each amount's date; the same figures as the dashboard.");
    public string MissingRates(string currencies) =>
        T($"Sans taux de change, les montants en {currencies} ne sont pas comptés dans ces totaux.",
          $"Without an exchange rate, the amounts in {currencies} are not included in these totals.");
    public string DonorShare => T("Part du bailleur", "Donor's share");
    public string DonorCoFinancing => T("Cofinancement apporté", "Co-financing provided");
    public string TotalBudget => T("Budget total (subventions et cofinancements)", "Total budget (grants and co-financing)");
    public string ShareOfBudget => T("Part du budget", "Share of the budget");
    public string PercentOfTarget => T("% de la cible", "% of target");
    public string NoIndicatorsInScope => T("Aucun résultat ni cible d'indicateur dans ce périmètre.", "No indicator result or target in this scope.");
    public string PortfolioProgressCaption =>
        T("Réalisé par rapport à la cible, sur les projets du périmètre ; seules les mesures approuvées comptent.",
          "Achieved against target, over the projects in scope; only approved measurements count.");
    public string ProjectsHeading(int count) => T($"Les projets ({count})", $"The projects ({count})");
    public string NoProjectsInScope => T("Aucun projet dans ce périmètre.", "No project in this scope.");
    public string CoFinancers => T("Cofinanceurs", "Co-financers");
    public string CountedIn(string code) => T($"compté dans {code}", $"counted in {code}");
    /// <summary>"Label : value" with the French no-break space before the colon, "Label: value" in English.</summary>
    public string Colon(string label, string value) => T($"{label}\u00A0: {value}", $"{label}: {value}");

    public string Status(Domain.Projects.ProjectStatus status) => status switch
    {
        Domain.Projects.ProjectStatus.Approved => T("Approuvé", "Approved"),
        Domain.Projects.ProjectStatus.Ongoing => T("En cours", "Ongoing"),
        Domain.Projects.ProjectStatus.Suspended => T("Suspendu", "Suspended"),
        Domain.Projects.ProjectStatus.Completed => T("Achevé", "Completed"),
        Domain.Projects.ProjectStatus.Closed => T("Clôturé", "Closed"),
        Domain.Projects.ProjectStatus.Cancelled => T("Annulé", "Cancelled"),
        _ => status.ToString(),
    };

    public string Status(Domain.Projects.CoFinancingStatus status) => status switch
    {
        Domain.Projects.CoFinancingStatus.Expected => T("Attendu", "Expected"),
        Domain.Projects.CoFinancingStatus.Confirmed => T("Confirmé", "Confirmed"),
        _ => status.ToString(),
    };

    public string Status(Domain.Projects.MilestoneStatus status, bool late) => late ? T("En retard", "Late") : status switch
    {
        Domain.Projects.MilestoneStatus.Planned => T("Prévu", "Planned"),
        Domain.Projects.MilestoneStatus.Done => T("Réalisé", "Done"),
        Domain.Projects.MilestoneStatus.Cancelled => T("Annulé", "Cancelled"),
        _ => status.ToString(),
    };
}
