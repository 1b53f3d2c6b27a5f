using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Attachments;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Domain.Documents;

namespace ProjectPortfolio.Application.Measurements;

/// <summary>One value and its revisions. Staff, Bureau members and donors (for the projects their partner
/// co-finances; anything else is "not found") may read; applicants may not.</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer, Roles.BureauMember, Roles.Donor)]
public sealed record GetMeasurementQuery(Guid Id) : IRequest<MeasurementDetail>;

public class GetMeasurementHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<GetMeasurementQuery, MeasurementDetail>
{
    public async Task<MeasurementDetail> Handle(GetMeasurementQuery request, CancellationToken cancellationToken)
    {
        var head = await (
                from m in db.IndicatorMeasurements.AsNoTracking()
                where m.Id == request.Id
                join p in db.Projects.VisibleTo(user) on m.ProjectId equals p.Id
                join i in db.Indicators on m.IndicatorId equals i.Id
                select new { m.ProjectId, m.IndicatorId, m.PeriodStart, m.PeriodEnd, p.Code, p.Title, p.TitleEn, i.NameFr, i.NameEn, i.Unit, i.Kind, i.AllowedDisaggregation })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Measurement", request.Id);

        var revisions = await db.IndicatorMeasurements.AsNoTracking()
            .Where(m => m.ProjectId == head.ProjectId && m.IndicatorId == head.IndicatorId && m.PeriodStart == head.PeriodStart && m.PeriodEnd == head.PeriodEnd)
            .OrderByDescending(m => m.Revision)
            .ToRows(db)
            .ToListAsync(cancellationToken);
        var attachments = await db.Attachments.AsNoTracking()
            .Where(a => a.OwnerType == AttachmentOwner.Measurement && a.OwnerId == request.Id)
            .OrderBy(a => a.UploadedAtUtc)
            .Select(a => new AttachmentRow(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.Sha256, a.UploadedBy, a.UploadedAtUtc))
            .ToListAsync(cancellationToken);

        return new MeasurementDetail(revisions.Single(r => r.Id == request.Id), head.Code, head.Title, head.TitleEn, head.NameFr, head.NameEn,
            head.Unit, head.Kind, head.AllowedDisaggregation, revisions.Where(r => r.Id != request.Id).ToList(), attachments);
    }
}
