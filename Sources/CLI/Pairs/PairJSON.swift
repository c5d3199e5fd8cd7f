import EdgewiseCore

/// The `--json` form of a pair: flat, with ISO times and the effective verdict up front, so
/// scripts need not know how overrides combine with the automatic check.
struct PairJSON: Encodable {
    struct Side: Encodable {
        var venue: String
        var marketId: String
        var question: String
        var slug: String?
        var yes: String?
        var no: String?
        var endTime: String?
    }

    struct Finding: Encodable {
        var criterion: String
        var status: String
        var detail: String
        var nextStep: String?
    }

    struct Override: Encodable {
        var verdict: String
        var note: String?
        var at: String
    }

    var id: String
    var verdict: String
    var automaticVerdict: String
    var override: Override?
    var polarity: String
    var candidateScore: Double?
    var checkedAt: String
    var a: Side
    var b: Side
    var findings: [Finding]?

    init(_ pair: MarketPair, withFindings: Bool) {
        func side(_ market: PairedMarket) -> Side {
            Side(
                venue: market.venue.rawValue, marketId: market.marketID.rawValue, question: market.question, slug: market.slug,
                yes: market.yes?.description, no: market.no?.description, endTime: market.endTime.map(utcISO))
        }
        id = pair.id.rawValue
        verdict = pair.effectiveVerdict.rawValue
        automaticVerdict = pair.assessment.verdict.rawValue
        override = pair.override.map { Override(verdict: $0.verdict.rawValue, note: $0.note, at: utcISO($0.at)) }
        polarity = pair.polarity.rawValue
        candidateScore = pair.candidateScore
        checkedAt = utcISO(pair.assessment.checkedAt)
        a = side(pair.a)
        b = side(pair.b)
        findings =
            withFindings
            ? pair.assessment.findings.map {
                Finding(criterion: $0.criterion.rawValue, status: $0.status.rawValue, detail: $0.detail, nextStep: $0.nextStep)
            } : nil
    }
}
