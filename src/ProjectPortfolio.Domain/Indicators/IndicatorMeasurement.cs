using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Domain.Indicators;

public enum MeasurementStatus { Draft, Submitted, Approved, Returned }

public enum Sex { Female, Male }

public enum AgeGroup { Under15, From15To24, From25To64, Over64 }

/// <summary>A value of one indicator on one project for one reporting period [Mesure]. Only approved
/// measurements count in the portfolio's figures; whoever approves is not whoever submitted.
/// A correction of an approved value is a new revision; earlier revisions stay as history.</summary>
public class IndicatorMeasurement : AggregateRoot
{
    private readonly List<MeasurementPart> _parts = [];

    private IndicatorMeasurement() { }

    public IndicatorMeasurement(Guid projectId, Indicator indicator, DateOnly periodStart, DateOnly periodEnd, double value,
        IEnumerable<MeasurementPart> parts, string? evidence, string? evidenceLink = null)
    {
        Guard.DateRange(periodStart, periodEnd, "PeriodEnd");
        ProjectId = projectId;
        IndicatorId = indicator.Id;
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
        Revision = 1;
        IsCurrent = true;
        Status = MeasurementStatus.Draft;
        SetValue(indicator, value, parts, evidence, evidenceLink);
    }

    public const int EvidenceLinkMaxLength = 500;

    public Guid ProjectId { get; private set; }
    public Guid IndicatorId { get; private set; }
    public DateOnly PeriodStart { get; private set; }
    public DateOnly PeriodEnd { get; private set; }
    public double Value { get; private set; }
    public string? Evidence { get; private set; }
    /// <summary>An http(s) address where the evidence can be consulted (a report, a photo album).</summary>
    public string? EvidenceLink { get; private set; }
    public MeasurementStatus Status { get; private set; }
    public int Revision { get; private set; }
    /// <summary>False once a later revision replaces this one.</summary>
    public bool IsCurrent { get; private set; }
    public string? SubmittedBy { get; private set; }
    public DateTime? SubmittedAtUtc { get; private set; }
    public string? ReviewedBy { get; private set; }
    public DateTime? ReviewedAtUtc { get; private set; }
    public string? ReviewComment { get; private set; }

    public IReadOnlyCollection<MeasurementPart> Parts => _parts;

    public void Edit(Indicator indicator, double value, IEnumerable<MeasurementPart> parts, string? evidence, string? evidenceLink = null)
    {
        if (Status is not (MeasurementStatus.Draft or MeasurementStatus.Returned))
            throw new DomainException("Measurement.not-editable", "Only a draft or returned measurement can be edited; correct an approved one with a new revision.");
        SetValue(indicator, value, parts, evidence, evidenceLink);
    }

    /// <summary>True while the value may still change (and evidence be added): a draft or a returned value.</summary>
    public bool IsEditable => Status is MeasurementStatus.Draft or MeasurementStatus.Returned;

    private void SetValue(Indicator indicator, double value, IEnumerable<MeasurementPart> parts, string? evidence, string? evidenceLink)
    {
        if (indicator.Id != IndicatorId)
            throw new DomainException("Indicator.mismatch", "The indicator does not match the measurement.");
        if (!double.IsFinite(value) || value < 0)
            throw new DomainException("Value.invalid", "The value must be a non-negative number.");
        var list = parts.ToList();
        foreach (var part in list)
        {
            if (!double.IsFinite(part.Value) || part.Value < 0)
                throw new DomainException("Parts.invalid", "Disaggregated values must be non-negative numbers.");
            if (part.Sex is not null && !indicator.AllowedDisaggregation.HasFlag(Disaggregation.Sex))
                throw new DomainException("Parts.sex-not-allowed", $"{indicator.Code} is not disaggregated by sex.");
            if (part.AgeGroup is not null && !indicator.AllowedDisaggregation.HasFlag(Disaggregation.AgeGroup))
                throw new DomainException("Parts.age-not-allowed", $"{indicator.Code} is not disaggregated by age group.");
            if (part.Sex is null && part.AgeGroup is null)
                throw new DomainException("Parts.no-dimension", "A disaggregated value needs a sex or an age group.");
        }
        if (list.GroupBy(p => (p.Sex, p.AgeGroup)).Any(g => g.Count() > 1))
            throw new DomainException("Parts.duplicate", "Each disaggregation appears at most once.");
        // Parts of one dimension may not add up to more than the total (an unknown remainder is allowed).
        if (list.Where(p => p.Sex is not null && p.AgeGroup is null).Sum(p => p.Value) > value
            || list.Where(p => p.AgeGroup is not null && p.Sex is null).Sum(p => p.Value) > value
            || list.Where(p => p.AgeGroup is not null && p.Sex is not null).Sum(p => p.Value) > value)
            throw new DomainException("Parts.exceed-total", "The disaggregated values add up to more than the total.");
        Value = value;
        Evidence = Guard.OptionalText(evidence, "Evidence", 2000);
        EvidenceLink = CheckedLink(evidenceLink);
        _parts.Clear();
        _parts.AddRange(list.Select(p => new MeasurementPart(p.Sex, p.AgeGroup, p.Value)));
    }

