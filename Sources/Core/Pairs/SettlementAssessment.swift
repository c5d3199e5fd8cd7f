/// The automatic settlement-equivalence check of one pair: its verdict and the findings it was
/// derived from, kept together so the verdict can always be explained.
public struct SettlementAssessment: Hashable, Codable, Sendable {
    public var verdict: SettlementVerdict
    public var findings: [SettlementFinding]
    public var checkedAt: Timestamp

    /// The verdict follows from the findings (see ``SettlementVerdict/init(findings:)``), so the
    /// two can never disagree.
    public init(findings: [SettlementFinding], checkedAt: Timestamp) {
        self.verdict = SettlementVerdict(findings: findings)
        self.findings = findings
        self.checkedAt = checkedAt
    }

    public func finding(_ criterion: SettlementCriterion) -> SettlementFinding? {
        findings.first { $0.criterion == criterion }
    }

    /// The findings that stand in the way of ``SettlementVerdict/equivalent``.
    public var blockingFindings: [SettlementFinding] { findings.filter { $0.status != .match } }
}
