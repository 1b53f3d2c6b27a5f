using System.Text.Json;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Models;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Domain.Reports;

namespace ProjectPortfolio.Application.Reports.Archive;

public sealed record IssuedReportRecipientRow(Guid PartnerId, string Code, string Name);

public sealed record IssuedReportRow(Guid Id, string Kind, string Language, string FileName, string ContentType, long SizeBytes, string Sha256,
    string IssuedByName, DateTime IssuedAtUtc, IReadOnlyList<IssuedReportRecipientRow> Recipients, string? Note);

/// <summary>An issued report's record. <paramref name="Parameters"/> is the canonical JSON it was generated with.</summary>
public sealed record IssuedReportDetail(Guid Id, string Kind, JsonElement Parameters, string Language, string FileName, string ContentType, long SizeBytes,
    string Sha256, string IssuedById, string IssuedByName, DateTime IssuedAtUtc, IReadOnlyList<IssuedReportRecipientRow> Recipients, string? Note);

/// <summary>The issued reports, newest first. Staff and Bureau members see them all; a donor only those issued for
/// its partner.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer, Roles.BureauMember, Roles.Donor)]
public sealed record GetIssuedReportsQuery(string? Kind = null, Guid? PartnerId = null, string? Language = null, DateOnly? From = null, DateOnly? To = null,
    string? Q = null, int Page = 1, int PageSize = 25) : IRequest<PaginatedList<IssuedReportRow>>;

[Authorize(Roles.Administrator, Roles.ProgrammeOfficer, Roles.BureauMember, Roles.Donor)]
public sealed record GetIssuedReportQuery(Guid Id) : IRequest<IssuedReportDetail>;

/// <summary>The stored bytes, exactly as issued.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer, Roles.BureauMember, Roles.Donor)]
public sealed record GetIssuedReportFileQuery(Guid Id) : IRequest<ReportFile>;

/// <summary>The stored file of an issued report is missing or no longer has the SHA-256 it was issued with: it is not
/// sent (HTTP 500, logged as an error).</summary>
public class IssuedReportTamperedException(Guid id) : Exception($"The stored file of issued report {id} does not match its SHA-256; it was not sent.")
{
    public Guid Id { get; } = id;

    public IssuedReportTamperedException() : this(Guid.Empty) { }
}

public sealed class GetIssuedReportsValidator : AbstractValidator<GetIssuedReportsQuery>
{
    public GetIssuedReportsValidator()
    {
        RuleFor(q => q.Kind).MustBeReportKind().When(q => !string.IsNullOrWhiteSpace(q.Kind));
        RuleFor(q => q.Language).MustBeReportLanguage();
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
            .OverridePropertyName("to").WithMessage(_ => Messages.EndBeforeStart);
        RuleFor(q => q.Q).MaximumLength(200).OverridePropertyName("q");
    }
}

