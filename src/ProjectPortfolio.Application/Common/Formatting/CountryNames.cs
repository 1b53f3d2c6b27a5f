using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Application.Common.Formatting;

/// <summary>Country names in French and English for the countries of the francophone world and its partners.
/// ICU's own names are not reliable on every server (some return the native name), so we carry ours.</summary>
public static class CountryNames
{
    private static readonly Dictionary<string, (string Fr, string En)> Names = new()
    {
        ["AD"] = ("Andorre", "Andorra"), ["AL"] = ("Albanie", "Albania"), ["AM"] = ("Arménie", "Armenia"), ["AT"] = ("Autriche", "Austria"),
        ["BE"] = ("Belgique", "Belgium"), ["BF"] = ("Burkina Faso", "Burkina Faso"), ["BG"] = ("Bulgarie", "Bulgaria"), ["BI"] = ("Burundi", "Burundi"),
        ["BJ"] = ("Bénin", "Benin"), ["CA"] = ("Canada", "Canada"), ["CD"] = ("République démocratique du Congo", "Democratic Republic of the Congo"),
        ["CF"] = ("République centrafricaine", "Central African Republic"), ["CG"] = ("Congo", "Congo"), ["CH"] = ("Suisse", "Switzerland"),
        ["CI"] = ("Côte d'Ivoire", "Côte d'Ivoire"), ["CM"] = ("Cameroun", "Cameroon"), ["CV"] = ("Cap-Vert", "Cabo Verde"), ["CY"] = ("Chypre", "Cyprus"),
        ["DE"] = ("Allemagne", "Germany"), ["DJ"] = ("Djibouti", "Djibouti"), ["DM"] = ("Dominique", "Dominica"), ["DZ"] = ("Algérie", "Algeria"),
        ["EG"] = ("Égypte", "Egypt"), ["ES"] = ("Espagne", "Spain"), ["FR"] = ("France", "France"), ["GA"] = ("Gabon", "Gabon"), ["GB"] = ("Royaume-Uni", "United Kingdom"),
        ["GH"] = ("Ghana", "Ghana"), ["GN"] = ("Guinée", "Guinea"), ["GQ"] = ("Guinée équatoriale", "Equatorial Guinea"), ["GR"] = ("Grèce", "Greece"),
        ["GW"] = ("Guinée-Bissau", "Guinea-Bissau"), ["HT"] = ("Haïti", "Haiti"), ["IT"] = ("Italie", "Italy"), ["KH"] = ("Cambodge", "Cambodia"),
        ["KM"] = ("Comores", "Comoros"), ["LA"] = ("Laos", "Laos"), ["LB"] = ("Liban", "Lebanon"), ["LU"] = ("Luxembourg", "Luxembourg"),
        ["MA"] = ("Maroc", "Morocco"), ["MC"] = ("Monaco", "Monaco"), ["MD"] = ("Moldavie", "Moldova"), ["MG"] = ("Madagascar", "Madagascar"),
        ["MK"] = ("Macédoine du Nord", "North Macedonia"), ["ML"] = ("Mali", "Mali"), ["MR"] = ("Mauritanie", "Mauritania"), ["MU"] = ("Maurice", "Mauritius"),
        ["NE"] = ("Niger", "Niger"), ["NL"] = ("Pays-Bas", "Netherlands"), ["QA"] = ("Qatar", "Qatar"), ["RO"] = ("Roumanie", "Romania"),
        ["RS"] = ("Serbie", "Serbia"), ["RW"] = ("Rwanda", "Rwanda"), ["SC"] = ("Seychelles", "Seychelles"), ["SN"] = ("Sénégal", "Senegal"),
        ["ST"] = ("Sao Tomé-et-Principe", "São Tomé and Príncipe"), ["TD"] = ("Tchad", "Chad"), ["TG"] = ("Togo", "Togo"), ["TN"] = ("Tunisie", "Tunisia"),
        ["US"] = ("États-Unis", "United States"), ["VN"] = ("Viêt Nam", "Viet Nam"), ["VU"] = ("Vanuatu", "Vanuatu"),
    };

    /// <summary>The name of an ISO alpha-2 code in the given language; an unknown code is shown as the code.</summary>
    public static string Get(string? code, bool english)
    {
        if (string.IsNullOrEmpty(code)) return "—";
        return Names.TryGetValue(code.ToUpperInvariant(), out var name) ? (english ? name.En : name.Fr) : code.ToUpperInvariant();
    }

    public static bool IsNamed(string code) => Names.ContainsKey(code);
}
