using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProjectPortfolio.Domain.Catalogue;
using ProjectPortfolio.Domain.Finance;
using ProjectPortfolio.Domain.Members;
using ProjectPortfolio.Domain.Partners;

namespace ProjectPortfolio.Infrastructure.Persistence.Configurations;

public class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.Property(m => m.Code).HasMaxLength(Member.CodeMaxLength);
        builder.HasIndex(m => m.Code).IsUnique();
        builder.Property(m => m.Name).HasMaxLength(Member.NameMaxLength);
        builder.Property(m => m.Country).HasMaxLength(2);
        builder.Property(m => m.Region).HasMaxLength(Member.RegionMaxLength);
        builder.HasIndex(m => m.Country);
    }
}

public class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> builder)
    {
        builder.Property(p => p.Code).HasMaxLength(Partner.CodeMaxLength);
        builder.HasIndex(p => p.Code).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(Partner.NameMaxLength);
        builder.Property(p => p.Country).HasMaxLength(2);
    }
}

public class ThemeConfiguration : IEntityTypeConfiguration<Theme>
{
    public void Configure(EntityTypeBuilder<Theme> builder)
    {
        builder.Property(t => t.Code).HasMaxLength(40);
        builder.HasIndex(t => t.Code).IsUnique();
        builder.Property(t => t.NameFr).HasMaxLength(100);
        builder.Property(t => t.NameEn).HasMaxLength(100);
        builder.Property(t => t.DacSectorCode).HasMaxLength(5);
    }
}

public class FundingInstrumentConfiguration : IEntityTypeConfiguration<FundingInstrument>
{
    public void Configure(EntityTypeBuilder<FundingInstrument> builder)
    {
        builder.Property(i => i.Code).HasMaxLength(40);
        builder.HasIndex(i => i.Code).IsUnique();
        builder.Property(i => i.NameFr).HasMaxLength(100);
        builder.Property(i => i.NameEn).HasMaxLength(100);
        builder.Property(i => i.Currency).HasMaxLength(3);
    }
}

public class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.Property(i => i.Code).HasMaxLength(40);
        builder.HasIndex(i => i.Code).IsUnique();
        builder.Property(i => i.NameFr).HasMaxLength(200);
        builder.Property(i => i.NameEn).HasMaxLength(200);
    }
}

public class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> builder)
    {
        builder.Property(p => p.Code).HasMaxLength(40);
        builder.HasIndex(p => p.Code).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Description).HasMaxLength(4000);
    }
}

public class ExchangeRateConfiguration : IEntityTypeConfiguration<ExchangeRate>
{
    public void Configure(EntityTypeBuilder<ExchangeRate> builder)
    {
        builder.Property(r => r.Currency).HasMaxLength(3);
        builder.HasIndex(r => new { r.Currency, r.EffectiveFrom }).IsUnique();
    }
}

public class AttachmentConfiguration : IEntityTypeConfiguration<ProjectPortfolio.Domain.Documents.Attachment>
{
    public void Configure(EntityTypeBuilder<ProjectPortfolio.Domain.Documents.Attachment> builder)
    {
        builder.Property(a => a.FileName).HasMaxLength(ProjectPortfolio.Domain.Documents.Attachment.FileNameMaxLength);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.Property(a => a.StorageKey).HasMaxLength(100);
        builder.Property(a => a.UploadedBy).HasMaxLength(256);
        builder.HasIndex(a => new { a.OwnerType, a.OwnerId });
    }
}
