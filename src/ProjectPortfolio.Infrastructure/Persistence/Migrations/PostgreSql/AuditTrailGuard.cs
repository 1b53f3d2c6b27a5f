using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProjectPortfolio.Infrastructure.Persistence.Migrations.PostgreSql;

/// <summary>The audit trail is append-only in the database itself, as on SQLite (20261202060000_AuditTrail): the
/// table comes from InitialCreate, which the scaffolder regenerates from the model, so the triggers — which the
/// model cannot express — live in this hand-written migration that the scaffolder never touches.</summary>
[DbContext(typeof(PostgreSqlApplicationDbContext))]
[Migration("20261202060000_AuditTrailGuard")]
public partial class AuditTrailGuard : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'The audit trail is append-only.';
            END;
            $$;
            """);
        migrationBuilder.Sql("CREATE TRIGGER \"AuditEntries_NoUpdate\" BEFORE UPDATE ON \"AuditEntries\" FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();");
        migrationBuilder.Sql("CREATE TRIGGER \"AuditEntries_NoDelete\" BEFORE DELETE ON \"AuditEntries\" FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();");
        // TRUNCATE skips row triggers: refused by a statement trigger.
        migrationBuilder.Sql("CREATE TRIGGER \"AuditEntries_NoTruncate\" BEFORE TRUNCATE ON \"AuditEntries\" FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER \"AuditEntries_NoTruncate\" ON \"AuditEntries\";");
        migrationBuilder.Sql("DROP TRIGGER \"AuditEntries_NoDelete\" ON \"AuditEntries\";");
        migrationBuilder.Sql("DROP TRIGGER \"AuditEntries_NoUpdate\" ON \"AuditEntries\";");
        migrationBuilder.Sql("DROP FUNCTION audit_entries_append_only();");
    }
}
