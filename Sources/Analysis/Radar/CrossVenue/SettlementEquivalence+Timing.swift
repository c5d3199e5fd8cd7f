import EdgewiseCore
import Foundation

/// Whether the two markets settle at the same moment, read in the same time zone.
extension SettlementEquivalence {
    func deadline(_ a: SettlementSide, _ b: SettlementSide) -> SettlementFinding {
        guard let aEnd = a.market.endTime, let bEnd = b.market.endTime else {
            let missing = [a.market.endTime == nil ? "A" : nil, b.market.endTime == nil ? "B" : nil].compactMap { $0 }
            return .init(
                .deadline, .unknown, "\(missing.joined(separator: " and ")) gives no end time",
                next: "read the rules for the settlement deadline")
        }
        let gap = Duration.nanoseconds(abs(aEnd.nanoseconds - bEnd.nanoseconds))
        let ends = "A ends \(aEnd) UTC, B ends \(bEnd) UTC"
        if gap <= tolerances.sameDeadline {
            return .init(.deadline, .match, "both end at \(aEnd) UTC")
        }
        let sameDay = Self.day(aEnd) == Self.day(bEnd)
        if gap >= tolerances.largeDeadlineGap || (!sameDay && gap > tolerances.crossDayGap) {
            return .init(
                .deadline, .mismatch, "\(ends): \(Self.hours(gap)) apart, on different days",
                next: "a venue's expiration can be a late fallback; if both rules settle on the same event, override after reading them")
        }
        return .init(
            .deadline, .unknown, "\(ends): \(Self.hours(gap)) apart\(sameDay ? " on the same day" : " across midnight UTC")",
            next: "check which time zone and cut-off each venue's rules use")
    }

    func timeZone(_ a: SettlementSide, _ b: SettlementSide) -> SettlementFinding {
        switch (a.timeZone, b.timeZone) {
        case (let aZone?, let bZone?) where aZone == bZone:
            return .init(.timeZone, .match, "both read times in \(aZone)")
        case (let aZone?, let bZone?):
            return .init(
                .timeZone, .unknown, "A reads times in \(aZone), B in \(bZone)",
                next: "convert both cut-offs to UTC and check they are the same instant")
        case (nil, nil):
            return .init(
                .timeZone, .unknown, "neither question nor rules name a time zone",
                next: "find the time zone in each venue's full rules")
        case (let zone?, nil), (nil, let zone?):
            return .init(
                .timeZone, .unknown, "\(a.timeZone == nil ? "B" : "A") names \(zone), \(a.timeZone == nil ? "A" : "B") names none",
                next: "find the time zone in the other venue's full rules")
        }
    }

    static func hours(_ gap: Duration) -> String {
        let hours = Double(gap.components.seconds) / 3600
        return hours >= 48 ? "\(Int(hours / 24)) days" : String(format: "%.1f h", hours)
    }
}
