import EdgewiseCore
import Foundation

/// Finds logical constraints between markets from their metadata: threshold ladders and other
/// range families on one quantity, date ladders of "by" questions, partitions declared by events,
/// and implications or partitions a reviewer declared.
///
/// Grouping is strict on purpose — a wrong constraint prices a loss as a sure profit, which is
/// worse than missing a trade. Markets are related only when their parsed propositions agree on
/// everything but the varying part: the subject words, the unit, the date and how it binds, touch
/// versus close wording (and a touch's direction), the time zone and the settlement source, on
/// one venue unless cross-venue grouping is allowed. Negated questions, markets that are not
/// open, and propositions missing a field the grouping needs are left out.
public struct ConstraintDetector: Sendable {
    /// How a bucket's written upper bound is read.
    public enum BucketBounds: Hashable, Sendable {
        /// As parsed: `gte79lt80f` is `[79, 80)`.
        case asParsed
        /// For quantities reported in whole units whose venue writes buckets by their first and
        /// last whole value (`gte79lt80f` titled "79° to 80°"), `[79, 80]` on whole numbers, that
        /// is `[79, 81)`. Opt in per unit once the venue's rules confirm the convention.
        case wholeUnitsInclusive(units: Set<String>)
    }

    /// A reviewer's statement that one market's YES implies another's.
    public struct DeclaredImplication: Hashable, Sendable {
        public var antecedent: VenueMarketKey
        public var consequent: VenueMarketKey
        public var reason: String

        public init(_ antecedent: VenueMarketKey, implies consequent: VenueMarketKey, reason: String) {
            self.antecedent = antecedent
            self.consequent = consequent
            self.reason = reason
        }
    }

    /// A reviewer's statement that exactly one of these markets resolves YES.
    public struct DeclaredPartition: Hashable, Sendable {
        public var markets: [VenueMarketKey]
        public var reason: String

        public init(_ markets: [VenueMarketKey], reason: String) {
            self.markets = markets
            self.reason = reason
        }
    }

    public var allowCrossVenue: Bool
    public var bucketBounds: BucketBounds

    public init(allowCrossVenue: Bool = false, bucketBounds: BucketBounds = .asParsed) {
        self.allowCrossVenue = allowCrossVenue
        self.bucketBounds = bucketBounds
    }

    /// Every constraint found among `markets`, in a stable order.
    public func detect(
        markets: [Market], events: [Event] = [], implications: [DeclaredImplication] = [],
        partitions: [DeclaredPartition] = []
    ) -> [MarketConstraint] {
        let open = markets.filter { $0.status.isTradable }.sorted { VenueMarketKey($0) < VenueMarketKey($1) }
        let parsed = open.map { (market: $0, proposition: proposition(for: $0)) }
            .filter { !$0.proposition.isNegated }
        var found = rangeFamilies(parsed) + dateLadders(parsed)
        found += eventPartitions(events, open: open)
        let byReference = Dictionary(open.map { (VenueMarketKey($0), $0) }, uniquingKeysWith: { a, _ in a })
        for declared in implications {
            guard let a = byReference[declared.antecedent], let b = byReference[declared.consequent], a != b,
                allowCrossVenue || a.venue == b.venue
            else { continue }
            found.append(.implication(member(a), implies: member(b), reason: declared.reason))
        }
        for declared in partitions {
            let members = declared.markets.compactMap { byReference[$0] }
            guard members.count == declared.markets.count, members.count >= 2,
                Set(declared.markets).count == members.count,
                allowCrossVenue || Set(members.map(\.venue)).count == 1
            else { continue }
            found.append(.partition(members.map(member), reason: declared.reason))
        }
        return found
    }

    /// The proposition the grouping reads, with the year taken from the market's end when the
    /// question names only a day ("on July 10").
    public func proposition(for market: Market) -> Proposition {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let year = (market.endTime ?? market.closeTime).map { calendar.component(.year, from: $0.date) }
        return PropositionParser.parse(market.question, slug: market.slug, defaultYear: year)
    }

