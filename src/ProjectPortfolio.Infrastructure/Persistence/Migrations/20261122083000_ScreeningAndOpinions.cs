// Written by hand (the EF Design package is not available): the operations were copied from the output of
// tests/.../Tooling/MigrationScaffolder.cs for the three new tables; MigrationsMatchModelTests checks the result.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable
#pragma warning disable CA1861 // migration code runs once; literal arrays are clearer than fields here

namespace ProjectPortfolio.Infrastructure.Persistence.Migrations;

[DbContext(typeof(ApplicationDbContext))]
[Migration("20261122083000_ScreeningAndOpinions")]
public partial class ScreeningAndOpinions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "EligibilityCriteria",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                TextFr = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                TextEn = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                Order = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_EligibilityCriteria", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "BureauOpinion",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                MemberName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                Opinion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                GivenAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_BureauOpinion", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "ScreeningAnswer",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                CriterionId = table.Column<Guid>(type: "TEXT", nullable: false),
                Answer = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ScreeningAnswer", x => x.Id);
                table.ForeignKey(
                    name: "FK_ScreeningAnswer_EligibilityCriteria_CriterionId",
                    column: x => x.CriterionId,
                    principalTable: "EligibilityCriteria",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_ScreeningAnswer_GrantApplications_ApplicationId",
                    column: x => x.ApplicationId,
                    principalTable: "GrantApplications",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_BureauOpinion_ApplicationId_UserId",
            table: "BureauOpinion",
            columns: new[] { "ApplicationId", "UserId" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_EligibilityCriteria_Code",
            table: "EligibilityCriteria",
            column: "Code",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_ScreeningAnswer_ApplicationId_CriterionId",
            table: "ScreeningAnswer",
            columns: new[] { "ApplicationId", "CriterionId" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_ScreeningAnswer_CriterionId",
            table: "ScreeningAnswer",
            column: "CriterionId");

        migrationBuilder.AddForeignKey(
            name: "FK_BureauOpinion_GrantApplications_ApplicationId",
            table: "BureauOpinion",
            columns: new[] { "ApplicationId" },
            principalTable: "GrantApplications",
            principalColumns: new[] { "Id" },
            onDelete: ReferentialAction.Cascade);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "ScreeningAnswer");
        migrationBuilder.DropTable(name: "BureauOpinion");
        migrationBuilder.DropTable(name: "EligibilityCriteria");
    }
}