    /// <summary>Only absolute http or https addresses: a "javascript:" or "data:" link shown on a page would run
    /// in the reader's browser, and a relative one would point inside this application.</summary>
    private static string? CheckedLink(string? link)
    {
        var text = Guard.OptionalText(link, "EvidenceLink", EvidenceLinkMaxLength);
        if (text is null) return null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host)
            || text.Any(char.IsControl))
            throw new DomainException("EvidenceLink.invalid", "The evidence link must be an http or https address.");
        return text;
    }

    public void Submit(string user, DateTime nowUtc)
    {
        if (Status is not (MeasurementStatus.Draft or MeasurementStatus.Returned))
            throw new DomainException("Measurement.not-draft", "Only a draft or returned measurement can be submitted.");
        Status = MeasurementStatus.Submitted;
        SubmittedBy = user;
        SubmittedAtUtc = nowUtc;
    }

    public void Approve(string user, DateTime nowUtc)
    {
        if (Status != MeasurementStatus.Submitted)
            throw new DomainException("Measurement.not-submitted", "Only a submitted measurement can be approved.");
        if (string.Equals(user, SubmittedBy, StringComparison.OrdinalIgnoreCase))
            throw new DomainException("Measurement.four-eyes", "A measurement is approved by someone other than whoever submitted it.");
        Status = MeasurementStatus.Approved;
        ReviewedBy = user;
        ReviewedAtUtc = nowUtc;
        ReviewComment = null;
    }

    /// <summary>Corrects an approved value: the correction is a new revision of the same project, indicator and
    /// period (a draft, reviewed like any value), and this revision stops being current at once. Until the
    /// correction is approved the period has no approved current value, so the portfolio's figures leave it
    /// out rather than keep reporting a value known to be wrong. Earlier revisions stay as history.</summary>
    public IndicatorMeasurement Correct(Indicator indicator, double value, IEnumerable<MeasurementPart> parts, string? evidence, string? evidenceLink = null)
    {
        if (Status != MeasurementStatus.Approved || !IsCurrent)
            throw new DomainException("Measurement.not-correctable", "Only the current approved revision can be corrected; a draft or returned one is edited instead.");
        if (indicator.Id != IndicatorId)
            throw new DomainException("Indicator.mismatch", "The indicator does not match the measurement.");
        var correction = new IndicatorMeasurement(ProjectId, indicator, PeriodStart, PeriodEnd, value, parts, evidence, evidenceLink) { Revision = Revision + 1 };
        IsCurrent = false;
        return correction;
    }

    public void Return(string user, DateTime nowUtc, string comment)
    {
        if (Status != MeasurementStatus.Submitted)
            throw new DomainException("Measurement.not-submitted", "Only a submitted measurement can be returned.");
        Status = MeasurementStatus.Returned;
        ReviewedBy = user;
        ReviewedAtUtc = nowUtc;
        ReviewComment = Guard.Text(comment, "Comment", 2000);
    }
}

public sealed class MeasurementPart
{
    private MeasurementPart() { }

    public MeasurementPart(Sex? sex, AgeGroup? ageGroup, double value)
    {
        Sex = sex;
        AgeGroup = ageGroup;
        Value = value;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Sex? Sex { get; private set; }
    public AgeGroup? AgeGroup { get; private set; }
    public double Value { get; private set; }
}
