import EdgewiseCore
import Foundation

/// A measured value of something a question asks about: an exchange's price, an official
/// temperature, an index print.
public struct ReferenceReading: Hashable, Codable, Sendable {
    /// What time the value describes. The two differ in what they can settle: a price at one
    /// instant proves a touch, while only the official figure for a whole day settles "the
    /// highest temperature on July 10".
    public enum Span: Hashable, Codable, Sendable {
        /// The value at one instant (a trade, an index print).
        case instant(Timestamp)
        /// The official figure for a period (a day's high, a daily close), final once the period
        /// has ended.
        case period(start: Timestamp, end: Timestamp)

        /// The last moment the value describes.
        public var end: Timestamp {
            switch self {
            case .instant(let time): time
            case .period(_, let end): end
            }
        }
    }

    /// What was measured, in the words a question would use ("bitcoin", "highest temperature
    /// chicago"); compared with the question's parsed subject, never searched for in it.
    public var subject: String
    /// Other names of the same thing ("btc"), each compared the same way.
    public var aliases: [String]
    public var value: Decimal
    /// Nil for a plain count.
    public var unit: MeasurementUnit?
    public var span: Span

    public init(subject: String, aliases: [String] = [], value: Decimal, unit: MeasurementUnit?, span: Span) {
        self.subject = subject
        self.aliases = aliases
        self.value = value
        self.unit = unit
        self.span = span
    }

    /// Whether the reading measures what `proposition` asks about: the subject or an alias has
    /// exactly the question's subject words. Equality rather than containment, because "bitcoin"
    /// is contained in "bitcoin cash" and "highest temperature chicago" in "lowest … chicago".
    public func isAbout(_ proposition: Proposition) -> Bool {
        let target = SubjectWords(proposition.subject)
        guard !target.words.isEmpty else { return false }
        return ([subject] + aliases).contains { SubjectWords(PropositionParser.subject(of: $0.lowercased())) == target }
    }
}

/// A subject as a set of words, without the words that name the measure rather than the thing
/// ("price of bitcoin" and "bitcoin" ask about the same asset).
struct SubjectWords: Hashable {
    static let neutral: Set<String> = ["price", "value"]
    let words: Set<String>

    init(_ subject: String) {
        words = Set(subject.split(separator: " ").map(String.init)).subtracting(Self.neutral)
    }
}
