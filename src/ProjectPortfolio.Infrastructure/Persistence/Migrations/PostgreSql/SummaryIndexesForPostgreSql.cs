// Written by hand (the EF Design package is not available); MigrationsMatchModelTests checks the result.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable
#pragma warning disable CA1861 // migration code runs once; literal arrays are clearer than fields here

namespace ProjectPortfolio.Infrastructure.Persistence.Migrations.PostgreSql;

/// <summary>The summary's indexes, as SQLite's 20261207030000_SummaryIndexes (docs/performance.md, fourth pass).</summary>
[DbContext(typeof(PostgreSqlApplicationDbContext))]
[Migration("20261207030000_SummaryIndexesForPostgreSql")]
public partial class SummaryIndexesForPostgreSql : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // The paid tranches, per project, with what the disbursed total reads: the payments' sum reads this index alone,
        // in project order, instead of every tranche's row.
        migrationBuilder.CreateIndex(
            name: "IX_DisbursementTranche_Paid",
            table: "DisbursementTranche",
            columns: new[] { "ProjectId", "PaidDate", "PaidMinor" },
            filter: "\"PaidDate\" IS NOT NULL");

        // The foreign key's index with the project's own key: the continuation phases' keys are read from it alone.
        // It serves the foreign key as the old one did.
        migrationBuilder.DropIndex(name: "IX_Projects_PredecessorId", table: "Projects");
        migrationBuilder.CreateIndex(
            name: "IX_Projects_PredecessorId_Id",
            table: "Projects",
            columns: new[] { "PredecessorId", "Id" });

        // The summary's index with the latest value, so that the cumulative figures of single-phase projects are summed
        // from it alone too.
        migrationBuilder.DropIndex(name: "IX_ProjectIndicatorResults_Summary", table: "ProjectIndicatorResults");
        migrationBuilder.CreateIndex(
            name: "IX_ProjectIndicatorResults_Summary",
            table: "ProjectIndicatorResults",
            columns: new[] { "IndicatorId", "Country", "ProjectId", "Total", "ValueCount", "Target", "LatestValue" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_ProjectIndicatorResults_Summary", table: "ProjectIndicatorResults");
        migrationBuilder.CreateIndex(
            name: "IX_ProjectIndicatorResults_Summary",
            table: "ProjectIndicatorResults",
            columns: new[] { "IndicatorId", "Country", "ProjectId", "Total", "ValueCount", "Target" });

        migrationBuilder.DropIndex(name: "IX_Projects_PredecessorId_Id", table: "Projects");
        migrationBuilder.CreateIndex(name: "IX_Projects_PredecessorId", table: "Projects", column: "PredecessorId");

        migrationBuilder.DropIndex(name: "IX_DisbursementTranche_Paid", table: "DisbursementTranche");
    }
}
