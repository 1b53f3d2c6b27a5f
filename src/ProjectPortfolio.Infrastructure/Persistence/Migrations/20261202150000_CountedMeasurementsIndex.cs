// Written by hand (the EF Design package is not available); MigrationsMatchModelTests checks the result.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable
#pragma warning disable CA1861 // migration code runs once; literal arrays are clearer than fields here

namespace ProjectPortfolio.Infrastructure.Persistence.Migrations;

/// <summary>The portfolio summary's index: only the values that count (approved, current revision), per indicator and
/// project, latest period last, with the value, so the dashboard reads it alone (docs/performance.md).</summary>
[DbContext(typeof(ApplicationDbContext))]
[Migration("20261202150000_CountedMeasurementsIndex")]
public partial class CountedMeasurementsIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex(
            name: "IX_IndicatorMeasurements_Counted",
            table: "IndicatorMeasurements",
            columns: new[] { "IndicatorId", "ProjectId", "PeriodEnd", "PeriodStart", "Value" },
            filter: "\"Status\" = 'Approved' AND \"IsCurrent\"");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_IndicatorMeasurements_Counted", table: "IndicatorMeasurements");
    }
}
