using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Domain.Applications;
using ProjectPortfolio.Domain.BureauSessions;

namespace ProjectPortfolio.Application.BureauSessions;

public sealed record SessionListItem(Guid Id, string Code, DateOnly Date, string Place, SessionStatus Status, int AgendaItems, int Approved);

[Authorize(Roles.Administrator, Roles.ProgrammeOfficer, Roles.BureauMember)]
public sealed record GetSessionsQuery : IRequest<IReadOnlyList<SessionListItem>>;

public class GetSessionsHandler(IApplicationDbContext db) : IRequestHandler<GetSessionsQuery, IReadOnlyList<SessionListItem>>
{
    public async Task<IReadOnlyList<SessionListItem>> Handle(GetSessionsQuery request, CancellationToken cancellationToken) =>
        await db.BureauSessions.AsNoTracking().OrderByDescending(s => s.Date)
            .Select(s => new SessionListItem(s.Id, s.Code, s.Date, s.Place, s.Status, s.Agenda.Count(),
                s.Decisions.Count(d => d.Outcome == DecisionOutcome.Approved)))
            .ToListAsync(cancellationToken);
}

public sealed record SessionDetail(
    Guid Id, string Code, int Version, DateOnly Date, string Place, SessionStatus Status,
    IReadOnlyList<AgendaRow> Agenda, IReadOnlyList<EnvelopeRow> Envelopes, IReadOnlyList<string> Attendance, SessionSummary Summary,
    int Quorum)
{
    public IReadOnlyList<AmendmentRow> Amendments { get; init; } = [];

    /// <summary>Currencies of awarded amounts that have no exchange rate: those amounts are left out of the envelope
    /// and summary totals (never counted at par), and the page says so.</summary>
    public IReadOnlyList<string> MissingRates { get; init; } = [];

    public bool QuorumMet => Attendance.Count >= Quorum;
}

/// <summary>How many Bureau members must attend for the session's decisions to be valid (configuration
/// "BureauSessions:Quorum", default 5).</summary>
public sealed class SessionOptions
{
    public const string Section = "BureauSessions";

    public int Quorum { get; set; } = 5;
}

public sealed record AgendaRow(int Order, Guid ApplicationId, string Reference, string Title, string ApplicantName, string Country, string? ThemeCode,
    string? InstrumentCode, ApplicationKind Kind, ApplicationStatus Status, long? RequestedMinor, long? ProposedMinor, string Currency,
    DecisionOutcome? Outcome, long? AwardedMinor, Guid? ProjectId)
{
    /// <summary>The conditions attached to an approval, in the order the Bureau set them.</summary>
    public IReadOnlyList<DecisionConditionRow> Conditions { get; init; } = [];
}

public sealed record DecisionConditionRow(ConditionKind Kind, string Text, DateOnly Deadline);

public sealed record EnvelopeRow(string InstrumentCode, string InstrumentNameFr, string InstrumentNameEn, string Currency, long AmountMinor, long AwardedMinor)
{
    public long RemainingMinor => AmountMinor - AwardedMinor;
}

public sealed record SessionSummary(
    IReadOnlyDictionary<DecisionOutcome, int> ByOutcome, int NewProjectsApproved, int ContinuationsApproved,
    IReadOnlyList<AmountRow> AwardedByInstrument, IReadOnlyList<AmountRow> AwardedByCountry);

/// <summary>A total awarded: by instrument, in the instrument's envelope currency (or the instrument's own); by
/// country, in euros. Each amount is converted at the rates in force on the session date.</summary>
public sealed record AmountRow(string Key, string Currency, long AmountMinor);

public sealed record AmendmentRow(string Reference, long PreviousAwardedMinor, long NewAwardedMinor, string Currency, string Reason, string AmendedBy, DateTime AmendedAtUtc);

[Authorize(Roles.Administrator, Roles.ProgrammeOfficer, Roles.BureauMember)]
public sealed record GetSessionDetailQuery(Guid Id) : IRequest<SessionDetail>;

