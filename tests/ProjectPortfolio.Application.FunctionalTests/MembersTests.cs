using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Application.Common.Exceptions;
using ProjectPortfolio.Application.Common.Security;
using ProjectPortfolio.Application.Members;
using ProjectPortfolio.Application.Partners;
using ProjectPortfolio.Domain.Members;
using ProjectPortfolio.Domain.Partners;

namespace ProjectPortfolio.Application.FunctionalTests;

public class MembersAndPartnersTests : FunctionalTest
{
    [Test]
    public async Task A_member_is_created_listed_and_edited()
    {
        var id = await SendAsync(new CreateMemberCommand(" gitega ", "Commune de Gitega", MemberKind.Municipality, "bi", "Grands Lacs"));
        var member = await SendAsync(new GetMemberQuery(id));
        Assert.That((member.Code, member.Country, member.Version), Is.EqualTo(("GITEGA", "BI", 1)));
        await SendAsync(new UpdateMemberCommand(id, member.Version, "Ville de Gitega", MemberKind.City, "BI", null));
        var list = await SendAsync(new GetMembersQuery(Q: "gitega"));
        Assert.That(list.Items.Single().Name, Is.EqualTo("Ville de Gitega"));
        Assert.ThrowsAsync<ConflictException>(() => SendAsync(new UpdateMemberCommand(id, member.Version, "Écrasement", MemberKind.City, "BI", null)));
    }

    [TestCase("", "Nom", "RW", "Code")]
    [TestCase("KGL", "", "RW", "Name")]
    [TestCase("KGL", "Nom", "", "Country")]
    [TestCase("KGL", "Nom", "Rwanda", "Country")]
    [TestCase("K G L", "Nom", "RW", "Code")]
    public async Task Invalid_members_are_refused_field_by_field(string code, string name, string country, string field)
    {
        var error = Assert.ThrowsAsync<ValidationException>(() => SendAsync(new CreateMemberCommand(code, name, MemberKind.City, country, null)));
        Assert.That(error!.Errors.Keys, Does.Contain(field));
        Assert.That(await QueryAsync(db => db.Members.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task Duplicate_codes_are_refused()
    {
        await SendAsync(new CreatePartnerCommand("EU", "Union européenne", PartnerKind.Multilateral, null));
        var error = Assert.ThrowsAsync<ValidationException>(() => SendAsync(new CreatePartnerCommand("eu", "Autre", PartnerKind.Other, "FR")));
        Assert.That(error!.Errors.Keys, Does.Contain("Code"));
    }

    [Test]
    public async Task Validation_messages_speak_the_user_s_language()
    {
        var previous = Thread.CurrentThread.CurrentUICulture;
        try
        {
            Thread.CurrentThread.CurrentUICulture = new System.Globalization.CultureInfo("fr-FR");
            var fr = Assert.ThrowsAsync<ValidationException>(() => SendAsync(new CreateMemberCommand("KGL", "", MemberKind.City, "RW", null)));
            Assert.That(fr!.Errors["Name"].Single(), Does.Contain("Nom"));
            Thread.CurrentThread.CurrentUICulture = new System.Globalization.CultureInfo("en-GB");
            var en = Assert.ThrowsAsync<ValidationException>(() => SendAsync(new CreateMemberCommand("KGL", "", MemberKind.City, "RW", null)));
            Assert.That(en!.Errors["Name"].Single(), Does.Contain("Name").And.Contain("empty"));
        }
        finally { Thread.CurrentThread.CurrentUICulture = previous; }
    }

    [Test]
    public async Task A_donor_cannot_change_reference_data()
    {
        User.SignInAs("donor@portfolio.local", Roles.Donor, partnerId: Guid.NewGuid());
        Assert.ThrowsAsync<ForbiddenAccessException>(() => SendAsync(new CreateMemberCommand("KGL", "Kigali", MemberKind.City, "RW", null)));
        Assert.That(await QueryAsync(db => db.Members.CountAsync()), Is.Zero);
    }
}
