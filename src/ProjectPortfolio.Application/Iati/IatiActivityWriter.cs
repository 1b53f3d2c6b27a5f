using System.Globalization;
using System.Text;
using System.Xml;
using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Application.Iati;

/// <summary>Writes an <see cref="IatiExport"/> as an IATI 2.03 activity file, element by element to the stream
/// (no document is built in memory), in the order the schema's sequences require. The writer escapes text; it
/// cannot write characters that XML forbids (control characters), so those are left out of the text.</summary>
public static class IatiActivityWriter
{
    public const string Version = "2.03";
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    public static async Task WriteAsync(IatiExport export, Stream output, CancellationToken cancellationToken)
    {
        var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true, CloseOutput = false };
        await using var xml = XmlWriter.Create(output, settings);
        var w = new Writer(xml);
        await xml.WriteStartDocumentAsync();
        await w.Start("iati-activities");
        await w.Attribute("version", Version);
        await w.Attribute("generated-datetime", export.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        foreach (var activity in export.Activities)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await WriteActivityAsync(w, export.Publisher, activity);
            // Each activity goes out as it is written: the response's memory does not grow with the portfolio.
            await xml.FlushAsync();
        }
        await w.End();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }

    private static async Task WriteActivityAsync(Writer w, IatiOptions publisher, IatiActivity a)
    {
        await w.Start("iati-activity");
        await w.Language("fr");
        await w.Attribute("default-currency", a.Currency);

        await w.Element("iati-identifier", $"{publisher.ReportingOrgRef}-{a.Code}");

        await w.Start("reporting-org");
        await w.Attribute("ref", publisher.ReportingOrgRef);
        await w.Attribute("type", publisher.ReportingOrgType);
        await w.Narrative(publisher.ReportingOrgName);
        await w.End();

        await w.Start("title");
        await w.Narrative(a.Title, "fr");
        if (a.TitleEn is not null) await w.Narrative(a.TitleEn, "en");
        await w.End();

        // The schema wants a description; a project without a summary is described by its title.
        await w.Start("description");
        await w.Attribute("type", "1");
        await w.Narrative(a.Summary ?? a.Title, "fr");
        if ((a.Summary is null ? a.TitleEn : a.SummaryEn) is { } english) await w.Narrative(english, "en");
        await w.End();

        // The association funds with its grant and co-financers with theirs; the members carry the project out.
        await Organisation(w, "1", publisher.ReportingOrgType, publisher.ReportingOrgName, publisher.ReportingOrgRef);
        foreach (var funder in a.Funders) await Organisation(w, "1", funder.Type, funder.Name, null);
        await Organisation(w, "4", a.LeadMember.Type, a.LeadMember.Name, null);
        foreach (var member in a.PartnerMembers) await Organisation(w, "4", member.Type, member.Name, null);

        await w.Start("activity-status");
        await w.Attribute("code", IatiCodes.ActivityStatus(a.Status));
        await w.End();

        await ActivityDate(w, "1", a.PlannedStart);
        if (a.ActualStart is { } actualStart) await ActivityDate(w, "2", actualStart);
        await ActivityDate(w, "3", a.PlannedEnd);
        if (a.ActualEnd is { } actualEnd) await ActivityDate(w, "4", actualEnd);

        await w.Start("recipient-country");
        await w.Attribute("code", a.Country);
        await w.Attribute("percentage", "100");
        await w.End();

        await w.Start("sector");
        await w.Attribute("vocabulary", "1");
        await w.Attribute("code", a.DacSectorCode);
        await w.Attribute("percentage", "100");
        await w.End();

        // FinanceType 110: standard grant, for the grant and every payment of it.
        await w.Start("default-finance-type");
        await w.Attribute("code", "110");
        await w.End();

        // BudgetType 1 (original), BudgetStatus 2 (committed): the awarded grant over the planned period.
        await w.Start("budget");
        await w.Attribute("type", "1");
        await w.Attribute("status", "2");
        await DateElement(w, "period-start", a.PlannedStart);
        await DateElement(w, "period-end", a.PlannedEnd);
        await Value(w, a.GrantMinor, a.Currency, a.PlannedStart);
        await w.End();

        // TransactionType 2: outgoing commitment (the award); 3: disbursement (a paid tranche).
        await Transaction(w, "2", a.CommittedOn, a.GrantMinor, a, publisher);
        foreach (var payment in a.Disbursements) await Transaction(w, "3", payment.PaidOn, payment.Minor, a, publisher);

        foreach (var result in a.Results) await Result(w, result, a);

        await w.End();
    }

    private static async Task Organisation(Writer w, string role, string type, string name, string? reference)
    {
        await w.Start("participating-org");
        if (reference is not null) await w.Attribute("ref", reference);
        await w.Attribute("type", type);
        await w.Attribute("role", role);
        await w.Narrative(name);
        await w.End();
    }

    private static async Task ActivityDate(Writer w, string type, DateOnly date)
    {
        await w.Start("activity-date");
        await w.Attribute("type", type);
        await w.Attribute("iso-date", Iso(date));
        await w.End();
    }

    private static async Task Transaction(Writer w, string type, DateOnly date, long minor, IatiActivity a, IatiOptions publisher)
    {
        await w.Start("transaction");
        await w.Start("transaction-type");
        await w.Attribute("code", type);
        await w.End();
        await DateElement(w, "transaction-date", date);
        await Value(w, minor, a.Currency, date);
        await w.Start("provider-org");
        await w.Attribute("ref", publisher.ReportingOrgRef);
        await w.Attribute("type", publisher.ReportingOrgType);
        await w.Narrative(publisher.ReportingOrgName);
        await w.End();
        await w.Start("receiver-org");
        await w.Attribute("type", a.LeadMember.Type);
        await w.Narrative(a.LeadMember.Name);
        await w.End();
        await w.End();
    }

    /// <summary>ResultType 1 (output): the indicators count what the projects deliver. The target is the
    /// project's, over a period from the planned start to its target date; each approved value is a period with
    /// its actual, then one actual per disaggregated part with its sex and age dimensions.</summary>
    private static async Task Result(Writer w, IatiResult r, IatiActivity a)
    {
        await w.Start("result");
        await w.Attribute("type", "1");
        await w.Start("title");
        await w.Narrative(r.NameFr, "fr");
        await w.Narrative(r.NameEn, "en");
        await w.End();

        await w.Start("indicator");
        await w.Attribute("measure", IatiCodes.IndicatorMeasure(r.Unit));
        await w.Attribute("ascending", "1");
        await w.Start("title");
        await w.Narrative(r.NameFr, "fr");
        await w.Narrative(r.NameEn, "en");
        await w.End();

        if (r.Target is { } target)
        {
            await w.Start("baseline");
            await w.Attribute("year", a.PlannedStart.Year.ToString(CultureInfo.InvariantCulture));
            await w.Attribute("iso-date", Iso(a.PlannedStart));
            await w.Attribute("value", Number(target.Baseline));
            await w.End();
        }

        if (r.Target is { } goal)
        {
            await w.Start("period");
            await DateElement(w, "period-start", goal.TargetDate < a.PlannedStart ? goal.TargetDate : a.PlannedStart);
            await DateElement(w, "period-end", goal.TargetDate);
            await w.Start("target");
            await w.Attribute("value", Number(goal.Target));
            await w.End();
            await w.End();
        }

        foreach (var period in r.Periods)
        {
            await w.Start("period");
            await DateElement(w, "period-start", period.Start);
            await DateElement(w, "period-end", period.End);
            await w.Start("actual");
            await w.Attribute("value", Number(period.Value));
            await w.End();
            foreach (var part in period.Parts)
            {
                await w.Start("actual");
                await w.Attribute("value", Number(part.Value));
                if (part.Sex is { } sex) await Dimension(w, "sex", IatiCodes.Sex(sex));
                if (part.AgeGroup is { } age) await Dimension(w, "age", IatiCodes.Age(age));
                await w.End();
            }
            await w.End();
        }

        await w.End();
        await w.End();
    }

    private static async Task Dimension(Writer w, string name, string value)
    {
        await w.Start("dimension");
        await w.Attribute("name", name);
        await w.Attribute("value", value);
        await w.End();
    }

    private static async Task DateElement(Writer w, string name, DateOnly date)
    {
        await w.Start(name);
        await w.Attribute("iso-date", Iso(date));
        await w.End();
    }

    private static async Task Value(Writer w, long minor, string currency, DateOnly valueDate)
    {
        await w.Start("value");
        await w.Attribute("currency", currency);
        await w.Attribute("value-date", Iso(valueDate));
        await w.Text(Currencies.ToMajor(minor, currency).ToString(CultureInfo.InvariantCulture));
        await w.End();
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(double value) => XmlConvert.ToString(value);

    /// <summary>Thin async calls on the XmlWriter (the response stream accepts no synchronous writes).</summary>
    private sealed class Writer(XmlWriter xml)
    {
        public Task Start(string name) => xml.WriteStartElementAsync(null, name, null);

        public Task End() => xml.WriteEndElementAsync();

        public Task Attribute(string name, string value) => xml.WriteAttributeStringAsync(null, name, null, Clean(value));

        public Task Language(string language) => xml.WriteAttributeStringAsync("xml", "lang", XmlNamespace, language);

        public Task Text(string text) => xml.WriteStringAsync(Clean(text));

        public async Task Element(string name, string text)
        {
            await Start(name);
            await Text(text);
            await End();
        }

        public async Task Narrative(string text, string? language = null)
        {
            await Start("narrative");
            if (language is not null) await Language(language);
            await Text(text);
            await End();
        }

        /// <summary>The text without the characters XML 1.0 cannot carry, even escaped (U+0000-U+001F but tab and
        /// line breaks, unpaired surrogates, U+FFFE/U+FFFF).</summary>
        private static string Clean(string text)
        {
            if (text.All(XmlConvert.IsXmlChar)) return text;
            var kept = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                if (XmlConvert.IsXmlChar(text[i])) kept.Append(text[i]);
                else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
                {
                    kept.Append(text[i]).Append(text[i + 1]);
                    i++;
                }
            }
            return kept.ToString();
        }
    }
}