    /// The range of values for which `market` resolves YES, after the bucket convention.
    public func interval(of condition: Proposition.Condition) -> NumericInterval {
        var interval = NumericInterval(condition)
        if case .wholeUnitsInclusive(let units) = bucketBounds, condition.comparison == .between,
            let unit = condition.unit, units.contains(unit), let upper = condition.upper,
            Self.isWhole(condition.threshold), Self.isWhole(upper)
        {
            interval.upper = upper + 1
            interval.upperInclusive = false
        }
        return interval
    }

    /// How the numeric markets among `markets` cover the line; nil when one has no numeric
    /// condition.
    public func coverage(of markets: [Market]) -> BucketCoverage? {
        var intervals: [NumericInterval] = []
        for market in markets {
            guard let condition = proposition(for: market).condition else { return nil }
            intervals.append(interval(of: condition))
        }
        return BucketCoverage(intervals)
    }

    // MARK: Range families (threshold ladders, bucket sets)

    private struct RangeKey: Hashable {
        var venue: VenueID?
        var subject: String
        var unit: String?
        var date: Timestamp
        var dateRole: Proposition.DateRole?
        /// 0 for a close-at-date reading, +1 for an upward touch (running maximum), −1 for a
        /// downward one (running minimum): different quantities, never one family.
        var touch: Int
        var timeZone: String?
        var settlementSource: String?
    }

    private func rangeFamilies(_ parsed: [(market: Market, proposition: Proposition)]) -> [MarketConstraint] {
        var groups: [RangeKey: [(market: Market, interval: NumericInterval, condition: Proposition.Condition)]] = [:]
        var order: [RangeKey] = []
        for (market, proposition) in parsed {
            guard let condition = proposition.condition, let date = proposition.date, !proposition.subject.isEmpty
            else { continue }
            let interval = interval(of: condition)
            let touch: Int
            if proposition.isTouch {
                if interval.isUpperTail {
                    touch = 1
                } else if interval.isLowerTail {
                    touch = -1
                } else {
                    continue  // a touch of a bounded range has no single running quantity
                }
            } else {
                touch = 0
            }
            let key = RangeKey(
                venue: allowCrossVenue ? nil : market.venue, subject: proposition.subject, unit: condition.unit,
                date: date, dateRole: proposition.dateRole, touch: touch, timeZone: proposition.timeZone,
                settlementSource: market.settlementSource)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append((market, interval, condition))
        }
        return order.compactMap { key in
            guard let family = groups[key], family.count >= 2 else { return nil }
            return rangeConstraint(family)
        }
    }

    private func rangeConstraint(
        _ family: [(market: Market, interval: NumericInterval, condition: Proposition.Condition)]
    ) -> MarketConstraint {
        let intervals = family.map(\.interval)
        let members = family.map { Member(VenueMarketKey($0.market), label: Self.label($0.condition, $0.interval)) }
        let cells = IntervalCell.cells(cutting: intervals)
        let states = cells.map { cell in intervals.map { $0.covers(cell) } }
        let coverage = BucketCoverage(intervals)

        if intervals.allSatisfy(\.isUpperTail) || intervals.allSatisfy(\.isLowerTail) {
            // Weakest first: the widest tail holds every narrower one.
            let ordered = members.indices.sorted { a, b in
                let (x, y) = (intervals[a], intervals[b])
                if x.isUpperTail {
                    return x.lower! != y.lower! ? x.lower! < y.lower! : (x.lowerInclusive && !y.lowerInclusive)
                }
                return x.upper! != y.upper! ? x.upper! > y.upper! : (x.upperInclusive && !y.upperInclusive)
            }
            let words = zip(ordered.dropFirst(), ordered).map { "'\(members[$0].label)' implies '\(members[$1].label)'" }
            return MarketConstraint(
                kind: .thresholdLadder, members: members, states: states, reason: words.joined(separator: "; "))
        }
        let labels = members.map { "'\($0.label)'" }.joined(separator: ", ")
        if coverage.isPartition {
            return MarketConstraint(
                kind: .partition, members: members, states: states,
                reason: "the ranges \(labels) tile the line: exactly one resolves YES")
        }
        if coverage.isMutuallyExclusive {
            let gaps = coverage.gaps.map(\.description).joined(separator: ", ")
            return MarketConstraint(
                kind: .mutuallyExclusive, members: members, states: states,
                reason: "the ranges \(labels) are disjoint: at most one resolves YES (gaps \(gaps), so not a partition)")
        }
        return MarketConstraint(
            kind: .rangeFamily, members: members, states: states,
            reason: "the ranges \(labels) are read on one quantity: only the outcomes of its value are possible")
    }

