import EdgewiseCore
import Foundation

/// Whether the two questions are about the same names and the same date or season.
extension SettlementEquivalence {
    func subject(_ a: SettlementSide, _ b: SettlementSide) -> SettlementFinding {
        let aNames = a.proposition.entities
        let bNames = b.proposition.entities
        func isNamed(_ name: String, in side: SettlementSide) -> Bool {
            name.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).allSatisfy { side.words.contains(String($0)) }
        }
        let aMissing = aNames.filter { !isNamed($0, in: b) }
        let bMissing = bNames.filter { !isNamed($0, in: a) }
        let read = "check both questions and rules name the same person, team, asset or place"
        if aNames.isEmpty, bNames.isEmpty {
            if !a.proposition.subject.isEmpty, a.proposition.subject == b.proposition.subject {
                return .init(.subject, .match, "both questions are about \"\(a.proposition.subject)\"")
            }
            return .init(
                .subject, .unknown,
                "no names recognised; subjects read \"\(a.proposition.subject)\" and \"\(b.proposition.subject)\"", next: read)
        }
        if !aNames.isEmpty, !bNames.isEmpty, aMissing.isEmpty, bMissing.isEmpty {
            return .init(.subject, .match, "both name \(Self.list(aNames.count >= bNames.count ? aNames : bNames))")
        }
        let aFound = aNames.count - aMissing.count
        let bFound = bNames.count - bMissing.count
        if aFound == 0, bFound == 0 {
            let names = (aNames + bNames)
            return .init(
                .subject, .mismatch, "the questions share none of the names \(Self.list(names)): different subjects",
                next: "pair A with the market about \(Self.list(aNames.isEmpty ? bNames : aNames)) instead")
        }
        var missing: [String] = []
        if !aMissing.isEmpty { missing.append("B does not mention \(Self.list(aMissing))") }
        if !bMissing.isEmpty { missing.append("A does not mention \(Self.list(bMissing))") }
        if aNames.isEmpty { missing.append("A names no one") }
        if bNames.isEmpty { missing.append("B names no one") }
        return .init(.subject, .unknown, missing.joined(separator: "; "), next: read)
    }

    func eventDate(_ a: SettlementSide, _ b: SettlementSide) -> SettlementFinding {
        let read = "read both rules for the date or season each question is about"
        if let aDate = a.proposition.date, let bDate = b.proposition.date {
            let aDay = Self.day(aDate)
            let bDay = Self.day(bDate)
            if aDay != bDay {
                return .init(.eventDate, .mismatch, "A is about \(aDay), B about \(bDay)")
            }
            if a.proposition.dateRole != b.proposition.dateRole {
                return .init(
                    .eventDate, .mismatch,
                    "both name \(aDay), but A reads it as \(Self.role(a.proposition.dateRole)) and B as \(Self.role(b.proposition.dateRole))")
            }
            return .init(.eventDate, .match, "both are about \(aDay) (\(Self.role(a.proposition.dateRole)))")
        }
        if !a.years.isEmpty, !b.years.isEmpty {
            if a.years.isDisjoint(with: b.years) {
                return .init(.eventDate, .mismatch, "A is about \(Self.years(a.years)), B about \(Self.years(b.years))")
            }
            if a.years == b.years, (a.proposition.date == nil) == (b.proposition.date == nil) {
                return .init(.eventDate, .match, "both are about \(Self.years(a.years))")
            }
            return .init(.eventDate, .unknown, "A mentions \(Self.years(a.years)), B \(Self.years(b.years))", next: read)
        }
        if a.years.isEmpty, b.years.isEmpty {
            return .init(.eventDate, .unknown, "neither question names a date or year", next: read)
        }
        let (named, silent) = a.years.isEmpty ? ("B", "A") : ("A", "B")
        return .init(
            .eventDate, .unknown, "\(named) names \(Self.years(a.years.union(b.years))), \(silent) names no year",
            next: "read \(silent)'s rules for the season or election it covers")
    }

    static func list(_ names: [String]) -> String {
        names.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    static func years(_ years: Set<Int>) -> String {
        years.sorted().map(String.init).joined(separator: ", ")
    }

    static func role(_ role: Proposition.DateRole?) -> String {
        switch role {
        case .on: "on that date"
        case .by: "by that date"
        case .year: "during that year"
        case nil: "unspecified"
        }
    }

    static func day(_ time: Timestamp) -> String {
        String(time.description.prefix(10))
    }
}
