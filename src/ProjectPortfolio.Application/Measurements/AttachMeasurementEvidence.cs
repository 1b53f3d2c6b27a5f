using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Attachments;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Documents;

namespace ProjectPortfolio.Application.Measurements;

/// <summary>Attaches an evidence file to a value while it is a draft or returned: what the reviewer approves is
/// the value with its evidence, so evidence is not added behind an approval (a correction carries new evidence).
/// The file itself goes through the attachment use case: content sniffing, size limit, safe name, SHA-256.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record AttachMeasurementEvidenceCommand(Guid MeasurementId, string? FileName, Stream Content) : IRequest<AttachmentRow>;

public class AttachMeasurementEvidenceHandler(IApplicationDbContext db, ICurrentUser user, IRequestHandler<UploadAttachmentCommand, AttachmentRow> upload)
    : IRequestHandler<AttachMeasurementEvidenceCommand, AttachmentRow>
{
    public async Task<AttachmentRow> Handle(AttachMeasurementEvidenceCommand request, CancellationToken cancellationToken)
    {
        var measurement = await db.IndicatorMeasurements.AsNoTracking()
            .Where(m => m.Id == request.MeasurementId && db.Projects.VisibleTo(user).Any(p => p.Id == m.ProjectId))
            .Select(m => new { m.Status })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Measurement", request.MeasurementId);
        if (measurement.Status is not (Domain.Indicators.MeasurementStatus.Draft or Domain.Indicators.MeasurementStatus.Returned))
            throw new DomainException("Measurement.not-editable", "Evidence is added only to a draft or returned measurement.");
        return await upload.Handle(new UploadAttachmentCommand(AttachmentOwner.Measurement, request.MeasurementId, request.FileName, request.Content), cancellationToken);
    }
}
