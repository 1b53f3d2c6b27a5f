// Written by hand, beside the scaffolded InitialCreate (docs/adr/0015); MigrationsMatchModelTests checks the result.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProjectPortfolio.Infrastructure.Persistence.Migrations.PostgreSql;

/// <summary>What the nodes of one installation share (docs/adr/0016): the data-protection key ring and the sign-in
/// counters; the same as SQLite's 20261202140000_NodeState in PostgreSQL's types. A migration of its own rather than
/// a regenerated InitialCreate, so that it merges beside other branches' changes to the model.</summary>
[DbContext(typeof(PostgreSqlApplicationDbContext))]
[Migration("20261202140000_NodeStateForPostgreSql")]
public partial class NodeStateForPostgreSql : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "DataProtectionKeys",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false).Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                FriendlyName = table.Column<string>(type: "text", nullable: true),
                Xml = table.Column<string>(type: "text", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "SignInCounters",
            columns: table => new
            {
                Key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                WindowStartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                Count = table.Column<int>(type: "integer", nullable: false),
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
