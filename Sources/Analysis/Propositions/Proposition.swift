import EdgewiseCore
import Foundation

/// What a market's question claims, read from its text: a subject, an optional numeric condition
/// (a threshold or a range, with its unit), an optional date and how the date binds, and the
/// named entities. Cross-venue matching, the settlement-equivalence check, ladder detection and
/// resolution arbitrage all compare markets through this, never through raw titles.
public struct Proposition: Hashable, Sendable {
    /// How a numeric condition compares the observed value with the threshold.
    public enum Comparison: String, Hashable, Sendable, Codable {
        case above, atOrAbove, below, atOrBelow, equal
        /// `lower ≤ value < upper` (a bucket).
        case between
    }

    /// A numeric condition: `value comparison threshold` (or `lower ≤ value < upper`).
    public struct Condition: Hashable, Sendable {
        public var comparison: Comparison
        public var threshold: Decimal
        /// The exclusive upper bound of a ``Comparison/between`` bucket.
        public var upper: Decimal?
        /// Normalised unit: `usd`, `percent`, `°f`, `°c`, `bps`, or nil when none was written.
        public var unit: String?

        public init(comparison: Comparison, threshold: Decimal, upper: Decimal? = nil, unit: String? = nil) {
            self.comparison = comparison
            self.threshold = threshold
            self.upper = upper
            self.unit = unit
        }

        /// Whether an observed value satisfies the condition.
        public func isSatisfied(by value: Decimal) -> Bool {
            switch comparison {
            case .above: value > threshold
            case .atOrAbove: value >= threshold
            case .below: value < threshold
            case .atOrBelow: value <= threshold
            case .equal: value == threshold
            case .between: value >= threshold && value < (upper ?? threshold)
            }
        }

        /// The condition stated as the set of values that make it true, `[lower, upper)` with
        /// open ends as nil; used to order ladders and to check that buckets tile the line.
        public var interval: (lower: Decimal?, lowerInclusive: Bool, upper: Decimal?, upperInclusive: Bool) {
            switch comparison {
            case .above: (threshold, false, nil, false)
            case .atOrAbove: (threshold, true, nil, false)
            case .below: (nil, false, threshold, false)
            case .atOrBelow: (nil, false, threshold, true)
            case .equal: (threshold, true, threshold, true)
            case .between: (threshold, true, upper, false)
            }
        }
    }

    /// How the date in the question binds the condition.
    public enum DateRole: String, Hashable, Sendable, Codable {
        /// The condition is read at (or during) that date: "above X on June 30".
        case on
        /// The condition must happen at some point up to that date: "reach X by June 30".
        case by
        /// Only a year was given ("in 2026").
        case year
    }

    /// The question's words without numbers, dates and filler, lower-cased: what the question is
    /// about ("bitcoin price", "highest temperature chicago").
    public var subject: String
    public var condition: Condition?
    public var date: Timestamp?
    public var dateRole: DateRole?
    /// A time zone named in the text (`ET`, `UTC`, `PT`…), upper-cased.
    public var timeZone: String?
    /// Path-dependent wording ("reach", "hit", "dip to", "touch"): once the value touches the
    /// threshold the result is fixed, whatever happens afterwards.
    public var isTouch: Bool
    /// Capitalised names in the question ("Shohei Ohtani", "Kansas City").
    public var entities: [String]
    /// The question asks whether something does *not* happen ("Will X not…", "fail to").
    public var isNegated: Bool

    public init(
        subject: String, condition: Condition? = nil, date: Timestamp? = nil, dateRole: DateRole? = nil,
        timeZone: String? = nil, isTouch: Bool = false, entities: [String] = [], isNegated: Bool = false
    ) {
        self.subject = subject
        self.condition = condition
        self.date = date
        self.dateRole = dateRole
        self.timeZone = timeZone
        self.isTouch = isTouch
        self.entities = entities
        self.isNegated = isNegated
    }
}
