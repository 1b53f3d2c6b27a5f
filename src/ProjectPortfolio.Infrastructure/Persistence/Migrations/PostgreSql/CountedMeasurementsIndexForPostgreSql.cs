// Written by hand (the EF Design package is not available); MigrationsMatchModelTests checks the result.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable
#pragma warning disable CA1861 // migration code runs once; literal arrays are clearer than fields here

namespace ProjectPortfolio.Infrastructure.Persistence.Migrations.PostgreSql;

/// <summary>The portfolio summary's partial index, as SQLite's 20261202150000_CountedMeasurementsIndex: added beside
/// InitialCreate rather than by regenerating it, so that a database made from InitialCreate gets it too.</summary>
[DbContext(typeof(PostgreSqlApplicationDbContext))]
[Migration("20261202150000_CountedMeasurementsIndexForPostgreSql")]
public partial class CountedMeasurementsIndexForPostgreSql : Migration
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
