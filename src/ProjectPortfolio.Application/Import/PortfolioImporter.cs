using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Domain.Applications;
using ProjectPortfolio.Domain.BureauSessions;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Finance;
using ProjectPortfolio.Domain.Indicators;
using ProjectPortfolio.Domain.Members;
using ProjectPortfolio.Domain.Partners;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Application.Import;

public sealed record ImportResult(IReadOnlyList<string> Errors, int Members, int Partners, int Programmes, int Projects, int Sessions, int Applications, int Measurements)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>Imports a portfolio file (docs/import-format.md) in one transaction. Every record is rebuilt through
/// the domain's own methods (submit, screen, decide, pay, approve...), so imported history obeys the same rules
/// as history made in the application; any broken rule is reported with its record and nothing is saved.</summary>
public sealed class PortfolioImporter(IApplicationDbContext db, TimeProvider clock)
{
    public const string FormatName = "projectportfolio/1";
    private const string ImportSubmitter = "import";
    private const string ImportReviewer = "import (historical review)";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.Strict,
    };

    private readonly List<string> _errors = [];

    public async Task<ImportResult> ImportAsync(Stream json, CancellationToken cancellationToken)
    {
        PortfolioFile? file;
        try
        {
            file = await JsonSerializer.DeserializeAsync<PortfolioFile>(json, JsonOptions, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Failed($"file: {ex.Path ?? "$"} (line {(ex.LineNumber ?? 0) + 1}): {ex.Message.Split(" Path:")[0]}");
        }
        if (file is null) return Failed("file: the document is empty.");
        if (file.Format != FormatName) return Failed($"file: format must be \"{FormatName}\" (found \"{file.Format}\").");

        var now = clock.GetUtcNow().UtcDateTime;
        var themes = await db.Themes.ToDictionaryAsync(t => t.Code, cancellationToken);
        var instruments = await db.FundingInstruments.ToDictionaryAsync(i => i.Code, cancellationToken);
        var indicators = await db.Indicators.ToDictionaryAsync(i => i.Code, cancellationToken);
        var members = await db.Members.ToDictionaryAsync(m => m.Code, m => m.Id, cancellationToken);
        var partners = await db.Partners.ToDictionaryAsync(p => p.Code, p => p.Id, cancellationToken);
        var programmes = await db.Programmes.ToDictionaryAsync(p => p.Code, p => p.Id, cancellationToken);
        var exchangeRates = await db.ExchangeRates.AsNoTracking().ToListAsync(cancellationToken);
        RateTable RatesOn(DateOnly date) => RateTable.On(exchangeRates, date);
        var existingProjects = await db.Projects.Select(p => p.Code).ToListAsync(cancellationToken);
        var existingSessions = await db.BureauSessions.Select(s => s.Code).ToListAsync(cancellationToken);
        var existingApplications = await db.GrantApplications.Select(a => a.Reference).ToListAsync(cancellationToken);

        var newMembers = new List<Member>();
        var newPartners = new List<Partner>();
        var newProgrammes = new List<Programme>();
        var projects = new Dictionary<string, Project>();
        var sessions = new Dictionary<string, (BureauSession Session, SessionStatus Target)>();
        var applications = new List<GrantApplication>();
        var measurements = new List<IndicatorMeasurement>();

        Each(file.Members, "members", m => m.Code, (m, at) =>
        {
            if (members.ContainsKey(Upper(m.Code))) { at("code", "this code already exists"); return; }
            var member = new Member(m.Code!, m.Name!, ParseEnum<MemberKind>(m.Kind, "kind"), m.Country!, m.Region);
            members[member.Code] = member.Id;
            newMembers.Add(member);
        });
        Each(file.Partners, "partners", p => p.Code, (p, at) =>
        {
            if (partners.ContainsKey(Upper(p.Code))) { at("code", "this code already exists"); return; }
            var partner = new Partner(p.Code!, p.Name!, ParseEnum<PartnerKind>(p.Kind, "kind"), p.Country);
            partners[partner.Code] = partner.Id;
            newPartners.Add(partner);
        });
        Each(file.Programmes, "programmes", p => p.Code, (p, at) =>
        {
            if (programmes.ContainsKey(Upper(p.Code))) { at("code", "this code already exists"); return; }
            var programme = new Programme(p.Code!, p.Name!, p.Description);
            programmes[programme.Code] = programme.Id;
            newProgrammes.Add(programme);
        });

        Each(file.Projects, "projects", p => p.Code, (p, at) =>
        {
            var code = Upper(p.Code);
            if (existingProjects.Contains(code) || projects.ContainsKey(code)) { at("code", "this code already exists"); return; }
            Guid? predecessorId = null;
            if (!string.IsNullOrWhiteSpace(p.Predecessor))
                predecessorId = projects.TryGetValue(Upper(p.Predecessor), out var predecessor) ? predecessor.Id
                    : throw new ImportFieldException("predecessor", $"no project '{p.Predecessor}' earlier in the file");
            var details = new ProjectDetails(p.Title!, p.TitleEn, p.Summary, p.SummaryEn, Ref(members, p.LeadMember, "leadMember"),
                p.Country!, Theme(themes, p.Theme).Id, Instrument(instruments, p.Instrument).Id,
                string.IsNullOrWhiteSpace(p.Programme) ? null : Ref(programmes, p.Programme, "programme"),
                Required(p.PlannedStart, "plannedStart"), Required(p.PlannedEnd, "plannedEnd"), p.ActualStart, p.ActualEnd);
            var project = new Project(p.Code!, details, ToMoney(p.Grant, "grant"), predecessorId, null);
            project.SetPartnerMembers((p.PartnerMembers ?? []).Select(m => Ref(members, m, "partnerMembers")));
            foreach (var step in Project.PathFromApproved(ParseEnum<ProjectStatus>(p.Status, "status"))) project.ChangeStatus(step);

            foreach (var (c, i) in Indexed(p.CoFinancing))
                project.AddCoFinancing(Ref(partners, c.Partner, $"coFinancing[{i}].partner"), ToMoney(c.Amount, $"coFinancing[{i}].amount"),
                    ParseEnum<CoFinancingStatus>(c.Status, $"coFinancing[{i}].status"), c.Received is null ? null : ToMoney(c.Received, $"coFinancing[{i}].received"));
            foreach (var (t, i) in Indexed(p.Tranches))
            {
                var tranche = project.AddTranche(Required(t.PlannedDate, $"tranches[{i}].plannedDate"), ToMoney(t.Amount, $"tranches[{i}].amount"));
                if (t.PaidDate is not null || t.PaidAmount is not null)
                    project.PayTranche(tranche.Id, Required(t.PaidDate, $"tranches[{i}].paidDate"), ToMoney(t.PaidAmount ?? t.Amount, $"tranches[{i}].paidAmount"));
            }
            foreach (var (m, i) in Indexed(p.Milestones))
            {
                var milestone = project.AddMilestone(m.Title!, m.TitleEn, Required(m.PlannedDate, $"milestones[{i}].plannedDate"));
                switch (ParseEnum<MilestoneStatus>(m.Status, $"milestones[{i}].status"))
                {
                    case MilestoneStatus.Done: project.CompleteMilestone(milestone.Id, Required(m.ActualDate, $"milestones[{i}].actualDate")); break;
                    case MilestoneStatus.Cancelled: project.CancelMilestone(milestone.Id); break;
                }
            }
            foreach (var (t, i) in Indexed(p.Targets))
            {
                var indicator = Indicator(indicators, t.Indicator, $"targets[{i}].indicator");
                if (project.HasTargetFor(indicator.Id)) throw new ImportFieldException($"targets[{i}].indicator", "one target per indicator");
                project.SetTarget(indicator.Id, t.Baseline ?? 0, Required(t.Target, $"targets[{i}].target"), Required(t.TargetDate, $"targets[{i}].targetDate"));
            }
            var periods = new HashSet<(Guid, DateOnly, DateOnly)>();
            foreach (var (m, i) in Indexed(p.Measurements))
            {
                var field = $"measurements[{i}]";
                var indicator = Indicator(indicators, m.Indicator, $"{field}.indicator");
                if (!project.HasTargetFor(indicator.Id)) throw new ImportFieldException($"{field}.indicator", $"the project has no target for {indicator.Code}");
                var start = Required(m.PeriodStart, $"{field}.periodStart");
                var end = Required(m.PeriodEnd, $"{field}.periodEnd");
                if (!periods.Add((indicator.Id, start, end))) throw new ImportFieldException($"{field}.periodStart", "a measurement for this indicator and period already exists");
                var parts = (m.Disaggregation ?? []).Select((d, j) => new MeasurementPart(
                    string.IsNullOrEmpty(d.Sex) ? null : ParseEnum<Sex>(d.Sex, $"{field}.disaggregation[{j}].sex"),
                    string.IsNullOrEmpty(d.AgeGroup) ? null : ParseAgeGroup(d.AgeGroup, $"{field}.disaggregation[{j}].ageGroup"),
                    Required(d.Value, $"{field}.disaggregation[{j}].value")));
                var measurement = new IndicatorMeasurement(project.Id, indicator, start, end, Required(m.Value, $"{field}.value"), parts, m.Evidence);
                switch (ParseEnum<MeasurementStatus>(m.Status, $"{field}.status"))
                {
                    case MeasurementStatus.Submitted: measurement.Submit(ImportSubmitter, now); break;
                    case MeasurementStatus.Approved: measurement.Submit(ImportSubmitter, now); measurement.Approve(ImportReviewer, now); break;
                    case MeasurementStatus.Returned: measurement.Submit(ImportSubmitter, now); measurement.Return(ImportReviewer, now, "Returned before import."); break;
                }
                measurements.Add(measurement);
            }
            projects[project.Code] = project;
        });

        Each(file.BureauSessions, "bureauSessions", s => s.Code, (s, at) =>
        {
            var code = Upper(s.Code);
            if (existingSessions.Contains(code) || sessions.ContainsKey(code)) { at("code", "this code already exists"); return; }
            var session = new BureauSession(s.Code!, Required(s.Date, "date"), s.Place!);
            foreach (var (e, i) in Indexed(s.Envelopes))
                session.SetEnvelope(Instrument(instruments, e.Instrument, $"envelopes[{i}].instrument").Id, ToMoney(e.Amount, $"envelopes[{i}].amount"));
            sessions[session.Code] = (session, ParseEnum<SessionStatus>(s.Status, "status"));
        });

        var references = new HashSet<string>(existingApplications);
        Each(file.Applications, "applications", a => a.Reference, (a, at) =>
        {
            if (!references.Add(Upper(a.Reference))) { at("reference", "this reference already exists"); return; }
            var kind = ParseEnum<ApplicationKind>(a.Kind, "kind");
            Guid? continues = null;
            if (!string.IsNullOrWhiteSpace(a.Continues))
                continues = projects.TryGetValue(Upper(a.Continues), out var continued) ? continued.Id
                    : throw new ImportFieldException("continues", $"no project '{a.Continues}' in the file");
            var requested = a.Requested is null ? null : ToMoney(a.Requested, "requested", positive: true);
            var totalBudget = a.TotalBudget is null ? null : ToMoney(a.TotalBudget, "totalBudget", positive: true);
            var application = new GrantApplication(a.Reference!, Ref(members, a.Applicant, "applicant"), kind, continues, a.Title!,
                requested?.Currency ?? "EUR");
            application.EditDraft(a.Title!, a.TitleEn, a.Summary, a.SummaryEn,
                string.IsNullOrWhiteSpace(a.Theme) ? null : Theme(themes, a.Theme).Id,
                string.IsNullOrWhiteSpace(a.Instrument) ? null : Instrument(instruments, a.Instrument).Id,
                requested, totalBudget, a.PlannedStart, a.PlannedEnd);
            application.SetCoFinancing(Indexed(a.CoFinancing).Select(x => (Ref(partners, x.Item.Partner, $"coFinancing[{x.Index}].partner"),
                ToMoney(x.Item.Amount, $"coFinancing[{x.Index}].amount"), ParseEnum<CoFinancingStatus>(x.Item.Status, $"coFinancing[{x.Index}].status"))));
            application.SetExpectedResults(Indexed(a.ExpectedResults).Select(x => (Indicator(indicators, x.Item.Indicator, $"expectedResults[{x.Index}].indicator").Id,
                Required(x.Item.Target, $"expectedResults[{x.Index}].target"))));
            AdvanceApplication(application, ParseEnum<ApplicationStatus>(a.Status, "status"), a, sessions, projects, now, RatesOn);
            applications.Add(application);
        });

        foreach (var (code, (session, target)) in sessions)
        {
            try
            {
                if (target != SessionStatus.Planned && session.Status == SessionStatus.Planned) session.MarkHeld();
                if (target == SessionStatus.Closed) session.Close(applications.Where(a => session.IsOnAgenda(a.Id)), now);
            }
            catch (DomainException ex) { _errors.Add($"bureauSessions ({code}).status: {ex.Message}"); }
        }

        if (_errors.Count > 0) return Failed();

        return await db.InTransactionAsync(async ct =>
        {
            db.Members.AddRange(newMembers);
            db.Partners.AddRange(newPartners);
            db.Programmes.AddRange(newProgrammes);
            db.Projects.AddRange(projects.Values);
            db.IndicatorMeasurements.AddRange(measurements);
            db.BureauSessions.AddRange(sessions.Values.Select(s => s.Session));
            db.GrantApplications.AddRange(applications);
            await db.SaveChangesAsync(ct);
            return new ImportResult([], newMembers.Count, newPartners.Count, newProgrammes.Count, projects.Count, sessions.Count, applications.Count, measurements.Count);
        }, cancellationToken);
    }

    private static void AdvanceApplication(GrantApplication application, ApplicationStatus target, ApplicationRecord a,
        Dictionary<string, (BureauSession Session, SessionStatus Target)> sessions, Dictionary<string, Project> projects, DateTime now,
        Func<DateOnly, RateTable> ratesOn)
    {
        if (target == ApplicationStatus.Draft) return;
        if (target == ApplicationStatus.Withdrawn) { application.Withdraw(); return; }
        application.Submit(now, ratesOn(application.PlannedStart ?? DateOnly.FromDateTime(now)));
        if (target == ApplicationStatus.Submitted) return;
        // Past applications were screened on paper: the file carries no checklist answers.
        application.RecordScreening([], [], null);
        if (target == ApplicationStatus.Screened) return;
        var decision = a.Decision;
        var recommended = target != ApplicationStatus.NotRecommended && decision?.Outcome != nameof(DecisionOutcome.Rejected);
        var proposed = decision?.Awarded is { } awardedRecord ? ToMoney(awardedRecord, "decision.awarded") : new Money(application.RequestedMinor ?? 0, application.Currency);
        application.Recommend(recommended, recommended ? proposed : null, null);
        if (target is ApplicationStatus.Recommended or ApplicationStatus.NotRecommended) return;

        if (string.IsNullOrWhiteSpace(a.Session) || !sessions.TryGetValue(Upper(a.Session), out var entry))
            throw new ImportFieldException("session", $"no Bureau session '{a.Session}' in the file");
        var session = entry.Session;
        session.PlaceOnAgenda(application);
        if (target == ApplicationStatus.Scheduled) return;

        if (decision is null) throw new ImportFieldException("decision", "required for a decided application");
        var outcome = ParseEnum<DecisionOutcome>(decision.Outcome, "decision.outcome");
        if (outcome.ToString() != target.ToString())
            throw new ImportFieldException("decision.outcome", $"does not match the status {target}");
        switch (outcome)
        {
            case DecisionOutcome.Approved:
                var conditions = Indexed(decision.Conditions).Select(x => new DecisionConditionSpec(
                    ParseEnum<ConditionKind>(x.Item.Kind, $"decision.conditions[{x.Index}].kind"), x.Item.Text ?? string.Empty,
                    Required(x.Item.Deadline, $"decision.conditions[{x.Index}].deadline")));
                var approval = session.Approve(application, ToMoney(decision.Awarded, "decision.awarded"), conditions.ToList(), null, now, ratesOn(session.Date));
                if (!string.IsNullOrWhiteSpace(decision.Project))
                {
                    if (!projects.TryGetValue(Upper(decision.Project), out var project))
                        throw new ImportFieldException("decision.project", $"no project '{decision.Project}' in the file");
                    if (project.PredecessorId != application.ContinuesProjectId)
                        throw new ImportFieldException("decision.project", "the project's predecessor differs from the project the application continues");
                    approval.LinkProject(project.Id);
                    project.LinkSourceApplication(application.Id);
                }
                break;
            case DecisionOutcome.Rejected:
                session.Reject(application, decision.Reason ?? string.Empty, now);
                break;
            case DecisionOutcome.Deferred:
                session.Defer(application, decision.Reason, now);
                break;
        }
    }

    private ImportResult Failed(string? error = null)
    {
        if (error is not null) _errors.Add(error);
        return new ImportResult(_errors.ToList(), 0, 0, 0, 0, 0, 0, 0);
    }

    /// <summary>Runs <paramref name="build"/> on each record and turns a broken rule into an error naming the
    /// section, the index, the record's key and the field.</summary>
    private void Each<T>(List<T>? records, string section, Func<T, string?> key, Action<T, Action<string, string>> build)
    {
        foreach (var (record, index) in Indexed(records))
        {
            var where = $"{section}[{index}] ({key(record) ?? "?"})";
            void At(string field, string message) => _errors.Add($"{where}.{field}: {message}");
            if (record is null) { At("record", "is null"); continue; }
            try
            {
                build(record, At);
            }
            catch (ImportFieldException ex) { At(ex.Field, ex.Message); }
            catch (DomainException ex) { At(FieldOf(ex.Code), ex.Message); }
        }
    }

    private static string FieldOf(string code)
    {
        var field = code.Split('.')[0];
        return field.Length == 0 ? field : char.ToLowerInvariant(field[0]) + field[1..];
    }

    private static IEnumerable<(T Item, int Index)> Indexed<T>(List<T>? items) => (items ?? []).Select((item, index) => (item, index));

    private static string Upper(string? code) => code?.Trim().ToUpperInvariant() ?? string.Empty;

    private static T Required<T>(T? value, string field) where T : struct =>
        value ?? throw new ImportFieldException(field, "is required");

    private static TEnum ParseEnum<TEnum>(string? value, string field) where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _)
            ? parsed
            : throw new ImportFieldException(field, $"'{value}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}");

    private static AgeGroup ParseAgeGroup(string value, string field) => value switch
    {
        "0-14" => AgeGroup.Under15,
        "15-24" => AgeGroup.From15To24,
        "25-64" => AgeGroup.From25To64,
        "65+" => AgeGroup.Over64,
        _ => throw new ImportFieldException(field, $"'{value}' is not one of 0-14, 15-24, 25-64, 65+"),
    };

    private static Guid Ref(Dictionary<string, Guid> codes, string? code, string field) =>
        codes.TryGetValue(Upper(code), out var id) ? id : throw new ImportFieldException(field, $"unknown code '{code}'");

    private static Theme Theme(Dictionary<string, Theme> themes, string? code) =>
        themes.TryGetValue(code?.Trim().ToLowerInvariant() ?? string.Empty, out var theme) ? theme : throw new ImportFieldException("theme", $"unknown theme '{code}'");

    private static FundingInstrument Instrument(Dictionary<string, FundingInstrument> instruments, string? code, string field = "instrument") =>
        instruments.TryGetValue(Upper(code), out var instrument) ? instrument : throw new ImportFieldException(field, $"unknown instrument '{code}'");

    private static Indicator Indicator(Dictionary<string, Indicator> indicators, string? code, string field) =>
        indicators.TryGetValue(Upper(code), out var indicator) ? indicator : throw new ImportFieldException(field, $"unknown indicator '{code}'");

    private static Money ToMoney(MoneyRecord? money, string field, bool positive = false)
    {
        if (money is null) throw new ImportFieldException(field, "is required");
        if (positive && money.Amount <= 0) throw new ImportFieldException(field, "must be greater than zero");
        if (!Currencies.IsKnown(money.Currency)) throw new ImportFieldException(field, $"unknown currency '{money.Currency}'");
        if (!Currencies.IsRepresentable(money.Amount, money.Currency!))
            throw new ImportFieldException(field, $"{money.Amount} has too many decimals for {money.Currency} or is too large");
        return Money.FromMajor(money.Amount, money.Currency!);
    }

    private sealed class ImportFieldException(string field, string message) : Exception(message)
    {
        public string Field { get; } = field;
    }
}
