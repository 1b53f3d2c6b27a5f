// Written by hand (the EF Design package is not available), in the shape of the MigrationScaffolder's output;
// MigrationsMatchModelTests checks the result.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable
#pragma warning disable CA1861 // migration code runs once; literal arrays are clearer than fields here

namespace ProjectPortfolio.Infrastructure.Persistence.Migrations;

/// <summary>Release conditions of disbursement tranches, and the date a co-financing amount was received.</summary>
[DbContext(typeof(ApplicationDbContext))]
[Migration("20261201220000_TrancheConditions")]
public partial class TrancheConditions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateOnly>(
            name: "ReceivedOn",
            table: "ProjectCoFinancing",
            type: "TEXT",
            nullable: true);

        migrationBuilder.CreateTable(
            name: "TrancheCondition",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                TrancheId = table.Column<Guid>(type: "TEXT", nullable: false),
                Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                MilestoneId = table.Column<Guid>(type: "TEXT", nullable: true),
                Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                MetAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                MetBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                MetNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TrancheCondition", x => x.Id);
                table.ForeignKey(
                    name: "FK_TrancheCondition_DisbursementTranche_TrancheId",
                    column: x => x.TrancheId,
                    principalTable: "DisbursementTranche",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_TrancheCondition_Milestone_MilestoneId",
                    column: x => x.MilestoneId,
                    principalTable: "Milestone",
                    principalColumn: "Id");
            });

        migrationBuilder.CreateIndex(
            name: "IX_TrancheCondition_MilestoneId",
            table: "TrancheCondition",
            column: "MilestoneId");

        migrationBuilder.CreateIndex(
            name: "IX_TrancheCondition_TrancheId",
            table: "TrancheCondition",
            column: "TrancheId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "TrancheCondition");
        migrationBuilder.DropColumn(name: "ReceivedOn", table: "ProjectCoFinancing");
    }
}
