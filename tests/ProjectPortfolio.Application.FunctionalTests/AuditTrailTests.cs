using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectPortfolio.Application.Auditing;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Members;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Application.Projects.Execution;
using ProjectPortfolio.Domain.Auditing;
using ProjectPortfolio.Domain.Members;
using ProjectPortfolio.Domain.Projects;
using ProjectPortfolio.Infrastructure.Identity;

namespace ProjectPortfolio.Application.FunctionalTests;

public class AuditTrailTests : FunctionalTest
{
    private async Task<Guid> NewProjectAsync(string memberCode = "KIGALI")
    {
        var member = await SendAsync(new CreateMemberCommand(memberCode, "Ville de " + memberCode, MemberKind.City, "RW", null));
        return await SendAsync(new CreateProjectCommand
        {
            Title = "Santé maternelle à Kigali", Summary = "Réhabiliter deux centres de santé.", LeadMemberId = member, Country = "RW",
            Theme = "health", Instrument = "COOP_FUND", PlannedStart = new DateOnly(2025, 1, 1), PlannedEnd = new DateOnly(2026, 12, 31),
            GrantAmount = 150000.50m, Currency = "EUR",
        });
    }

    private static UpdateProjectCommand EditOf(ProjectDetail p) => new()
    {
        Id = p.Id, Version = p.Version, Title = p.Title, TitleEn = p.TitleEn, Summary = p.Summary, SummaryEn = p.SummaryEn,
        LeadMemberId = p.LeadMemberId, Country = p.Country, Theme = p.ThemeCode, Instrument = p.InstrumentCode, ProgrammeId = p.ProgrammeId,
        PlannedStart = p.PlannedStart, PlannedEnd = p.PlannedEnd, ActualStart = p.ActualStart, ActualEnd = p.ActualEnd, Status = p.Status,
    };

    private Task<List<AuditEntry>> EntriesAsync() =>
        QueryAsync(db => db.AuditEntries.OrderBy(a => a.AtUtc).ThenBy(a => a.Id).ToListAsync());

    [Test]
    public async Task Creating_a_project_writes_a_created_entry_by_the_current_user()
    {
        var id = await NewProjectAsync();
        var entry = (await EntriesAsync()).Single(a => a.EntityType == nameof(Project));
        Assert.That(entry.Action, Is.EqualTo(AuditAction.Created));
        Assert.That(entry.EntityId, Is.EqualTo(id.ToString()));
        Assert.That(entry.AggregateId, Is.EqualTo(id));
        Assert.That(entry.UserName, Is.EqualTo("officer@portfolio.local"));
        using var changes = JsonDocument.Parse(entry.Changes!);
        Assert.That(changes.RootElement.GetProperty("Title").GetProperty("new").GetString(), Is.EqualTo("Santé maternelle à Kigali"));
        // Bookkeeping the interceptor writes itself is not repeated in the values.
        Assert.That(changes.RootElement.TryGetProperty("Version", out _), Is.False);
    }

    [Test]
    public async Task An_edit_records_old_and_new_values_of_the_changed_properties_only_and_a_status_change_is_recognised()
    {
        var id = await NewProjectAsync();
        var before = await SendAsync(new GetProjectDetailQuery(id));
        await SendAsync(EditOf(before) with { Title = "<b>Titre</b> corrigé", Status = ProjectStatus.Ongoing, ActualStart = new DateOnly(2025, 2, 1) });

        var entry = (await EntriesAsync()).Last(a => a.EntityType == nameof(Project));
        Assert.That(entry.Action, Is.EqualTo(AuditAction.StatusChanged));
        using var changes = JsonDocument.Parse(entry.Changes!);
        var root = changes.RootElement;
        Assert.That(root.GetProperty("Title").GetProperty("old").GetString(), Is.EqualTo("Santé maternelle à Kigali"));
        Assert.That(root.GetProperty("Title").GetProperty("new").GetString(), Is.EqualTo("<b>Titre</b> corrigé"));
        Assert.That(root.GetProperty("Status").GetProperty("old").GetString(), Is.EqualTo("Approved"));
        Assert.That(root.GetProperty("Status").GetProperty("new").GetString(), Is.EqualTo("Ongoing"));
        Assert.That(root.TryGetProperty("Summary", out _), Is.False, "an unchanged property is not recorded");
    }

