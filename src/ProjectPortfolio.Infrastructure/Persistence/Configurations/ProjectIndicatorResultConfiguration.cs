using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProjectPortfolio.Application.Portfolio;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Projects;

namespace ProjectPortfolio.Infrastructure.Persistence.Configurations;

/// <summary>The precomputed results per project and indicator (docs/adr/0017), maintained by
/// <see cref="IndicatorResultsMaintenance"/>. Deleting a project or an indicator deletes its rows.</summary>
public class ProjectIndicatorResultConfiguration : IEntityTypeConfiguration<ProjectIndicatorResult>
{
    public void Configure(EntityTypeBuilder<ProjectIndicatorResult> builder)
    {
        builder.HasKey(r => new { r.ProjectId, r.IndicatorId });
        builder.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Indicator>().WithMany().HasForeignKey(r => r.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.Country).HasMaxLength(2);
        builder.Property(r => r.Code).HasMaxLength(40);
        // The summary's totals per indicator and country read this index alone, in its order: the GROUP BY needs no
        // sort (17 ms of CPU with a sort, 4 ms without, on d1: docs/performance.md). It also serves the foreign key.
        // The latest value too: the cumulative figures of single-phase projects are summed from it alone as well.
        builder.HasIndex(r => new { r.IndicatorId, r.Country, r.ProjectId, r.Total, r.ValueCount, r.Target, r.LatestValue }, "IX_ProjectIndicatorResults_Summary");
    }
}
