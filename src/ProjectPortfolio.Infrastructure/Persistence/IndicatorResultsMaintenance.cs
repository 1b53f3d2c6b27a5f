using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using ProjectPortfolio.Application.Portfolio;
using ProjectPortfolio.Domain.Indicators;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Infrastructure.Persistence;

/// <summary>Keeps <see cref="ProjectIndicatorResult"/> right (docs/adr/0017): <see cref="ApplicationDbContext"/>'s save
/// collects the projects whose measurements or targets it adds, changes or removes, and, in the same transaction and after
/// writing them, recomputes every row of those projects from what is then stored, with one set-based statement per few
/// hundred projects. Recomputing a whole project rather than the exact (project, indicator) pairs costs a few more rows
/// (a project has a handful of indicators) and leaves no case to get wrong. The SQL is the same on SQLite and PostgreSQL
/// (quoted names, <c>LIMIT</c>, <c>UNION</c>).</summary>
public static class IndicatorResultsMaintenance
{
    /// <summary>Well below SQLite's 32,766 and PostgreSQL's 65,535 parameters per statement.</summary>
    private const int ProjectsPerStatement = 500;

    /// <summary>The projects a save touches: those of measurements and targets added, modified or deleted, projects whose
    /// country, code or planned start changes, and deleted projects (whose rows the foreign key's cascade removes anyway). Read before the save, while the entries still
    /// say what changed.</summary>
    internal static HashSet<Guid> TouchedProjects(ChangeTracker tracker)
    {
        if (tracker.AutoDetectChangesEnabled) tracker.DetectChanges();
        var touched = new HashSet<Guid>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case IndicatorMeasurement m: touched.Add(m.ProjectId); break;
                case IndicatorTarget t: touched.Add(t.ProjectId); break;
                case Project p when entry.State == EntityState.Deleted: touched.Add(p.Id); break;
                // The rows carry the project's country, code and planned start.
                case Project p when entry.State == EntityState.Modified && (entry.Property(nameof(Project.Country)).IsModified
                    || entry.Property(nameof(Project.Code)).IsModified || entry.Property(nameof(Project.PlannedStart)).IsModified):
                    touched.Add(p.Id);
                    break;
            }
        }
        return touched;
    }

    /// <summary>Recomputes the rows of <paramref name="projectIds"/>; called inside the save's transaction.</summary>
    internal static async Task RecomputeAsync(DbContext db, IReadOnlyCollection<Guid> projectIds, CancellationToken ct)
    {
        var isPostgreSql = db.Database.IsNpgsql();
        foreach (var chunk in projectIds.Order().Chunk(ProjectsPerStatement))
        {
            // The SQL holds only "{0}, {1}, ..." placeholders made here; the ids are passed as parameters.
            var list = string.Join(", ", chunk.Select((_, i) => "{" + i + "}"));
            var parameters = chunk.Cast<object>().ToArray();
            var inChunk = "\"ProjectId\" IN (" + list + ")";
            if (isPostgreSql)
            {
                // Under READ COMMITTED two saves on the same project could each recompute from a snapshot without the
                // other's change. Locking the projects' rows (in key order, so two saves cannot deadlock on them) makes
                // the second wait for the first's commit; its statements then see the first's rows. NO KEY UPDATE does
                // not block the foreign-key checks of other writers. SQLite needs nothing: it has one writer at a time.
                var lockSql = "SELECT 1 FROM \"Projects\" WHERE \"Id\" IN (" + list + ") ORDER BY \"Id\" FOR NO KEY UPDATE";
                await db.Database.ExecuteSqlRawAsync(lockSql, parameters, ct);
            }
            var deleteSql = "DELETE FROM \"ProjectIndicatorResults\" WHERE " + inChunk;
            await db.Database.ExecuteSqlRawAsync(deleteSql, parameters, ct);
            var insertSql = InsertSql(inChunk);
            await db.Database.ExecuteSqlRawAsync(insertSql, parameters, ct);
        }
    }

    /// <summary>Every row again, from every measurement and target, in one transaction: a repair for a database written
    /// by hand, and the tests' reference ("the maintained rows are those of a rebuild").</summary>
    public static async Task RebuildAllAsync(DbContext db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"ProjectIndicatorResults\"", ct);
        await db.Database.ExecuteSqlRawAsync(InsertSql(null), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>One row per (project, indicator) that has a counted value (approved, current revision: the condition of
    /// IX_IndicatorMeasurements_Counted, whose order also serves the latest-value lookups) or a target. The latest value
    /// is the one of the greatest period end and, on a tie, the later start: PortfolioFigures' rule. The migration
    /// 20261202180000_ProjectIndicatorResults backfills with the same statement.</summary>
    internal static string InsertSql(string? keyFilter) => $"""
        INSERT INTO "ProjectIndicatorResults" ("ProjectId", "IndicatorId", "Country", "Code", "PlannedStart", "ValueCount", "Total", "LatestPeriodEnd", "LatestPeriodStart", "LatestValue", "Target")
        SELECT k."ProjectId", k."IndicatorId", p."Country", p."Code", p."PlannedStart",
            (SELECT COUNT(*) FROM "IndicatorMeasurements" m
                WHERE m."IndicatorId" = k."IndicatorId" AND m."ProjectId" = k."ProjectId" AND m."Status" = 'Approved' AND m."IsCurrent"),
            (SELECT COALESCE(SUM(m."Value"), 0) FROM "IndicatorMeasurements" m
                WHERE m."IndicatorId" = k."IndicatorId" AND m."ProjectId" = k."ProjectId" AND m."Status" = 'Approved' AND m."IsCurrent"),
            (SELECT m."PeriodEnd" FROM "IndicatorMeasurements" m
                WHERE m."IndicatorId" = k."IndicatorId" AND m."ProjectId" = k."ProjectId" AND m."Status" = 'Approved' AND m."IsCurrent"
                ORDER BY m."PeriodEnd" DESC, m."PeriodStart" DESC LIMIT 1),
            (SELECT m."PeriodStart" FROM "IndicatorMeasurements" m
                WHERE m."IndicatorId" = k."IndicatorId" AND m."ProjectId" = k."ProjectId" AND m."Status" = 'Approved' AND m."IsCurrent"
                ORDER BY m."PeriodEnd" DESC, m."PeriodStart" DESC LIMIT 1),
            (SELECT m."Value" FROM "IndicatorMeasurements" m
                WHERE m."IndicatorId" = k."IndicatorId" AND m."ProjectId" = k."ProjectId" AND m."Status" = 'Approved' AND m."IsCurrent"
                ORDER BY m."PeriodEnd" DESC, m."PeriodStart" DESC LIMIT 1),
            (SELECT t."Target" FROM "IndicatorTarget" t WHERE t."ProjectId" = k."ProjectId" AND t."IndicatorId" = k."IndicatorId")
        FROM (
            SELECT "ProjectId", "IndicatorId" FROM "IndicatorMeasurements" WHERE "Status" = 'Approved' AND "IsCurrent"{(keyFilter is null ? "" : " AND " + keyFilter)}
            UNION
            SELECT "ProjectId", "IndicatorId" FROM "IndicatorTarget"{(keyFilter is null ? "" : " WHERE " + keyFilter)}
        ) k
        INNER JOIN "Projects" p ON p."Id" = k."ProjectId"
        """;
}
