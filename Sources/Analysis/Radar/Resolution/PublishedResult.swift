import EdgewiseCore

/// A result someone published: a venue's resolution of its market, an agency's announcement.
public struct PublishedResult: Hashable, Codable, Sendable {
    /// Which question the result answers.
    public enum Target: Hashable, Codable, Sendable {
        /// One market on one venue.
        case market(venue: VenueID, id: MarketID)
        /// A question stated in words, with the date it concerns (nil when it has none); it
        /// answers a market only when both the subject words and the day are the same.
        case question(subject: String, date: Timestamp?)
    }

    /// Which outcome won, in whatever terms the publisher used.
    public enum Winner: Hashable, Codable, Sendable {
        case side(BinaryOutcome)
        /// The winning outcome token (a venue's resolution notice).
        case token(TokenID)
        /// The winning outcome's label ("Yes", "No").
        case outcome(String)
    }

    public var target: Target
    public var winner: Winner
    public var publishedAt: Timestamp

    public init(target: Target, winner: Winner, publishedAt: Timestamp) {
        self.target = target
        self.winner = winner
        self.publishedAt = publishedAt
    }

    /// The side of `market` the result says won; nil when its terms do not name one of the
    /// market's two outcomes (a token of another market, a candidate's name), which must never
    /// be guessed.
    func winningSide(in market: Market) -> BinaryOutcome? {
        switch winner {
        case .side(let side):
            return side
        case .token(let token):
            guard let outcome = market.outcome(token: token) else { return nil }
            return BinaryOutcome(label: outcome.name)
        case .outcome(let name):
            guard market.outcome(named: name) != nil else { return nil }
            return BinaryOutcome(label: name)
        }
    }
}

extension BinaryOutcome {
    /// The side an outcome label names, for the "Yes"/"No" outcomes every binary venue lists.
    init?(label: String) {
        switch label.lowercased() {
        case "yes": self = .yes
        case "no": self = .no
        default: return nil
        }
    }
}
