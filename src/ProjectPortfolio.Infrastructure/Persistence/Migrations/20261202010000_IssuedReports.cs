// Written by hand (the EF Design package is not available); MigrationsMatchModelTests checks the result.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable
#pragma warning disable CA1861 // migration code runs once; literal arrays are clearer than fields here

namespace ProjectPortfolio.Infrastructure.Persistence.Migrations;

[DbContext(typeof(ApplicationDbContext))]
[Migration("20261202010000_IssuedReports")]
public partial class IssuedReports : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "IssuedReports",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                Parameters = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                Language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                FileName = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                IssuedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                IssuedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                IssuedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_IssuedReports", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "IssuedReportRecipient",
            columns: table => new
            {
                IssuedReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                PartnerId = table.Column<Guid>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_IssuedReportRecipient", x => new { x.IssuedReportId, x.PartnerId });
                table.ForeignKey(
                    name: "FK_IssuedReportRecipient_IssuedReports_IssuedReportId",
                    column: x => x.IssuedReportId,
                    principalTable: "IssuedReports",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_IssuedReportRecipient_Partners_PartnerId",
                    column: x => x.PartnerId,
                    principalTable: "Partners",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(
            name: "IX_IssuedReportRecipient_PartnerId",
            table: "IssuedReportRecipient",
            column: "PartnerId");

        migrationBuilder.CreateIndex(
            name: "IX_IssuedReports_IssuedAtUtc",
            table: "IssuedReports",
            column: "IssuedAtUtc");

        migrationBuilder.CreateIndex(
            name: "IX_IssuedReports_Sha256",
            table: "IssuedReports",
            column: "Sha256");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "IssuedReportRecipient");
        migrationBuilder.DropTable(name: "IssuedReports");
    }
}