public class GetSessionDetailHandler(IApplicationDbContext db, Microsoft.Extensions.Options.IOptions<SessionOptions> options, ExchangeRates.EuroConverter euros)
    : IRequestHandler<GetSessionDetailQuery, SessionDetail>
{
    public async Task<SessionDetail> Handle(GetSessionDetailQuery request, CancellationToken cancellationToken)
    {
        var session = await db.BureauSessions.AsNoTracking()
            .Include(s => s.Agenda).Include(s => s.Envelopes).Include(s => s.Attendance).Include(s => s.Decisions).ThenInclude(d => d.Amendments)
            .Include(s => s.Decisions).ThenInclude(d => d.Conditions)
            .SingleOrDefaultAsync(s => s.Id == request.Id, cancellationToken)
            ?? throw new Common.Exceptions.NotFoundException("Bureau session", request.Id);

        var applicationIds = session.Agenda.Select(a => a.ApplicationId).ToList();
        var applications = await (
            from a in db.GrantApplications.AsNoTracking()
            where applicationIds.Contains(a.Id)
            join m in db.Members on a.ApplicantMemberId equals m.Id
            select new
            {
                a.Id, a.Reference, a.Title, Applicant = m.Name, m.Country, a.Kind, a.Status, a.RequestedMinor, a.ProposedMinor, a.Currency,
                Theme = db.Themes.Where(t => t.Id == a.ThemeId).Select(t => t.Code).FirstOrDefault(),
                Instrument = db.FundingInstruments.Where(i => i.Id == a.InstrumentId).Select(i => i.Code).FirstOrDefault(),
            }).ToDictionaryAsync(a => a.Id, cancellationToken);
        var instruments = await db.FundingInstruments.AsNoTracking().ToDictionaryAsync(i => i.Id, cancellationToken);

        // New projects apart from continuations, then by country and theme: the order in which the Bureau reads its agenda.
        var agenda = session.Agenda
            .Select(item =>
            {
                var a = applications[item.ApplicationId];
                var decision = session.Decisions.SingleOrDefault(d => d.ApplicationId == item.ApplicationId);
                return new AgendaRow(item.Order, a.Id, a.Reference, a.Title, a.Applicant, a.Country, a.Theme, a.Instrument, a.Kind, a.Status,
                    a.RequestedMinor, a.ProposedMinor, a.Currency, decision?.Outcome, decision?.AwardedMinor, decision?.ProjectId)
                {
                    Conditions = decision?.Conditions.Select(c => new DecisionConditionRow(c.Kind, c.Text, c.Deadline)).ToList() ?? [],
                };
            })
            .OrderBy(r => r.Kind).ThenBy(r => r.Country).ThenBy(r => r.ThemeCode).ThenBy(r => r.Reference)
            .ToList();

        // Awarded amounts keep their own currency line by line; totals convert them into one currency first.
        var rates = await euros.RatesAsync(session.Decisions.Where(d => d.Currency is not null).Select(d => d.Currency!)
            .Concat(session.Envelopes.Select(e => e.Currency)).Concat(instruments.Values.Select(i => i.Currency)), session.Date, cancellationToken);
        var missingRates = new SortedSet<string>(StringComparer.Ordinal);
        long Total(IEnumerable<(long Minor, string Currency)> amounts, string into)
        {
            var total = 0L;
            foreach (var (minor, currency) in amounts)
            {
                if (rates.CanConvert(currency, into)) total += rates.ToMinor(minor, currency, into);
                else missingRates.Add(currency);
            }
            return total;
        }

        var envelopes = session.Envelopes
            .Select(e => new EnvelopeRow(instruments[e.InstrumentId].Code, instruments[e.InstrumentId].NameFr, instruments[e.InstrumentId].NameEn,
                e.Currency, e.AmountMinor, Total(session.Decisions
                    .Where(d => d.Outcome == DecisionOutcome.Approved && d.InstrumentId == e.InstrumentId)
                    .Select(d => (d.AwardedMinor ?? 0, d.Currency ?? applications[d.ApplicationId].Currency)), e.Currency)))
            .OrderBy(e => e.InstrumentCode).ToList();

        var approved = agenda.Where(r => r.Outcome == DecisionOutcome.Approved).ToList();
        string InstrumentCurrency(string? code) =>
            envelopes.FirstOrDefault(e => e.InstrumentCode == code)?.Currency
            ?? instruments.Values.FirstOrDefault(i => i.Code == code)?.Currency ?? "EUR";
        var summary = new SessionSummary(
            session.Decisions.GroupBy(d => d.Outcome).ToDictionary(g => g.Key, g => g.Count()),
            approved.Count(r => r.Kind == ApplicationKind.NewProject),
            approved.Count(r => r.Kind == ApplicationKind.Continuation),
            approved.GroupBy(r => r.InstrumentCode ?? "?")
                .Select(g => new AmountRow(g.Key, InstrumentCurrency(g.Key), Total(g.Select(r => (r.AwardedMinor ?? 0, r.Currency)), InstrumentCurrency(g.Key))))
                .OrderBy(r => r.Key).ToList(),
            approved.GroupBy(r => r.Country)
                .Select(g => new AmountRow(g.Key, "EUR", Total(g.Select(r => (r.AwardedMinor ?? 0, r.Currency)), "EUR")))
                .OrderBy(r => r.Key).ToList());

        return new SessionDetail(session.Id, session.Code, session.Version, session.Date, session.Place, session.Status, agenda, envelopes,
            session.Attendance.Select(a => a.AttendeeName).OrderBy(n => n).ToList(), summary, options.Value.Quorum)
        {
            Amendments = session.Decisions
                .SelectMany(d => d.Amendments.Select(a => new AmendmentRow(applications[d.ApplicationId].Reference, a.PreviousAwardedMinor, a.NewAwardedMinor,
                    d.Currency ?? applications[d.ApplicationId].Currency, a.Reason, a.AmendedBy, a.AmendedAtUtc)))
                .OrderBy(a => a.AmendedAtUtc).ToList(),
            MissingRates = missingRates.ToList(),
        };
    }
}
