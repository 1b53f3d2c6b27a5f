using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Indicators;

namespace ProjectPortfolio.Application.Measurements;

public sealed record MeasurementPartRow(Sex? Sex, AgeGroup? AgeGroup, double Value);

/// <summary>One revision of a value, as lists and the API show it.</summary>
public sealed record MeasurementRow(
    Guid Id, Guid ProjectId, string IndicatorCode, DateOnly PeriodStart, DateOnly PeriodEnd, double Value,
    IReadOnlyList<MeasurementPartRow> Parts, string? Evidence, string? EvidenceLink, MeasurementStatus Status, int Revision, bool IsCurrent,
    string? CreatedBy, DateTime CreatedAtUtc, string? SubmittedBy, DateTime? SubmittedAtUtc, string? ReviewedBy, DateTime? ReviewedAtUtc,
    string? ReviewComment, int AttachmentCount, int Version);

/// <summary>One value with its project and indicator, its earlier (and later) revisions for the same period, newest
/// first, and its evidence files.</summary>
public sealed record MeasurementDetail(
    MeasurementRow Measurement, string ProjectCode, string ProjectTitle, string? ProjectTitleEn,
    string IndicatorNameFr, string IndicatorNameEn, IndicatorUnit Unit, IndicatorKind Kind, Disaggregation AllowedDisaggregation,
    IReadOnlyList<MeasurementRow> History, IReadOnlyList<Attachments.AttachmentRow> Attachments);

internal static class MeasurementProjections
{
    /// <summary>Projected by the database, parts and evidence count included.</summary>
    public static IQueryable<MeasurementRow> ToRows(this IQueryable<IndicatorMeasurement> measurements, Common.Interfaces.IApplicationDbContext db) =>
        from m in measurements
        join i in db.Indicators on m.IndicatorId equals i.Id
        select new MeasurementRow(m.Id, m.ProjectId, i.Code, m.PeriodStart, m.PeriodEnd, m.Value,
            m.Parts.OrderBy(p => p.Sex).ThenBy(p => p.AgeGroup).Select(p => new MeasurementPartRow(p.Sex, p.AgeGroup, p.Value)).ToList(),
            m.Evidence, m.EvidenceLink, m.Status, m.Revision, m.IsCurrent, m.CreatedBy, m.CreatedAtUtc,
            m.SubmittedBy, m.SubmittedAtUtc, m.ReviewedBy, m.ReviewedAtUtc, m.ReviewComment,
            db.Attachments.Count(a => a.OwnerType == Domain.Documents.AttachmentOwner.Measurement && a.OwnerId == m.Id),
            m.Version);
}