public sealed class GetIssuedReportsHandler(IApplicationDbContext db, ICurrentUser user, IIssuedReportStore store, ILogger<GetIssuedReportsHandler> logger) :
    IRequestHandler<GetIssuedReportsQuery, PaginatedList<IssuedReportRow>>,
    IRequestHandler<GetIssuedReportQuery, IssuedReportDetail>,
    IRequestHandler<GetIssuedReportFileQuery, ReportFile>
{
    public async Task<PaginatedList<IssuedReportRow>> Handle(GetIssuedReportsQuery request, CancellationToken cancellationToken)
    {
        var reports = Visible();
        if (ReportKinds.Find(request.Kind) is { } kind) reports = reports.Where(r => r.Kind == kind.Code);
        if (request.PartnerId is { } partnerId) reports = reports.Where(r => r.Recipients.Any(x => x.PartnerId == partnerId));
        if (!string.IsNullOrWhiteSpace(request.Language)) reports = reports.Where(r => r.Language == request.Language.ToLower());
        if (request.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            reports = reports.Where(r => r.IssuedAtUtc >= start);
        }
        if (request.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            reports = reports.Where(r => r.IssuedAtUtc < end);
        }
        if (!string.IsNullOrWhiteSpace(request.Q))
        {
            var q = request.Q.Trim().ToLower();
            reports = reports.Where(r => r.FileName.ToLower().Contains(q) || (r.Note != null && r.Note.ToLower().Contains(q)));
        }

        var page = await PaginatedList<Header>.CreateAsync(
            reports.OrderByDescending(r => r.IssuedAtUtc).ThenByDescending(r => r.Id).Select(r => new Header(r.Id, r.Kind, r.Parameters, r.Language, r.FileName,
                r.ContentType, r.SizeBytes, r.Sha256, r.IssuedById, r.IssuedByName, r.IssuedAtUtc, r.Note)),
            request.Page, request.PageSize, cancellationToken);
        var recipients = await RecipientsAsync(page.Items.Select(h => h.Id).ToList(), cancellationToken);
        return new PaginatedList<IssuedReportRow>(
            page.Items.Select(h => new IssuedReportRow(h.Id, h.Kind, h.Language, h.FileName, h.ContentType, h.SizeBytes, h.Sha256, h.IssuedByName,
                h.IssuedAtUtc, recipients[h.Id], h.Note)).ToList(),
            page.PageNumber, page.PageSize, page.TotalCount);
    }

    public async Task<IssuedReportDetail> Handle(GetIssuedReportQuery request, CancellationToken cancellationToken)
    {
        var h = await HeaderAsync(request.Id, cancellationToken);
        var recipients = await RecipientsAsync([h.Id], cancellationToken);
        using var parameters = JsonDocument.Parse(h.Parameters);
        return new IssuedReportDetail(h.Id, h.Kind, parameters.RootElement.Clone(), h.Language, h.FileName, h.ContentType, h.SizeBytes, h.Sha256,
            h.IssuedById, h.IssuedByName, h.IssuedAtUtc, recipients[h.Id], h.Note);
    }

    public async Task<ReportFile> Handle(GetIssuedReportFileQuery request, CancellationToken cancellationToken)
    {
        var h = await HeaderAsync(request.Id, cancellationToken);
        var content = await store.ReadAsync(h.Sha256, cancellationToken);
        var actual = content is null ? "missing" : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        if (actual != h.Sha256 || content!.LongLength != h.SizeBytes)
        {
            // Someone changed or removed the file behind the application's back: say so loudly, and send nothing rather
            // than a document that is not the one issued.
            logger.LogError("Issued report {Id} ({FileName}) failed its integrity check: expected SHA-256 {Expected}, found {Actual}; not sent.",
                h.Id, h.FileName, h.Sha256, actual);
            throw new IssuedReportTamperedException(h.Id);
        }
        return new ReportFile(h.FileName, h.ContentType, content);
    }

    private sealed record Header(Guid Id, string Kind, string Parameters, string Language, string FileName, string ContentType, long SizeBytes,
        string Sha256, string IssuedById, string IssuedByName, DateTime IssuedAtUtc, string? Note);

    private bool SeesAll => user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.ProgrammeOfficer) || user.IsInRole(Roles.BureauMember);

    /// <summary>A donor sees the reports issued for its partner; staff and Bureau members see all.</summary>
    private IQueryable<IssuedReport> Visible()
    {
        var reports = db.IssuedReports.AsNoTracking();
        if (SeesAll) return reports;
        if (user.IsInRole(Roles.Donor) && user.PartnerId is { } partnerId)
            return reports.Where(r => r.Recipients.Any(x => x.PartnerId == partnerId));
        return reports.Where(_ => false);
    }

    private async Task<Header> HeaderAsync(Guid id, CancellationToken cancellationToken) =>
        // Not issued and not issued for you answer the same, so ids cannot be probed.
        await Visible().Where(r => r.Id == id).Select(r => new Header(r.Id, r.Kind, r.Parameters, r.Language, r.FileName, r.ContentType, r.SizeBytes,
                r.Sha256, r.IssuedById, r.IssuedByName, r.IssuedAtUtc, r.Note)).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("IssuedReport", id);

    /// <summary>The recipients of these reports; a donor is shown only its own partner, not who else received the report.</summary>
    private async Task<Dictionary<Guid, IReadOnlyList<IssuedReportRecipientRow>>> RecipientsAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        var staff = SeesAll;
        var own = user.PartnerId;
        var rows = await (
                from r in db.IssuedReports.AsNoTracking()
                from x in r.Recipients
                join p in db.Partners on x.PartnerId equals p.Id
                where ids.Contains(r.Id) && (staff || x.PartnerId == own)
                select new { r.Id, Row = new IssuedReportRecipientRow(p.Id, p.Code, p.Name) })
            .ToListAsync(cancellationToken);
        return ids.ToDictionary(id => id, id => (IReadOnlyList<IssuedReportRecipientRow>)rows.Where(r => r.Id == id).Select(r => r.Row).OrderBy(r => r.Name).ToList());
    }
}