    // MARK: Date ladders

    private struct DateKey: Hashable {
        var venue: VenueID?
        var subject: String
        var condition: Proposition.Condition?
        var isTouch: Bool
        var timeZone: String?
        var settlementSource: String?
    }

    private func dateLadders(_ parsed: [(market: Market, proposition: Proposition)]) -> [MarketConstraint] {
        var groups: [DateKey: [(market: Market, date: Timestamp)]] = [:]
        var order: [DateKey] = []
        for (market, proposition) in parsed {
            guard proposition.dateRole == .by, let date = proposition.date, !proposition.subject.isEmpty else { continue }
            var condition = proposition.condition
            if let parsed = condition {
                // Compare conditions by the values they hold, after the bucket convention.
                let interval = interval(of: parsed)
                condition?.upper = interval.upper ?? parsed.upper
            }
            let key = DateKey(
                venue: allowCrossVenue ? nil : market.venue, subject: proposition.subject, condition: condition,
                isTouch: proposition.isTouch, timeZone: proposition.timeZone, settlementSource: market.settlementSource)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append((market, date))
        }
        return order.compactMap { key in
            guard var ladder = groups[key] else { return nil }
            // Latest deadline first: happening by an earlier date implies by every later one.
            ladder.sort { $0.date > $1.date }
            var seen = Set<Timestamp>()
            ladder = ladder.filter { seen.insert($0.date).inserted }
            guard ladder.count >= 2 else { return nil }
            let members = ladder.map { Member(VenueMarketKey($0.market), label: "by \(Self.day($0.date))") }
            return .chain(.dateLadder, weakestFirst: members)
        }
    }

    // MARK: Declared partitions

    private func eventPartitions(_ events: [Event], open: [Market]) -> [MarketConstraint] {
        let openIDs = Set(open.map(VenueMarketKey.init))
        return events.compactMap { event in
            guard event.isCompletePartition, event.status.isTradable, event.markets.count >= 2 else { return nil }
            // Every listed market must be here and open; a partition with a member missing is not
            // a partition of what we can buy.
            guard event.markets.allSatisfy({ openIDs.contains(VenueMarketKey($0)) }) else { return nil }
            return .partition(
                event.markets.map(member),
                reason: "event '\(event.title)' is mutually exclusive and exhaustive: exactly one market resolves YES")
        }
    }

    // MARK: Labels

    private typealias Member = MarketConstraint.Member

    private func member(_ market: Market) -> Member { Member(VenueMarketKey(market), label: market.question) }

    static func label(_ condition: Proposition.Condition, _ interval: NumericInterval) -> String {
        let unit = condition.unit.map { $0 == "usd" ? " usd" : " \($0)" } ?? ""
        func number(_ value: Decimal) -> String { "\(value)" }
        switch (interval.lower, interval.upper) {
        case (let lower?, nil): return (interval.lowerInclusive ? "at least " : "above ") + number(lower) + unit
        case (nil, let upper?): return (interval.upperInclusive ? "at most " : "below ") + number(upper) + unit
        case (let lower?, let upper?) where lower == upper: return "exactly " + number(lower) + unit
        case (let lower?, let upper?): return "\(interval.lowerInclusive ? "[" : "(")\(number(lower)), \(number(upper))\(interval.upperInclusive ? "]" : ")")" + unit
        case (nil, nil): return "any" + unit
        }
    }

    static func isWhole(_ value: Decimal) -> Bool {
        var copy = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &copy, 0, .plain)
        return rounded == value
    }

    static func day(_ timestamp: Timestamp) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: timestamp.date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