    [Test]
    public async Task A_failed_save_leaves_no_audit_entry()
    {
        var id = await NewProjectAsync();
        var before = await SendAsync(new GetProjectDetailQuery(id));
        var count = (await EntriesAsync()).Count;
        await SendAsync(EditOf(before) with { Title = "Première modification" });
        var afterFirst = (await EntriesAsync()).Count;
        Assert.That(afterFirst, Is.EqualTo(count + 1));

        // The second editor read the old version: the save fails and neither the change nor an entry is written.
        Assert.That(async () => await SendAsync(EditOf(before) with { Title = "Seconde modification" }), Throws.InstanceOf<ConflictException>());
        Assert.That((await EntriesAsync()).Count, Is.EqualTo(afterFirst));
        Assert.That((await SendAsync(new GetProjectDetailQuery(id))).Title, Is.EqualTo("Première modification"));
    }

    [Test]
    public async Task A_save_the_database_refuses_writes_neither_the_change_nor_its_entry()
    {
        var id = await NewProjectAsync();
        var count = (await EntriesAsync()).Count;
        // A trigger makes the database refuse the project's UPDATE inside SaveChanges itself, after the interceptor
        // has added the audit entry to the same unit of work: the transaction must take both back.
        var error = Assert.ThrowsAsync<DbUpdateException>(async () => await QueryAsync(async db =>
        {
            var project = await db.Projects.SingleAsync(p => p.Id == id);
            db.Entry(project).Property(p => p.Title).CurrentValue = "Modifié dans une sauvegarde qui échoue";
            foreach (var sql in InjectedProjectUpdateFailure()) await db.Database.ExecuteSqlRawAsync(sql);
            return await db.SaveChangesAsync();
        }));
        Assert.That(error!.InnerException?.Message, Does.Contain("injected failure"));
        Assert.That((await EntriesAsync()).Count, Is.EqualTo(count));
        Assert.That((await SendAsync(new GetProjectDetailQuery(id))).Title, Is.EqualTo("Santé maternelle à Kigali"));
    }

    [Test]
    public async Task Secrets_of_an_account_are_never_written_to_the_trail()
    {
        const string hash = "AQAAAAIAAYagAAAAEFakeHashThatMustNotLeak==";
        const string stamp = "STAMPTHATMUSTNOTLEAK";
        var user = new ApplicationUser { UserName = "awa@example.org", Email = "awa@example.org", PasswordHash = hash, SecurityStamp = stamp };
        await QueryAsync(async db => { db.Users.Add(user); return await db.SaveChangesAsync(); });
        await QueryAsync(async db =>
        {
            var saved = await db.Users.SingleAsync(u => u.Id == user.Id);
            saved.PasswordHash = hash + "changed";
            saved.SecurityStamp = stamp + "changed";
            return await db.SaveChangesAsync();
        });

        var entries = (await EntriesAsync()).Where(a => a.EntityType == nameof(ApplicationUser)).ToList();
        Assert.That(entries.Select(e => e.Action), Is.EqualTo(new[] { AuditAction.Created }),
            "a change of password alone changes only secrets: nothing to record");
        Assert.That(entries[0].Changes, Does.Contain("awa@example.org"));
        var all = string.Join("\n", (await EntriesAsync()).Select(a => a.Changes));
        Assert.That(all, Does.Not.Contain("FakeHash").And.Not.Contain("MUSTNOTLEAK").And.Not.Contain("PasswordHash").And.Not.Contain("ConcurrencyStamp"));
    }

    [Test]
    public async Task A_project_history_holds_its_parts_newest_first_with_old_and_new_values_and_pages()
    {
        var id = await NewProjectAsync();
        var before = await SendAsync(new GetProjectDetailQuery(id));
        await SendAsync(new AddMilestoneCommand(id, before.Version, "Forage du puits", null, new DateOnly(2025, 3, 1)));
        var withMilestone = await SendAsync(new GetProjectDetailQuery(id));
        await SendAsync(EditOf(withMilestone) with { Title = "Santé maternelle — phase 2" });
        var otherProject = await NewProjectAsync("HUYE");

        var history = await SendAsync(new GetRecordHistoryQuery(AuditedRecord.Project, id));
        Assert.That(history.Items.Select(h => (h.Action, h.EntityType)), Is.EqualTo(new[]
        {
            (AuditAction.Updated, nameof(Project)), (AuditAction.Created, nameof(Milestone)), (AuditAction.Created, nameof(Project)),
        }), "the project's own entries and its milestone's, newest first, and none of the other project");
        var title = history.Items[0].Changes.Single(c => c.Field == "Title");
        Assert.That((title.Old, title.New), Is.EqualTo(("Santé maternelle à Kigali", "Santé maternelle — phase 2")));
        Assert.That(history.Items[2].Changes.Single(c => c.Field == "GrantMinor"), Is.EqualTo(new AuditFieldChange("GrantMinor", null, "15000050")));

        var secondPage = await SendAsync(new GetRecordHistoryQuery(AuditedRecord.Project, id, Page: 2, PageSize: 2));
        Assert.That((secondPage.TotalCount, secondPage.Items.Count, secondPage.Items[0].EntityType), Is.EqualTo((3, 1, nameof(Project))));
        Assert.That((await SendAsync(new GetRecordHistoryQuery(AuditedRecord.Project, otherProject))).TotalCount, Is.EqualTo(1));
        Assert.That(() => SendAsync(new GetRecordHistoryQuery(AuditedRecord.Application, id)), Throws.TypeOf<NotFoundException>(),
            "a project's id is not an application's");
    }

