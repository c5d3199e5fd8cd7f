import EdgewiseCore
import Foundation

/// One opportunity as `scan --json` prints it: exact decimals as strings, times as ISO 8601,
/// the annualised return computed at print time.
struct OpportunityRecord: Encodable {
    struct Leg: Encodable {
        var venue: String
        var market: String
        var instrument: String
        var label: String
        var outcome: String
        var side: String
        var limitPrice: String
        var size: String
        var averagePrice: String?
        var notional: String
        var fee: String
        var minimumSize: String?
    }

    struct Point: Encodable {
        var size: String
        var cost: String
        var payout: String
        var profit: String
    }

    struct EvidenceItem: Encodable {
        var claim: String
        var source: String?
        var observedAt: String?
    }

    var id: String
    var kind: String
    var title: String
    var group: String
    var legs: [Leg]
    var size: String
    var maxSize: String
    var payoutPerBasket: String
    var cost: String
    var fees: String
    var payout: String
    var profit: String
    var returnOnCost: String?
    var annualizedReturn: String?
    var resolutionTime: String?
    var redeemableImmediately: Bool
    var evidence: [EvidenceItem]
    var curve: [Point]
    var firstSeen: String
    var lastSeen: String
    var status: String

    init(_ o: Opportunity, now: Timestamp, status: String = "open") {
        id = o.id.rawValue
        kind = o.kind.rawValue
        title = o.title
        group = o.group
        legs = o.legs.map {
            Leg(venue: $0.venue.rawValue, market: $0.marketID.rawValue, instrument: $0.instrument.token.rawValue,
                label: $0.label, outcome: $0.outcome.rawValue, side: $0.side.rawValue,
                limitPrice: $0.limitPrice.description, size: $0.size.description,
                averagePrice: $0.averagePrice?.description, notional: $0.notional.description, fee: $0.fee.description,
                minimumSize: $0.minimumSize?.description)
        }
        size = o.size.description
        maxSize = o.maxSize.description
        payoutPerBasket = o.payoutPerBasket.description
        cost = o.cost.description
        fees = o.fees.description
        payout = o.payout.description
        profit = o.profit.description
        returnOnCost = o.returnOnCost.map { Self.rounded($0) }
        annualizedReturn = o.annualizedReturn(at: now).map { "\($0)" }
        resolutionTime = o.resolutionTime.map(utcISO)
        redeemableImmediately = o.redeemableImmediately
        evidence = o.evidence.map { EvidenceItem(claim: $0.claim, source: $0.source, observedAt: $0.observedAt.map(utcISO)) }
        curve = o.curve.map {
            Point(size: $0.size.description, cost: $0.cost.description, payout: $0.payout.description, profit: $0.profit.description)
        }
        firstSeen = utcISO(o.firstSeen)
        lastSeen = utcISO(o.lastSeen)
        self.status = status
    }

    static func rounded(_ value: Decimal) -> String {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, 6, .plain)
        return "\(output)"
    }
}
