// Written by hand (the EF Design package is not available); MigrationsMatchModelTests checks the result.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable
#pragma warning disable CA1861 // migration code runs once; literal arrays are clearer than fields here

namespace ProjectPortfolio.Infrastructure.Persistence.Migrations.PostgreSql;

/// <summary>The precomputed results per project and indicator (docs/adr/0017), as SQLite's 20261202180000_ProjectIndicatorResults,
/// with the same backfill.</summary>
[DbContext(typeof(PostgreSqlApplicationDbContext))]
[Migration("20261202180000_ProjectIndicatorResultsForPostgreSql")]
public partial class ProjectIndicatorResultsForPostgreSql : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ProjectIndicatorResults",
            columns: table => new
            {
                ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                IndicatorId = table.Column<Guid>(type: "uuid", nullable: false),
                Country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                PlannedStart = table.Column<DateOnly>(type: "date", nullable: false),
                ValueCount = table.Column<int>(type: "integer", nullable: false),
                Total = table.Column<double>(type: "double precision", nullable: false),
                LatestPeriodEnd = table.Column<DateOnly>(type: "date", nullable: true),
                LatestPeriodStart = table.Column<DateOnly>(type: "date", nullable: true),
                LatestValue = table.Column<double>(type: "double precision", nullable: true),
                Target = table.Column<double>(type: "double precision", nullable: true),
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
