using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProjectPortfolio.Domain.Partners;
using ProjectPortfolio.Domain.Reports;

namespace ProjectPortfolio.Infrastructure.Persistence.Configurations;

public class IssuedReportConfiguration : IEntityTypeConfiguration<IssuedReport>
{
    public void Configure(EntityTypeBuilder<IssuedReport> builder)
    {
        builder.Property(r => r.Kind).HasMaxLength(IssuedReport.KindMaxLength);
        builder.Property(r => r.Parameters).HasMaxLength(IssuedReport.ParametersMaxLength);
        builder.Property(r => r.Language).HasMaxLength(2);
        builder.Property(r => r.FileName).HasMaxLength(IssuedReport.FileNameMaxLength);
        builder.Property(r => r.ContentType).HasMaxLength(100);
        builder.Property(r => r.Sha256).HasMaxLength(64);
        builder.Property(r => r.IssuedById).HasMaxLength(450);
        builder.Property(r => r.IssuedByName).HasMaxLength(256);
        builder.Property(r => r.Note).HasMaxLength(IssuedReport.NoteMaxLength);
        builder.HasIndex(r => r.IssuedAtUtc);
        builder.HasIndex(r => r.Sha256);
        builder.HasMany(r => r.Recipients).WithOne().HasForeignKey(x => x.IssuedReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class IssuedReportRecipientConfiguration : IEntityTypeConfiguration<IssuedReportRecipient>
{
    public void Configure(EntityTypeBuilder<IssuedReportRecipient> builder)
    {
        builder.HasKey(x => new { x.IssuedReportId, x.PartnerId });
        builder.HasOne<Partner>().WithMany().HasForeignKey(x => x.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
