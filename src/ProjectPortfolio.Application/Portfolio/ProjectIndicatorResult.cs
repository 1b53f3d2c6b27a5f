namespace ProjectPortfolio.Application.Portfolio;

/// <summary>A read model (docs/adr/0017-precomputed-indicator-results.md): what one project's approved, current values
/// of one indicator come to, and its target for that indicator, as <see cref="PortfolioFigures"/> would compute them
/// without a period. The persistence layer recomputes a project's rows in the same transaction as every save that adds,
/// changes or removes one of its measurements or targets, so the rows are never stale; nothing else writes them, and
/// use cases see them as a query only (<c>IApplicationDbContext.ProjectIndicatorResults</c>). Not an aggregate, not
/// audited: it is derived from what is audited. A row exists when the project has a counted value or a target for the
/// indicator.</summary>
public sealed class ProjectIndicatorResult
{
    private ProjectIndicatorResult() { }

    public Guid ProjectId { get; private set; }
    public Guid IndicatorId { get; private set; }

    /// <summary>The project's country, code and planned start, copied so that the summary reads these rows without
    /// reading the (wide) project rows: the totals per indicator and country in the order of one index, without a sort,
    /// and the latest phase of a lineage by its planned start and code (docs/performance.md). Recomputed whenever the
    /// project's country, code or planned start changes. The projects are still joined, for the scope.</summary>
    public string Country { get; private set; } = string.Empty;
    public string Code { get; private set; } = string.Empty;
    public DateOnly PlannedStart { get; private set; }

    /// <summary>How many approved, current values the project has for the indicator (0 with a target only).</summary>
    public int ValueCount { get; private set; }

    /// <summary>The sum of those values: the project's figure on an incremental indicator.</summary>
    public double Total { get; private set; }

    /// <summary>The value of the latest period (greatest end; on a tie, the later start): the project's figure on a
    /// cumulative indicator. Null without any value.</summary>
    public DateOnly? LatestPeriodEnd { get; private set; }
    public DateOnly? LatestPeriodStart { get; private set; }
    public double? LatestValue { get; private set; }

    /// <summary>The project's target for the indicator, null without one.</summary>
    public double? Target { get; private set; }
}
