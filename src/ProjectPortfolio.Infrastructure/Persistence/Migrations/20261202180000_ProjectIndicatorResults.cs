// Written by hand (the EF Design package is not available); MigrationsMatchModelTests checks the result.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable
#pragma warning disable CA1861 // migration code runs once; literal arrays are clearer than fields here

namespace ProjectPortfolio.Infrastructure.Persistence.Migrations;

/// <summary>The precomputed results per project and indicator that the dashboard reads without a period (docs/adr/0017), filled
/// from the data already stored. PostgreSQL has the same migration in its own dialect (PostgreSql/ProjectIndicatorResultsForPostgreSql).</summary>
[DbContext(typeof(ApplicationDbContext))]
[Migration("20261202180000_ProjectIndicatorResults")]
public partial class PrecomputedIndicatorResults : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ProjectIndicatorResults",
            columns: table => new
            {
                ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                IndicatorId = table.Column<Guid>(type: "TEXT", nullable: false),
                Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                PlannedStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                ValueCount = table.Column<int>(type: "INTEGER", nullable: false),
                Total = table.Column<double>(type: "REAL", nullable: false),
                LatestPeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: true),
                LatestPeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: true),
                LatestValue = table.Column<double>(type: "REAL", nullable: true),
                Target = table.Column<double>(type: "REAL", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProjectIndicatorResults", x => new { x.ProjectId, x.IndicatorId });
                table.ForeignKey(
                    name: "FK_ProjectIndicatorResults_Indicators_IndicatorId",
                    column: x => x.IndicatorId,
                    principalTable: "Indicators",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_ProjectIndicatorResults_Projects_ProjectId",
                    column: x => x.ProjectId,
                    principalTable: "Projects",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_ProjectIndicatorResults_Summary",
            table: "ProjectIndicatorResults",
            columns: new[] { "IndicatorId", "Country", "ProjectId", "Total", "ValueCount", "Target" });

        // The backfill: every row from the measurements and targets already stored, by the statement the application
        // runs for the projects a save touches (IndicatorResultsMaintenance.InsertSql), copied here so that this migration
        // keeps doing what it did when that statement changes.
        migrationBuilder.Sql("""
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
                SELECT "ProjectId", "IndicatorId" FROM "IndicatorMeasurements" WHERE "Status" = 'Approved' AND "IsCurrent"
                UNION
                SELECT "ProjectId", "IndicatorId" FROM "IndicatorTarget"
            ) k
            INNER JOIN "Projects" p ON p."Id" = k."ProjectId";
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "ProjectIndicatorResults");
    }
}