    [TestCase(Roles.BureauMember)]
    [TestCase(Roles.Donor)]
    [TestCase(Roles.Applicant)]
    public async Task Only_officers_and_administrators_read_a_history_and_only_administrators_the_log(string role)
    {
        var id = await NewProjectAsync();
        User.SignInAs("someone@portfolio.local", role);
        Assert.That(() => SendAsync(new GetRecordHistoryQuery(AuditedRecord.Project, id)), Throws.TypeOf<ForbiddenAccessException>());
        Assert.That(() => SendAsync(new SearchAuditLogQuery()), Throws.TypeOf<ForbiddenAccessException>());
        Assert.That(() => SendAsync(new ExportAuditLogQuery()), Throws.TypeOf<ForbiddenAccessException>());
        User.SignInAs("officer@portfolio.local", Roles.ProgrammeOfficer);
        Assert.That(() => SendAsync(new SearchAuditLogQuery()), Throws.TypeOf<ForbiddenAccessException>());
        User.SignInAs("admin@portfolio.local", Roles.Administrator);
        Assert.That((await SendAsync(new SearchAuditLogQuery(Entity: id.ToString()))).TotalCount, Is.EqualTo(1));
    }

    [Test]
    public async Task Keys_of_the_data_protection_ring_are_stored_in_the_database_and_never_written_to_the_trail()
    {
        // The ring lives in the application's database (docs/adr/0016): a key made now is saved through the same
        // context, and so through the auditing interceptor, which must leave it out.
        var keys = Services.GetRequiredService<IKeyManager>();
        var made = keys.CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));

        var stored = await QueryAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.That(stored, Has.One.Contains(made.KeyId.ToString()), "the key is in the database");
        Assert.That(stored.Single(x => x!.Contains(made.KeyId.ToString())), Does.Contain("masterKey"), "the row is the key material itself");
        var trail = await EntriesAsync();
        Assert.That(trail.Select(e => e.EntityType), Has.None.EqualTo(nameof(DataProtectionKey)));
        Assert.That(string.Join("\n", trail.Select(e => e.Changes)), Does.Not.Contain("masterKey").And.Not.Contain(made.KeyId.ToString()));
    }

    // Quoted identifiers: the same statements on SQLite and PostgreSQL (whose triggers are in AuditTrailGuard).
    [TestCase("UPDATE \"AuditEntries\" SET \"UserName\" = 'someone else'")]
    [TestCase("DELETE FROM \"AuditEntries\"")]
    public async Task The_database_refuses_to_change_or_remove_an_entry(string sql)
    {
        await NewProjectAsync();
        var before = await EntriesAsync();
        Assert.That(before, Is.Not.Empty);
        var error = Assert.ThrowsAsync(Is.InstanceOf<System.Data.Common.DbException>(), async () => await QueryAsync(db => db.Database.ExecuteSqlRawAsync(sql)));
        Assert.That(error!.Message, Does.Contain("append-only"));
        var after = await EntriesAsync();
        Assert.That(after.Select(a => (a.Id, a.UserName)), Is.EqualTo(before.Select(a => (a.Id, a.UserName))));
    }

    /// <summary>A trigger that makes the database itself refuse the next UPDATE of a project, in each provider's dialect.</summary>
    private static string[] InjectedProjectUpdateFailure() => ProjectPortfolio.Testing.TestDatabases.UsePostgreSql
        ?
        [
            "CREATE FUNCTION fail_project_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END; $$;",
            "CREATE TRIGGER \"FailNextProjectUpdate\" BEFORE UPDATE ON \"Projects\" FOR EACH ROW EXECUTE FUNCTION fail_project_update();",
        ]
        : ["CREATE TRIGGER FailNextProjectUpdate BEFORE UPDATE ON Projects BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"];
}
