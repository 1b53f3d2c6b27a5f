using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProjectPortfolio.Application.Applications;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Domain.Documents;
using ValidationException = ProjectPortfolio.Application.Common.Exceptions.ValidationException;

namespace ProjectPortfolio.Application.Attachments;

public sealed record AttachmentRow(Guid Id, string FileName, string ContentType, long SizeBytes, string Sha256, string UploadedBy, DateTime UploadedAtUtc);

/// <summary>Attaches a file to an application, a project or a measurement. <paramref name="Content"/> must be
/// seekable (the web layer buffers uploads).</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record UploadAttachmentCommand(AttachmentOwner OwnerType, Guid OwnerId, string? FileName, Stream Content) : IRequest<AttachmentRow>;

[Authorize]
public sealed record GetAttachmentsQuery(AttachmentOwner OwnerType, Guid OwnerId) : IRequest<IReadOnlyList<AttachmentRow>>;

public sealed record AttachmentFile(string FileName, string ContentType, Stream Content);

[Authorize]
public sealed record GetAttachmentFileQuery(Guid Id) : IRequest<AttachmentFile>;

/// <summary>The file is larger than the configured limit (HTTP 413).</summary>
public class FileTooLargeException(long limit) : Exception($"The file is larger than the {limit / (1024 * 1024)} MB allowed.")
{
    public long Limit { get; } = limit;

    public FileTooLargeException() : this(0) { }
}

public class AttachmentHandler(IApplicationDbContext db, ICurrentUser user, IAttachmentStore store, IOptions<AttachmentOptions> options, TimeProvider clock) :
    IRequestHandler<UploadAttachmentCommand, AttachmentRow>,
    IRequestHandler<GetAttachmentsQuery, IReadOnlyList<AttachmentRow>>,
    IRequestHandler<GetAttachmentFileQuery, AttachmentFile>
{
    public async Task<AttachmentRow> Handle(UploadAttachmentCommand request, CancellationToken cancellationToken)
    {
        if (!await OwnerIsVisibleAsync(request.OwnerType, request.OwnerId, cancellationToken))
            throw new NotFoundException(request.OwnerType.ToString(), request.OwnerId);
        var limit = options.Value.MaxBytes;
        if (request.Content.Length > limit) throw new FileTooLargeException(limit);
        if (request.Content.Length == 0)
            throw new ValidationException("File", Messages.Pick("Le fichier est vide.", "The file is empty."));
        var kind = FileInspector.Inspect(request.Content, request.FileName ?? string.Empty)
            ?? throw new ValidationException("File", Messages.Pick(
                "Ce type de fichier n'est pas accepté (PDF, Word, Excel, PowerPoint, JPEG ou PNG), ou son contenu ne correspond pas à son nom.",
                "This type of file is not accepted (PDF, Word, Excel, PowerPoint, JPEG or PNG), or its content does not match its name."));

        var stored = await store.SaveAsync(request.Content, cancellationToken);
        try
        {
            var attachment = new Attachment(request.OwnerType, request.OwnerId, FileInspector.SafeName(request.FileName, kind), kind.ContentType,
                stored.SizeBytes, stored.Sha256, stored.Key, user.Email ?? user.Id ?? "?", clock.GetUtcNow().UtcDateTime);
            db.Attachments.Add(attachment);
            await db.SaveChangesAsync(cancellationToken);
            return ToRow(attachment);
        }
        catch
        {
            // No orphan file when the record cannot be saved.
            store.Delete(stored.Key);
            throw;
        }
    }

    public async Task<IReadOnlyList<AttachmentRow>> Handle(GetAttachmentsQuery request, CancellationToken cancellationToken)
    {
        if (!await OwnerIsVisibleAsync(request.OwnerType, request.OwnerId, cancellationToken))
            throw new NotFoundException(request.OwnerType.ToString(), request.OwnerId);
        return await db.Attachments.AsNoTracking()
            .Where(a => a.OwnerType == request.OwnerType && a.OwnerId == request.OwnerId)
            .OrderBy(a => a.UploadedAtUtc)
            .Select(a => new AttachmentRow(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.Sha256, a.UploadedBy, a.UploadedAtUtc))
            .ToListAsync(cancellationToken);
    }

    public async Task<AttachmentFile> Handle(GetAttachmentFileQuery request, CancellationToken cancellationToken)
    {
        var attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == request.Id, cancellationToken);
        // Not found and not allowed answer the same, so ids cannot be probed.
        if (attachment is null || !await OwnerIsVisibleAsync(attachment.OwnerType, attachment.OwnerId, cancellationToken))
            throw new NotFoundException("Attachment", request.Id);
        return new AttachmentFile(attachment.FileName, attachment.ContentType, store.OpenRead(attachment.StorageKey));
    }

    private Task<bool> OwnerIsVisibleAsync(AttachmentOwner type, Guid id, CancellationToken ct) => type switch
    {
        AttachmentOwner.Application => db.GrantApplications.VisibleTo(user).AnyAsync(a => a.Id == id, ct),
        AttachmentOwner.Project => db.Projects.VisibleTo(user).AnyAsync(p => p.Id == id, ct),
        AttachmentOwner.Measurement => db.IndicatorMeasurements.AnyAsync(m => m.Id == id && db.Projects.VisibleTo(user).Any(p => p.Id == m.ProjectId), ct),
        _ => Task.FromResult(false),
    };

    private static AttachmentRow ToRow(Attachment a) => new(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.Sha256, a.UploadedBy, a.UploadedAtUtc);
}
