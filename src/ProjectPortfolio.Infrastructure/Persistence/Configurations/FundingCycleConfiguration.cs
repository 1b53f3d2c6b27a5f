using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProjectPortfolio.Domain.Applications;
using ProjectPortfolio.Domain.BureauSessions;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Members;
using ProjectPortfolio.Domain.Partners;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Infrastructure.Persistence.Configurations;

public class GrantApplicationConfiguration : IEntityTypeConfiguration<GrantApplication>
{
    public void Configure(EntityTypeBuilder<GrantApplication> builder)
    {
        builder.Property(a => a.Reference).HasMaxLength(40);
        builder.HasIndex(a => a.Reference).IsUnique();
        builder.Property(a => a.Title).HasMaxLength(GrantApplication.TitleMaxLength);
        builder.Property(a => a.TitleEn).HasMaxLength(GrantApplication.TitleMaxLength);
        builder.Property(a => a.Summary).HasMaxLength(GrantApplication.SummaryMaxLength);
        builder.Property(a => a.SummaryEn).HasMaxLength(GrantApplication.SummaryMaxLength);
        builder.Property(a => a.Currency).HasMaxLength(3);
        builder.Property(a => a.ScreeningComment).HasMaxLength(4000);
        builder.Property(a => a.RecommendationComment).HasMaxLength(4000);
        builder.Ignore(a => a.IsEditable);
        builder.HasOne<Member>().WithMany().HasForeignKey(a => a.ApplicantMemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Project>().WithMany().HasForeignKey(a => a.ContinuesProjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Theme>().WithMany().HasForeignKey(a => a.ThemeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<FundingInstrument>().WithMany().HasForeignKey(a => a.InstrumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<BureauSession>().WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.Status);
        builder.HasMany(a => a.CoFinancing).WithOne().HasForeignKey(c => c.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.ExpectedResults).WithOne().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.ScreeningAnswers).WithOne().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Opinions).WithOne().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class CoFinancingPlanLineConfiguration : IEntityTypeConfiguration<CoFinancingPlanLine>
{
    public void Configure(EntityTypeBuilder<CoFinancingPlanLine> builder)
    {
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.HasOne<Partner>().WithMany().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.ApplicationId, c.PartnerId }).IsUnique();
    }
}

public class ExpectedResultConfiguration : IEntityTypeConfiguration<ExpectedResult>
{
    public void Configure(EntityTypeBuilder<ExpectedResult> builder)
    {
        builder.HasOne<Domain.Catalogue.Indicator>().WithMany().HasForeignKey(r => r.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.ApplicationId, r.IndicatorId }).IsUnique();
    }
}

public class BureauSessionConfiguration : IEntityTypeConfiguration<BureauSession>
{
    public void Configure(EntityTypeBuilder<BureauSession> builder)
    {
        builder.Property(s => s.Code).HasMaxLength(40);
        builder.HasIndex(s => s.Code).IsUnique();
        builder.Property(s => s.Place).HasMaxLength(200);
        builder.HasMany(s => s.Agenda).WithOne().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Envelopes).WithOne().HasForeignKey(e => e.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Attendance).WithOne().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Decisions).WithOne().HasForeignKey(d => d.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> builder)
    {
        builder.HasOne<GrantApplication>().WithMany().HasForeignKey(a => a.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.SessionId, a.ApplicationId }).IsUnique();
    }
}

public class SessionEnvelopeConfiguration : IEntityTypeConfiguration<SessionEnvelope>
{
    public void Configure(EntityTypeBuilder<SessionEnvelope> builder)
    {
        builder.Property(e => e.Currency).HasMaxLength(3);
        builder.HasOne<FundingInstrument>().WithMany().HasForeignKey(e => e.InstrumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.SessionId, e.InstrumentId }).IsUnique();
    }
}

public class SessionAttendanceConfiguration : IEntityTypeConfiguration<SessionAttendance>
{
    public void Configure(EntityTypeBuilder<SessionAttendance> builder)
    {
        builder.Property(a => a.AttendeeName).HasMaxLength(200);
        builder.Property(a => a.UserId).HasMaxLength(450);
    }
}

public class FundingDecisionConfiguration : IEntityTypeConfiguration<FundingDecision>
{
    public void Configure(EntityTypeBuilder<FundingDecision> builder)
    {
        builder.Property(d => d.Currency).HasMaxLength(3);
        builder.Property(d => d.Reason).HasMaxLength(2000);
        builder.Property(d => d.EnvelopeOverrideReason).HasMaxLength(2000);
        builder.HasOne<GrantApplication>().WithMany().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<FundingInstrument>().WithMany().HasForeignKey(d => d.InstrumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Project>().WithMany().HasForeignKey(d => d.ProjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.SessionId, d.ApplicationId }).IsUnique();
        builder.HasMany(d => d.Conditions).WithOne().HasForeignKey(c => c.DecisionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Amendments).WithOne().HasForeignKey(a => a.DecisionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class DecisionConditionConfiguration : IEntityTypeConfiguration<DecisionCondition>
{
    public void Configure(EntityTypeBuilder<DecisionCondition> builder) => builder.Property(c => c.Text).HasMaxLength(1000);
}

public class EligibilityCriterionConfiguration : IEntityTypeConfiguration<EligibilityCriterion>
{
    public void Configure(EntityTypeBuilder<EligibilityCriterion> builder)
    {
        builder.ToTable("EligibilityCriteria");
        builder.Property(c => c.Code).HasMaxLength(40);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Property(c => c.TextFr).HasMaxLength(500);
        builder.Property(c => c.TextEn).HasMaxLength(500);
    }
}

public class ScreeningAnswerConfiguration : IEntityTypeConfiguration<ScreeningAnswer>
{
    public void Configure(EntityTypeBuilder<ScreeningAnswer> builder)
    {
        builder.Property(a => a.Comment).HasMaxLength(1000);
        builder.HasOne<EligibilityCriterion>().WithMany().HasForeignKey(a => a.CriterionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.ApplicationId, a.CriterionId }).IsUnique();
    }
}

public class BureauOpinionConfiguration : IEntityTypeConfiguration<BureauOpinion>
{
    public void Configure(EntityTypeBuilder<BureauOpinion> builder)
    {
        builder.Property(o => o.UserId).HasMaxLength(450);
        builder.Property(o => o.MemberName).HasMaxLength(200);
        builder.Property(o => o.Comment).HasMaxLength(2000);
        builder.HasIndex(o => new { o.ApplicationId, o.UserId }).IsUnique();
    }
}

public class DecisionAmendmentConfiguration : IEntityTypeConfiguration<DecisionAmendment>
{
    public void Configure(EntityTypeBuilder<DecisionAmendment> builder)
    {
        builder.Property(a => a.Reason).HasMaxLength(2000);
        builder.Property(a => a.AmendedBy).HasMaxLength(256);
    }
}
