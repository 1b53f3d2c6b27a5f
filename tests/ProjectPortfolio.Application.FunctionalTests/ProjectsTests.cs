using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Members;
using ProjectPortfolio.Application.Projects;
using ProjectPortfolio.Domain.Members;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Application.FunctionalTests;

public class ProjectsTests : FunctionalTest
{
    // NUnit reuses one fixture instance for all its tests: the member belongs to the current test's database only.
    private Guid? _member;

    [SetUp]
    public void ForgetMember() => _member = null;

    private async Task<CreateProjectCommand> ValidCommandAsync()
    {
        var member = _member ??= await SendAsync(new CreateMemberCommand("KIGALI", "Ville de Kigali", MemberKind.City, "RW", null));
        return new CreateProjectCommand
        {
            Title = "Santé maternelle à Kigali", Summary = "Réhabiliter deux centres de santé.", LeadMemberId = member, Country = "RW",
            Theme = "health", Instrument = "COOP_FUND", PlannedStart = new DateOnly(2025, 1, 1), PlannedEnd = new DateOnly(2026, 12, 31),
            GrantAmount = 150000.50m, Currency = "EUR",
        };
    }

    [Test]
    public async Task A_valid_project_is_saved_with_the_next_code_of_its_year()
    {
        var id = await SendAsync(await ValidCommandAsync());
        var detail = await SendAsync(new GetProjectDetailQuery(id));
        Assert.That(detail.Code, Is.EqualTo("AIMF-2025-001"));
        Assert.That(detail.GrantMinor, Is.EqualTo(15_000_050));
        Assert.That(detail.Status, Is.EqualTo(ProjectStatus.Approved));
        Assert.That(detail.Version, Is.EqualTo(1));
        var second = await SendAsync(await ValidCommandAsync());
        Assert.That((await SendAsync(new GetProjectDetailQuery(second))).Code, Is.EqualTo("AIMF-2025-002"));
    }

    private static IEnumerable<TestCaseData> InvalidCommands()
    {
        yield return new TestCaseData((Func<CreateProjectCommand, CreateProjectCommand>)(c => c with { Title = "" }), "Title").SetName("Empty title");
        yield return new TestCaseData((Func<CreateProjectCommand, CreateProjectCommand>)(c => c with { Title = new string('x', 10_000) }), "Title").SetName("Huge title");
        yield return new TestCaseData((Func<CreateProjectCommand, CreateProjectCommand>)(c => c with { Title = "Nul\0byte" }), "Title").SetName("Null byte in title");
        yield return new TestCaseData((Func<CreateProjectCommand, CreateProjectCommand>)(c => c with { PlannedEnd = new DateOnly(2024, 12, 31) }), "PlannedEnd").SetName("End before start");
        yield return new TestCaseData((Func<CreateProjectCommand, CreateProjectCommand>)(c => c with { PlannedStart = null }), "PlannedStart").SetName("Missing start");
        yield return new TestCaseData((Func<CreateProjectCommand, CreateProjectCommand>)(c => c with { Theme = "astrology" }), "Theme").SetName("Unknown theme");
        yield return new TestCaseData((Func<CreateProjectCommand, CreateProjectCommand>)(c => c with { Instrument = "../../etc" }), "Instrument").SetName("Hostile instrument");
        yield return new TestCaseData((Func<CreateProjectCommand, CreateProjectCommand>)(c => c with { Country = "XX" }), "Country").SetName("Unknown country");
        yield return new TestCaseData((Func<CreateProjectCommand, CreateProjectCommand>)(c => c with { LeadMemberId = Guid.NewGuid() }), "LeadMemberId").SetName("Unknown member");
        yield return new TestCaseData((Func<CreateProjectCommand, CreateProjectCommand>)(c => c with { GrantAmount = -5 }), "GrantAmount").SetName("Negative grant");
        yield return new TestCaseData((Func<CreateProjectCommand, CreateProjectCommand>)(c => c with { GrantAmount = 1.005m }), "GrantAmount").SetName("Too many decimals");
        yield return new TestCaseData((Func<CreateProjectCommand, CreateProjectCommand>)(c => c with { GrantAmount = 79228162514264337593543950335m }), "GrantAmount").SetName("Huge grant");
        yield return new TestCaseData((Func<CreateProjectCommand, CreateProjectCommand>)(c => c with { Currency = "=1+1" }), "Currency").SetName("Formula as currency");
        yield return new TestCaseData((Func<CreateProjectCommand, CreateProjectCommand>)(c => c with { Code = "AIMF 2025/001" }), "Code").SetName("Code with spaces and slash");
    }

