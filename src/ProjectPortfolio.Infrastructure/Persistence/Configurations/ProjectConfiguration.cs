using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProjectPortfolio.Domain.Applications;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Indicators;
using ProjectPortfolio.Domain.Members;
using ProjectPortfolio.Domain.Partners;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Infrastructure.Persistence.Configurations;

public class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.Property(p => p.Code).HasMaxLength(40);
        builder.HasIndex(p => p.Code).IsUnique();
        builder.Property(p => p.Title).HasMaxLength(Project.TitleMaxLength);
        builder.Property(p => p.TitleEn).HasMaxLength(Project.TitleMaxLength);
        builder.Property(p => p.Summary).HasMaxLength(Project.SummaryMaxLength);
        builder.Property(p => p.SummaryEn).HasMaxLength(Project.SummaryMaxLength);
        builder.Property(p => p.Country).HasMaxLength(2);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Ignore(p => p.Grant);
        builder.Ignore(p => p.DisbursedTotal);

        builder.HasOne<Member>().WithMany().HasForeignKey(p => p.LeadMemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Theme>().WithMany().HasForeignKey(p => p.ThemeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<FundingInstrument>().WithMany().HasForeignKey(p => p.InstrumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Programme>().WithMany().HasForeignKey(p => p.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Project>().WithMany().HasForeignKey(p => p.PredecessorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<GrantApplication>().WithMany().HasForeignKey(p => p.SourceApplicationId).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(p => p.Country);
        builder.HasIndex(p => p.Status);
        builder.HasIndex(p => p.PlannedStart);
        // The foreign key's index, with the project's key: the summary reads the continuation phases' keys from it alone
        // (docs/performance.md).
        builder.HasIndex(p => new { p.PredecessorId, p.Id }, "IX_Projects_PredecessorId_Id");

        builder.HasMany(p => p.PartnerMembers).WithOne().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.CoFinancing).WithOne().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Tranches).WithOne().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Milestones).WithOne().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Targets).WithOne().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ProjectPartnerMemberConfiguration : IEntityTypeConfiguration<ProjectPartnerMember>
{
    public void Configure(EntityTypeBuilder<ProjectPartnerMember> builder)
    {
        builder.HasKey(m => new { m.ProjectId, m.MemberId });
        builder.HasOne<Member>().WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class ProjectCoFinancingConfiguration : IEntityTypeConfiguration<ProjectCoFinancing>
{
    public void Configure(EntityTypeBuilder<ProjectCoFinancing> builder)
    {
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.Ignore(c => c.Amount);
        builder.HasOne<Partner>().WithMany().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.ProjectId, c.PartnerId }).IsUnique();
        builder.HasIndex(c => c.PartnerId);
    }
}

public class DisbursementTrancheConfiguration : IEntityTypeConfiguration<DisbursementTranche>
{
    public void Configure(EntityTypeBuilder<DisbursementTranche> builder)
    {
        builder.HasIndex(t => new { t.ProjectId, t.Sequence }).IsUnique();
        // The paid tranches with what the disbursed totals read: the summary's payments are summed from it alone.
        builder.HasIndex(t => new { t.ProjectId, t.PaidDate, t.PaidMinor }, "IX_DisbursementTranche_Paid").HasFilter("\"PaidDate\" IS NOT NULL");
        builder.Ignore(t => t.IsPaid);
        builder.HasMany(t => t.Conditions).WithOne().HasForeignKey(c => c.TrancheId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class TrancheConditionConfiguration : IEntityTypeConfiguration<TrancheCondition>
{
    public void Configure(EntityTypeBuilder<TrancheCondition> builder)
    {
        builder.Property(c => c.Text).HasMaxLength(TrancheCondition.TextMaxLength);
        builder.Property(c => c.MetBy).HasMaxLength(256);
        builder.Property(c => c.MetNote).HasMaxLength(TrancheCondition.NoteMaxLength);
        builder.Ignore(c => c.IsMarkedByOfficer);
        // No action rather than restrict: deleting a project cascades to its milestones and its tranches' conditions
        // in one statement, and SQLite checks "no action" only at the statement's end.
        builder.HasOne<Milestone>().WithMany().HasForeignKey(c => c.MilestoneId).OnDelete(DeleteBehavior.NoAction);
    }
}

public class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> builder)
    {
        builder.Property(m => m.Title).HasMaxLength(200);
        builder.Property(m => m.TitleEn).HasMaxLength(200);
        builder.HasIndex(m => m.ProjectId);
    }
}

public class IndicatorTargetConfiguration : IEntityTypeConfiguration<IndicatorTarget>
{
    public void Configure(EntityTypeBuilder<IndicatorTarget> builder)
    {
        builder.HasOne<Indicator>().WithMany().HasForeignKey(t => t.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.ProjectId, t.IndicatorId }).IsUnique();
    }
}

public class IndicatorMeasurementConfiguration : IEntityTypeConfiguration<IndicatorMeasurement>
{
    public void Configure(EntityTypeBuilder<IndicatorMeasurement> builder)
    {
        builder.HasOne<Project>().WithMany().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Indicator>().WithMany().HasForeignKey(m => m.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(m => m.Evidence).HasMaxLength(2000);
        builder.Property(m => m.EvidenceLink).HasMaxLength(IndicatorMeasurement.EvidenceLinkMaxLength);
        builder.Ignore(m => m.IsEditable);
        builder.Property(m => m.SubmittedBy).HasMaxLength(256);
        builder.Property(m => m.ReviewedBy).HasMaxLength(256);
        builder.Property(m => m.ReviewComment).HasMaxLength(2000);
        builder.HasIndex(m => new { m.ProjectId, m.IndicatorId, m.PeriodStart, m.PeriodEnd, m.Revision }).IsUnique();
        builder.HasIndex(m => new { m.IndicatorId, m.Status, m.IsCurrent });
        // The values the portfolio figures count (approved, current revision), and only those, in the order the
        // summary reads them: per indicator, per project, latest period last, with the value. The dashboard's sums
        // and its "latest value per project" read this index alone instead of every measurement (docs/performance.md).
        // The filter is written once for both providers: a quoted column and a string literal mean the same there.
        builder.HasIndex(m => new { m.IndicatorId, m.ProjectId, m.PeriodEnd, m.PeriodStart, m.Value }, "IX_IndicatorMeasurements_Counted")
            .HasFilter("\"Status\" = 'Approved' AND \"IsCurrent\"");
        builder.HasMany(m => m.Parts).WithOne().HasForeignKey("MeasurementId").OnDelete(DeleteBehavior.Cascade);
    }
}

public class MeasurementPartConfiguration : IEntityTypeConfiguration<MeasurementPart>
{
    public void Configure(EntityTypeBuilder<MeasurementPart> builder) => builder.HasKey(p => p.Id);
}
