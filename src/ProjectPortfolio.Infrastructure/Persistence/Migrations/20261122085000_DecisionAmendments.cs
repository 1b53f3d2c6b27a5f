// Written by hand (the EF Design package is not available): the operations were copied from the output of
// tests/.../Tooling/MigrationScaffolder.cs for the new table; MigrationsMatchModelTests checks the result.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable
#pragma warning disable CA1861 // migration code runs once; literal arrays are clearer than fields here

namespace ProjectPortfolio.Infrastructure.Persistence.Migrations;

[DbContext(typeof(ApplicationDbContext))]
[Migration("20261122085000_DecisionAmendments")]
public partial class DecisionAmendments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "DecisionAmendment",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                DecisionId = table.Column<Guid>(type: "TEXT", nullable: false),
                PreviousAwardedMinor = table.Column<long>(type: "INTEGER", nullable: false),
                NewAwardedMinor = table.Column<long>(type: "INTEGER", nullable: false),
                Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                AmendedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                AmendedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DecisionAmendment", x => x.Id);
            });

        migrationBuilder.CreateIndex(
            name: "IX_DecisionAmendment_DecisionId",
            table: "DecisionAmendment",
            column: "DecisionId");

        migrationBuilder.AddForeignKey(
            name: "FK_DecisionAmendment_FundingDecision_DecisionId",
            table: "DecisionAmendment",
            columns: new[] { "DecisionId" },
            principalTable: "FundingDecision",
            principalColumns: new[] { "Id" },
            onDelete: ReferentialAction.Cascade);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "DecisionAmendment");
    }
}
