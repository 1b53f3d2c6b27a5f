// Written by hand (the EF Design package is not available): the operations were copied from the output of
// tests/.../Tooling/MigrationScaffolder.cs for the new table; MigrationsMatchModelTests checks the result.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable
#pragma warning disable CA1861 // migration code runs once; literal arrays are clearer than fields here

namespace ProjectPortfolio.Infrastructure.Persistence.Migrations;

[DbContext(typeof(ApplicationDbContext))]
[Migration("20261122084000_Attachments")]
public partial class Attachments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Attachments",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                OwnerType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                FileName = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                StorageKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                UploadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Attachments", x => x.Id);
            });

        migrationBuilder.CreateIndex(
            name: "IX_Attachments_OwnerType_OwnerId",
            table: "Attachments",
            columns: new[] { "OwnerType", "OwnerId" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "Attachments");
    }
}
