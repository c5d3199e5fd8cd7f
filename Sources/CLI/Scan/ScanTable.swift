import Foundation
import EdgewiseCore

/// The readable form of the radar's output.
enum ScanTable {
    static func render(_ opportunities: [Opportunity], now: Timestamp) -> String {
        guard !opportunities.isEmpty else { return "No opportunities." }
        var rows = [["KIND", "PROFIT", "COST", "SIZE", "MAX", "RETURN/YR", "LEGS", "WHAT"]]
        for o in opportunities {
            rows.append([
                o.kind.rawValue, o.profit.description, o.cost.description, o.size.description, o.maxSize.description,
                annual(o, now), legs(o), o.title,
            ])
        }
        return Table.render(rows, maxWidths: [12, 12, 12, 10, 10, 10, 60, 70])
    }

    static func line(_ change: OpportunityChange, now: Timestamp) -> String {
        switch change {
        case .opened(let o): "+ \(o.kind) profit \(o.profit) on cost \(o.cost) (size \(o.size), max \(o.maxSize), \(annual(o, now))/yr) \(o.title) [\(o.id)]"
        case .updated(let o): "~ \(o.kind) profit \(o.profit) on cost \(o.cost) (size \(o.size), max \(o.maxSize)) \(o.title) [\(o.id)]"
        case .closed(let id, _, _): "- closed [\(id)]"
        }
    }

    static func annual(_ o: Opportunity, _ now: Timestamp) -> String {
        if o.redeemableImmediately { return "at once" }
        guard let value = o.annualizedReturn(at: now) else { return "-" }
        let percent = NSDecimalNumber(decimal: value * 100).doubleValue
        return String(format: "%.1f%%", percent)
    }

    static func legs(_ o: Opportunity) -> String {
        o.legs.map { "\($0.side) \($0.outcome) \($0.label.isEmpty ? $0.marketID.rawValue : $0.label) ≤\($0.limitPrice)" }
            .joined(separator: "; ")
    }
}
