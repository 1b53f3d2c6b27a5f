using System.Globalization;
using System.Runtime.CompilerServices;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Formatting;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Application.Reports;
using ProjectPortfolio.Domain.Auditing;

namespace ProjectPortfolio.Application.Auditing;

/// <summary>The audit log as a workbook (.xlsx), for the same filters and sort as <see cref="SearchAuditLogQuery"/>
/// but every matching entry, not a page: one row per entry, streamed from a single query while the file is written
/// (the memory used does not grow with the log). French ("fr", the default) or English ("en") headers and actions.
/// Every text is written as text by the workbook writer, so a value such as "=cmd|' /C calc'!A0" is never a formula.</summary>
[Authorize(Roles.Administrator)]
public sealed record ExportAuditLogQuery(
    DateOnly? From = null, DateOnly? To = null, string? User = null, string? Action = null, string? EntityType = null, string? Entity = null,
    string? Sort = null, string? Language = null) : IRequest<WorkbookDownload>, IAuditFilter;

public sealed class ExportAuditLogValidator : AuditFilterValidator<ExportAuditLogQuery>
{
    public ExportAuditLogValidator() =>
        RuleFor(q => q.Language)
            .Must(language => language is null || Formats.Languages.Contains(language.Trim().ToLowerInvariant()))
            .OverridePropertyName("lang")
            .WithMessage(_ => Messages.Pick("Langue inconnue : « fr » ou « en ».", "Unknown language: \"fr\" or \"en\"."));
}

public sealed class ExportAuditLogHandler(IApplicationDbContext db, IWorkbookWriter writer, TimeProvider clock)
    : IRequestHandler<ExportAuditLogQuery, WorkbookDownload>
{
    private sealed record Row(DateTime AtUtc, string? UserName, AuditAction Action, string EntityType, string? EntityId, Guid? AggregateId, string? Changes);

    public Task<WorkbookDownload> Handle(ExportAuditLogQuery request, CancellationToken cancellationToken)
    {
        var english = request.Language?.Trim().ToLowerInvariant() == "en";
        var columns = new List<WorkbookColumn>
        {
            new(english ? "When (UTC)" : "Date et heure (UTC)", 20),
            new(english ? "User" : "Utilisateur", 30),
            new("Action", 22),
            new(english ? "Record type" : "Type d'enregistrement", 22),
            new(english ? "Record id" : "Identifiant", 38),
            new(english ? "Belongs to" : "Rattaché à", 38),
            new(english ? "Changes (old → new)" : "Modifications (avant → après)", 80),
        };
        var sheet = new WorkbookSheet(english ? "Audit log" : "Journal d'audit", columns, Rows(request, english, cancellationToken));
        var name = string.Create(CultureInfo.InvariantCulture, $"{(english ? "audit-log" : "journal-audit")}-{clock.GetUtcNow():yyyy-MM-dd}.xlsx");
        return Task.FromResult(new WorkbookDownload(name, (output, ct) => writer.WriteAsync(output, [sheet], ct)));
    }

    private async IAsyncEnumerable<IReadOnlyList<WorkbookCell>> Rows(ExportAuditLogQuery filter, bool english,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rows = db.AuditEntries.Filter(filter).Sorted(filter.Sort)
            .Select(a => new Row(a.AtUtc, a.UserName, a.Action, a.EntityType, a.EntityId, a.AggregateId, a.Changes))
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return
            [
                WorkbookCell.Of(row.AtUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                WorkbookCell.Of(row.UserName),
                WorkbookCell.Of(AuditTexts.Action(row.Action, english)),
                WorkbookCell.Of(row.EntityType),
                WorkbookCell.Of(row.EntityId),
                WorkbookCell.Of(row.AggregateId?.ToString()),
                WorkbookCell.Of(AuditChanges.Describe(AuditChanges.Parse(row.Changes))),
            ];
        }
    }
}

/// <summary>The actions' names in the export; the pages take theirs from the resources ("AuditAction.*").</summary>
public static class AuditTexts
{
    public static string Action(AuditAction action, bool english) => action switch
    {
        AuditAction.Created => english ? "Created" : "Création",
        AuditAction.Updated => english ? "Updated" : "Modification",
        AuditAction.Deleted => english ? "Deleted" : "Suppression",
        AuditAction.StatusChanged => english ? "Status changed" : "Changement de statut",
        AuditAction.Decision => english ? "Decision" : "Décision",
        AuditAction.Payment => english ? "Payment" : "Versement",
        AuditAction.SignIn => english ? "Sign-in" : "Connexion",
        AuditAction.SignInFailed => english ? "Failed sign-in" : "Connexion refusée",
        AuditAction.AccessDenied => english ? "Access denied" : "Accès refusé",
        _ => action.ToString(),
    };
}
