using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Interfaces;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Common.Validation;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Domain.Common;
using ProjectPortfolio.Domain.Indicators;
using ValidationException = ProjectPortfolio.Application.Common.Exceptions.ValidationException;

namespace ProjectPortfolio.Application.Measurements;

/// <summary>Records a draft value of one indicator (by code) on one project for one reporting period. The project
/// must have a target for the indicator: the target is what the project committed to measure, and a value
/// without one could not be read against anything (nor shown on the project's results framework).</summary>
[Authorize(Roles.Administrator, Roles.ProgrammeOfficer)]
public sealed record RecordMeasurementCommand : IRequest<Guid>, IMeasurementValue
{
    public Guid ProjectId { get; init; }
    public string? Indicator { get; init; }
    public DateOnly? PeriodStart { get; init; }
    public DateOnly? PeriodEnd { get; init; }
    public double? Value { get; init; }
    public IReadOnlyList<MeasurementPartInput>? Parts { get; init; }
    public string? Evidence { get; init; }
    public string? EvidenceLink { get; init; }
}

public class RecordMeasurementValidator : MeasurementValueValidator<RecordMeasurementCommand>
{
    private static readonly DateOnly Earliest = new(1990, 1, 1);
    private static readonly DateOnly Latest = new(2100, 12, 31);

    public RecordMeasurementValidator(IApplicationDbContext db, TimeProvider clock)
    {
        RuleFor(c => c.Indicator).NotEmpty().WithMessage(_ => Messages.UnknownIndicator)
            .MustAsync((code, ct) => db.Indicators.AnyAsync(i => i.Code == code!.Trim().ToUpper(), ct)).WithMessage(_ => Messages.UnknownIndicator)
            .When(c => !string.IsNullOrWhiteSpace(c.Indicator), ApplyConditionTo.CurrentValidator);
        RuleFor(c => c.PeriodStart).NotNull().WithMessage(_ => MeasurementMessages.PeriodRequired)
            .Must(d => d >= Earliest && d <= Latest).WithMessage(_ => MeasurementMessages.PeriodOutOfRange).When(c => c.PeriodStart is not null, ApplyConditionTo.CurrentValidator)
            // A value reports on a period that has begun; a later period is planned, not measured.
            .Must(d => d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).WithMessage(_ => MeasurementMessages.PeriodNotStarted)
            .When(c => c.PeriodStart is not null, ApplyConditionTo.CurrentValidator);
        RuleFor(c => c.PeriodEnd).NotNull().WithMessage(_ => MeasurementMessages.PeriodRequired)
            .Must(d => d >= Earliest && d <= Latest).WithMessage(_ => MeasurementMessages.PeriodOutOfRange).When(c => c.PeriodEnd is not null, ApplyConditionTo.CurrentValidator)
            .Must((c, end) => end >= c.PeriodStart).WithMessage(_ => Messages.EndBeforeStart)
            .When(c => c.PeriodStart is not null && c.PeriodEnd is not null, ApplyConditionTo.CurrentValidator);
    }
}

public class RecordMeasurementHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<RecordMeasurementCommand, Guid>
{
    public async Task<Guid> Handle(RecordMeasurementCommand request, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().VisibleTo(user)
            .Where(p => p.Id == request.ProjectId).Select(p => new { p.Id, IndicatorIds = p.Targets.Select(t => t.IndicatorId).ToList() })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Project", request.ProjectId);
        var code = request.Indicator!.Trim().ToUpperInvariant();
        var indicator = await db.Indicators.SingleAsync(i => i.Code == code, cancellationToken);
        if (!project.IndicatorIds.Contains(indicator.Id)) throw new ValidationException(nameof(request.Indicator), MeasurementMessages.NoTarget);

        var start = request.PeriodStart!.Value;
        var end = request.PeriodEnd!.Value;
        await EnsureNoOverlapAsync(db, project.Id, indicator.Id, start, end, cancellationToken);

        var measurement = new IndicatorMeasurement(project.Id, indicator, start, end, request.Value!.Value,
            MeasurementRules.ToParts(request.Parts), request.Evidence, request.EvidenceLink);
        db.IndicatorMeasurements.Add(measurement);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two officers recording the same period at once: the unique index stops the second; say so as the
            // overlap it is (409), rather than fail.
            await EnsureNoOverlapAsync(db, project.Id, indicator.Id, start, end, cancellationToken);
            throw;
        }
        return measurement.Id;
    }

    /// <summary>One current value per project, indicator and moment: two current values whose periods overlap would
    /// count the same people or facilities twice in an incremental sum. (Earlier revisions are history, not
    /// current, and do not block.)</summary>
    internal static async Task EnsureNoOverlapAsync(IApplicationDbContext db, Guid projectId, Guid indicatorId, DateOnly start, DateOnly end, CancellationToken ct)
    {
        var overlapping = await db.IndicatorMeasurements.AsNoTracking()
            .Where(m => m.ProjectId == projectId && m.IndicatorId == indicatorId && m.IsCurrent && m.PeriodStart <= end && m.PeriodEnd >= start)
            .Select(m => new { m.PeriodStart, m.PeriodEnd })
            .FirstOrDefaultAsync(ct);
        if (overlapping is not null)
            throw new DomainException("PeriodStart.duplicate",
                $"A current measurement of this indicator already covers {overlapping.PeriodStart:yyyy-MM-dd} to {overlapping.PeriodEnd:yyyy-MM-dd}, which overlaps this period.");
    }
}
