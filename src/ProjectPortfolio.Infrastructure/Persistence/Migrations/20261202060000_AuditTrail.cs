// Written by hand (the EF Design package is not available); MigrationsMatchModelTests checks the result.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable
#pragma warning disable CA1861 // migration code runs once; literal arrays are clearer than fields here

namespace ProjectPortfolio.Infrastructure.Persistence.Migrations;

[DbContext(typeof(ApplicationDbContext))]
[Migration("20261202060000_AuditTrail")]
public partial class AuditTrail : Migration
{
    /// <summary>The append-only guard, per provider. SQLite: BEFORE triggers that abort. A PostgreSQL equivalent is
    /// a trigger function raising an exception (CREATE FUNCTION audit_append_only() ... RAISE EXCEPTION ...; CREATE
    /// TRIGGER ... BEFORE UPDATE OR DELETE ON "AuditEntries" FOR EACH ROW EXECUTE FUNCTION audit_append_only()),
    /// to be added beside these when that provider arrives (switch on migrationBuilder.ActiveProvider).</summary>
    internal static readonly string[] SqliteGuard =
    [
        "CREATE TRIGGER AuditEntries_NoUpdate BEFORE UPDATE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only.'); END;",
        "CREATE TRIGGER AuditEntries_NoDelete BEFORE DELETE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only.'); END;",
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                Action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                EntityType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                EntityId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                AggregateId = table.Column<Guid>(type: "TEXT", nullable: true),
                Changes = table.Column<string>(type: "TEXT", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AuditEntries", x => x.Id);
            });

        migrationBuilder.CreateIndex(
            name: "IX_AuditEntries_AggregateId_AtUtc",
            table: "AuditEntries",
            columns: new[] { "AggregateId", "AtUtc" });

        migrationBuilder.CreateIndex(
            name: "IX_AuditEntries_AtUtc",
            table: "AuditEntries",
            column: "AtUtc");

        migrationBuilder.CreateIndex(
            name: "IX_AuditEntries_EntityId_AtUtc",
            table: "AuditEntries",
            columns: new[] { "EntityId", "AtUtc" });

        if (migrationBuilder.IsSqlite())
            foreach (var sql in SqliteGuard) migrationBuilder.Sql(sql);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "AuditEntries");
    }
}
