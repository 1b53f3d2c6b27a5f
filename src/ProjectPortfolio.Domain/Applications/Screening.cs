using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Domain.Applications;

public enum ScreeningAnswerValue { Yes, No, NotApplicable }

public enum OpinionValue { Favourable, Reserved, Unfavourable }

/// <summary>One question of the eligibility checklist that officers answer when screening an application
/// (reference data, so the association can adapt its criteria without a release).</summary>
public class EligibilityCriterion : Entity
{
    private EligibilityCriterion() { Code = TextFr = TextEn = string.Empty; }

    public EligibilityCriterion(string code, string textFr, string textEn, int order)
    {
        Code = Codes.Normalise(code, "Code", 40);
        TextFr = Guard.Text(textFr, "TextFr", 500);
        TextEn = Guard.Text(textEn, "TextEn", 500);
        Order = order;
    }

    public string Code { get; private set; }
    public string TextFr { get; private set; }
    public string TextEn { get; private set; }
    public int Order { get; private set; }
}

public class ScreeningAnswer : Entity
{
    private ScreeningAnswer() { }

    internal ScreeningAnswer(Guid applicationId, Guid criterionId, ScreeningAnswerValue answer, string? comment)
    {
        ApplicationId = applicationId;
        CriterionId = criterionId;
        Answer = answer;
        Comment = Guard.OptionalText(comment, "Comment", 1000);
    }

    public Guid ApplicationId { get; private set; }
    public Guid CriterionId { get; private set; }
    public ScreeningAnswerValue Answer { get; private set; }
    public string? Comment { get; private set; }
}

/// <summary>A Bureau member's reading of a dossier before the session: favourable, reserved or unfavourable.</summary>
public class BureauOpinion : Entity
{
    private BureauOpinion() { UserId = MemberName = string.Empty; }

    internal BureauOpinion(Guid applicationId, string userId, string memberName, OpinionValue opinion, string? comment, DateTime nowUtc)
    {
        ApplicationId = applicationId;
        UserId = userId;
        MemberName = Guard.Text(memberName, "MemberName", 200);
        Update(opinion, comment, nowUtc);
    }

    public Guid ApplicationId { get; private set; }
    public string UserId { get; private set; }
    public string MemberName { get; private set; }
    public OpinionValue Opinion { get; private set; }
    public string? Comment { get; private set; }
    public DateTime GivenAtUtc { get; private set; }

    internal void Update(OpinionValue opinion, string? comment, DateTime nowUtc)
    {
        Opinion = opinion;
        Comment = Guard.OptionalText(comment, "Comment", 2000);
        GivenAtUtc = nowUtc;
    }
}
