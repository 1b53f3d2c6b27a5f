using System.Text.Json;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Domain.Reports;
using ValidationException = ProjectPortfolio.Application.Common.Exceptions.ValidationException;

namespace ProjectPortfolio.Application.Reports.Archive;

/// <summary>Generates a report of <paramref name="Kind"/> (a code of <see cref="ReportKinds"/>) with
/// <paramref name="Parameters"/>, in <paramref name="Language"/> (fr by default), and keeps the file as it is now,
/// for the partners in <paramref name="RecipientPartnerIds"/> (none: staff only).</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record IssueReportCommand(string? Kind, JsonElement? Parameters, string? Language = null,
    IReadOnlyList<Guid>? RecipientPartnerIds = null, string? Note = null) : IRequest<IssuedReportDetail>;

public sealed class IssueReportValidator : AbstractValidator<IssueReportCommand>
{
    public IssueReportValidator(IApplicationDbContext db)
    {
        RuleFor(c => c.Kind).MustBeReportKind();
        RuleFor(c => c.Language).MustBeReportLanguage();
        RuleFor(c => c.Note).MaximumLength(IssuedReport.NoteMaxLength).OverridePropertyName("note");
        RuleFor(c => c.RecipientPartnerIds)
            .Must(ids => ids!.Count <= IssuedReport.MaxRecipients)
            .WithMessage(_ => Messages.Pick($"Au plus {IssuedReport.MaxRecipients} destinataires.", $"At most {IssuedReport.MaxRecipients} recipients."))
            .MustAsync(async (ids, ct) =>
            {
                var distinct = ids!.Distinct().ToList();
                return await db.Partners.CountAsync(p => distinct.Contains(p.Id), ct) == distinct.Count;
            })
            .WithMessage(_ => Messages.UnknownPartner)
            .OverridePropertyName("recipientPartnerIds")
            .When(c => c.RecipientPartnerIds is not null);
    }
}

public sealed class IssueReportHandler(IApplicationDbContext db, IMediator mediator, IIssuedReportStore store, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<IssueReportCommand, IssuedReportDetail>
{
    public async Task<IssuedReportDetail> Handle(IssueReportCommand request, CancellationToken cancellationToken)
    {
        var kind = ReportKinds.Find(request.Kind)!;
        var language = request.Language?.ToLowerInvariant() ?? "fr";
        var parameters = kind.Read(request.Parameters);

        ReportFile file;
        try
        {
            // The very query the download endpoint sends: what is issued is what the issuer would have downloaded.
            file = await mediator.Send(kind.Generate(parameters, language), cancellationToken);
        }
        catch (NotFoundException)
        {
            // The report is the resource being created; a subject that does not exist is a bad parameter, not a missing report.
            throw new ValidationException("parameters", Messages.Pick("Le sujet du rapport (projet, séance…) est introuvable.",
                "The report's subject (project, session…) was not found."));
        }

        var recipients = (request.RecipientPartnerIds ?? []).Distinct().ToList();
        foreach (var partner in recipients)
        {
            if (!await kind.MayBeIssuedForAsync(parameters, partner, db, cancellationToken))
                throw new ValidationException("recipientPartnerIds", Messages.Pick(
                    "Ce rapport ne peut pas être émis pour ce partenaire : il porte sur des données que ce partenaire ne voit pas.",
                    "This report cannot be issued for this partner: it covers data that partner does not see."));
        }

        var stored = await store.SaveAsync(file.Content, cancellationToken);
        try
        {
            var report = new IssuedReport(kind.Code, kind.Canonical(parameters), language, file.FileName, file.ContentType, stored.SizeBytes, stored.Sha256,
                user.Id ?? "?", user.DisplayName ?? user.Email ?? "?", clock.GetUtcNow().UtcDateTime, recipients, request.Note);
            db.IssuedReports.Add(report);
            await db.SaveChangesAsync(cancellationToken);
            return await mediator.Send(new GetIssuedReportQuery(report.Id), cancellationToken);
        }
        catch
        {
            // No file without a record; but bytes identical to an earlier issue's are that issue's file, and stay.
            if (stored.Created && !await db.IssuedReports.AnyAsync(r => r.Sha256 == stored.Sha256, CancellationToken.None))
                store.Delete(stored.Sha256);
            throw;
        }
    }
}
