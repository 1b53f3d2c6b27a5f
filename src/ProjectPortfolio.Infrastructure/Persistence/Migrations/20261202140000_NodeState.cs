// Written by hand (the EF Design package is not available); MigrationsMatchModelTests checks the result.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProjectPortfolio.Infrastructure.Persistence.Migrations;

/// <summary>What the nodes of one installation share (docs/adr/0016): the data-protection key ring and the sign-in
/// counters. PostgreSQL has the same migration in its own dialect (PostgreSql/NodeStateForPostgreSql).</summary>
[DbContext(typeof(ApplicationDbContext))]
[Migration("20261202140000_NodeState")]
public partial class NodeState : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "DataProtectionKeys",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                Xml = table.Column<string>(type: "TEXT", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "SignInCounters",
            columns: table => new
            {
                Key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                WindowStartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                Count = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SignInCounters", x => x.Key);
            });

        migrationBuilder.CreateIndex(
            name: "IX_SignInCounters_WindowStartUtc",
            table: "SignInCounters",
            column: "WindowStartUtc");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "SignInCounters");
        migrationBuilder.DropTable(name: "DataProtectionKeys");
    }
}
