// Written by hand (the EF Design package is not available); MigrationsMatchModelTests checks the result.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProjectPortfolio.Infrastructure.Persistence.Migrations;

[DbContext(typeof(ApplicationDbContext))]
[Migration("20261201220000_MeasurementEvidenceLink")]
public partial class MeasurementEvidenceLink : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(
            name: "EvidenceLink",
            table: "IndicatorMeasurements",
            type: "TEXT",
            maxLength: 500,
            nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "EvidenceLink", table: "IndicatorMeasurements");
    }
}