    [TestCaseSource(nameof(InvalidCommands))]
    public async Task Invalid_input_names_the_field_and_saves_nothing(Func<CreateProjectCommand, CreateProjectCommand> spoil, string field)
    {
        var command = spoil(await ValidCommandAsync());
        var error = Assert.ThrowsAsync<ValidationException>(() => SendAsync(command));
        Assert.That(error!.Errors.Keys, Does.Contain(field));
        Assert.That(await QueryAsync(db => db.Projects.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task Html_in_a_title_is_kept_as_text()
    {
        var id = await SendAsync(await ValidCommandAsync() with { Title = "<script>alert('x')</script> & =1+1" });
        Assert.That((await SendAsync(new GetProjectDetailQuery(id))).Title, Is.EqualTo("<script>alert('x')</script> & =1+1"));
    }

    [Test]
    public async Task A_duplicate_code_is_refused_whatever_its_case()
    {
        await SendAsync(await ValidCommandAsync() with { Code = "AIMF-2025-777" });
        var error = Assert.ThrowsAsync<ValidationException>(async () => await SendAsync(await ValidCommandAsync() with { Code = "aimf-2025-777" }));
        Assert.That(error!.Errors.Keys, Does.Contain("Code"));
        Assert.That(await QueryAsync(db => db.Projects.CountAsync()), Is.EqualTo(1));
    }

    private static UpdateProjectCommand EditOf(ProjectDetail p) => new()
    {
        Id = p.Id, Version = p.Version, Title = p.Title, TitleEn = p.TitleEn, Summary = p.Summary, SummaryEn = p.SummaryEn,
        LeadMemberId = p.LeadMemberId, Country = p.Country, Theme = p.ThemeCode, Instrument = p.InstrumentCode, ProgrammeId = p.ProgrammeId,
        PlannedStart = p.PlannedStart, PlannedEnd = p.PlannedEnd, ActualStart = p.ActualStart, ActualEnd = p.ActualEnd, Status = p.Status,
    };

    [Test]
    public async Task An_edit_saves_and_increments_the_version()
    {
        var id = await SendAsync(await ValidCommandAsync());
        var before = await SendAsync(new GetProjectDetailQuery(id));
        await SendAsync(EditOf(before) with { Title = "Titre corrigé", Status = ProjectStatus.Ongoing, ActualStart = new DateOnly(2025, 2, 1) });
        var after = await SendAsync(new GetProjectDetailQuery(id));
        Assert.That(after.Title, Is.EqualTo("Titre corrigé"));
        Assert.That(after.Status, Is.EqualTo(ProjectStatus.Ongoing));
        Assert.That(after.Version, Is.EqualTo(2));
    }

    [Test]
    public async Task A_stale_edit_is_a_conflict_and_overwrites_nothing()
    {
        var id = await SendAsync(await ValidCommandAsync());
        var read = await SendAsync(new GetProjectDetailQuery(id));
        await SendAsync(EditOf(read) with { Title = "Première modification" });
        Assert.ThrowsAsync<ConflictException>(() => SendAsync(EditOf(read) with { Title = "Seconde modification" }));
        Assert.That((await SendAsync(new GetProjectDetailQuery(id))).Title, Is.EqualTo("Première modification"));
    }

    [Test]
    public async Task An_illegal_status_change_is_refused_and_nothing_changes()
    {
        var id = await SendAsync(await ValidCommandAsync());
        var read = await SendAsync(new GetProjectDetailQuery(id));
        var error = Assert.ThrowsAsync<ValidationException>(() => SendAsync(EditOf(read) with { Title = "Nouveau", Status = ProjectStatus.Closed }));
        Assert.That(error!.Errors.Keys, Does.Contain("Status"));
        var after = await SendAsync(new GetProjectDetailQuery(id));
        Assert.That((after.Title, after.Status, after.Version), Is.EqualTo((read.Title, ProjectStatus.Approved, 1)));
    }

    [Test]
    public async Task The_list_filters_by_country_and_theme_code_and_pages()
    {
        await ImportSampleAsync();
        var rwandaHealth = await SendAsync(new GetProjectsQuery(Country: "rw", Theme: "health"));
        Assert.That(rwandaHealth.Items.Select(p => p.LeadMemberName).Distinct(),
            Is.EquivalentTo(new[] { "Ville de Kigali", "District de Rusizi", "District de Rubavu" }));
        Assert.That(rwandaHealth.Items.All(p => p.Country == "RW" && p.ThemeCode == "health"), Is.True);

        var all = await SendAsync(new GetProjectsQuery(PageSize: 10));
        var total = await QueryAsync(db => db.Projects.CountAsync());
        Assert.That((all.TotalCount, all.Items.Count, all.TotalPages), Is.EqualTo((total, 10, (total + 9) / 10)));
        var last = await SendAsync(new GetProjectsQuery(PageSize: 10, Page: all.TotalPages));
        Assert.That(last.Items, Has.Count.EqualTo(total - 10 * (all.TotalPages - 1)));

        var byCode = await SendAsync(new GetProjectsQuery(Sort: "code", PageSize: 100));
        Assert.That(byCode.Items.Select(p => p.Code), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        var search = await SendAsync(new GetProjectsQuery(Q: "NOUAKCHOTT"));
        Assert.That(search.Items, Is.Not.Empty);
        Assert.That(search.Items.All(p => p.Country == "MR"), Is.True);
        var nothing = await SendAsync(new GetProjectsQuery(Status: ProjectStatus.Cancelled, Country: "RW", Theme: "culture"));
        Assert.That(nothing.TotalCount, Is.Zero);
    }

    [Test]
    public async Task A_donor_sees_only_the_projects_its_partner_co_finances()
    {
        await ImportSampleAsync();
        var eu = await QueryAsync(db => db.Partners.Where(p => p.Code == "UE").Select(p => p.Id).SingleAsync());
        var coFinanced = await QueryAsync(db => db.Projects.Where(p => p.CoFinancing.Any(c => c.PartnerId == eu)).Select(p => p.Id).ToListAsync());
        var other = await QueryAsync(db => db.Projects.Where(p => !p.CoFinancing.Any(c => c.PartnerId == eu)).Select(p => p.Id).FirstAsync());

        User.SignInAs("donor@portfolio.local", Roles.Donor, partnerId: eu);
        var seen = await SendAsync(new GetProjectsQuery(PageSize: 100));
        Assert.That(seen.Items.Select(p => p.Id), Is.EquivalentTo(coFinanced));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetProjectDetailQuery(other)));
        Assert.That((await SendAsync(new GetPortfolioOverviewQuery())).Projects, Is.EqualTo(coFinanced.Count));
    }

    [Test]
    public async Task Only_officers_and_administrators_create_projects()
    {
        var command = await ValidCommandAsync();
        User.SignInAs("donor@portfolio.local", Roles.Donor, partnerId: Guid.NewGuid());
        Assert.ThrowsAsync<ForbiddenAccessException>(() => SendAsync(command));
        User.SignInAs("bureau@portfolio.local", Roles.BureauMember);
        Assert.ThrowsAsync<ForbiddenAccessException>(() => SendAsync(command));
        User.SignOut();
        Assert.ThrowsAsync<UnauthorizedAccessException>(() => SendAsync(command));
        Assert.That(await QueryAsync(db => db.Projects.CountAsync()), Is.Zero);
    }
}
