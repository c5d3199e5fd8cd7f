import EdgewiseCore

/// Something observed that may fix a market's result, with who reported it and when it became
/// known. ``knownAt`` is what keeps backtests honest: a detector at time `now` uses only
/// observations known by then, however early the value they describe.
public struct ResolutionObservation: Hashable, Codable, Sendable {
    public enum Fact: Hashable, Codable, Sendable {
        case reading(ReferenceReading)
        case result(PublishedResult)
    }

    public var fact: Fact
    public var source: ObservationSource
    /// When the observation reached us (or was published, for a recorded feed): the earliest
    /// moment a decision may rely on it.
    public var knownAt: Timestamp

    public init(fact: Fact, source: ObservationSource, knownAt: Timestamp) {
        self.fact = fact
        self.source = source
        self.knownAt = knownAt
    }

    /// A measured value from an outside publisher.
    public static func reading(
        _ reading: ReferenceReading, source: ObservationSource, knownAt: Timestamp
    ) -> ResolutionObservation {
        ResolutionObservation(fact: .reading(reading), source: source, knownAt: knownAt)
    }

    /// A venue's resolution notice for one of its markets; nil unless the notice reports a
    /// resolution with a winner.
    public static func venueResolution(_ notice: MarketNotice, receivedAt: Timestamp) -> ResolutionObservation? {
        guard notice.kind == .resolved else { return nil }
        let winner: PublishedResult.Winner
        if let token = notice.winningToken {
            winner = .token(token)
        } else if let name = notice.winningOutcome {
            winner = .outcome(name)
        } else {
            return nil
        }
        let result = PublishedResult(
            target: .market(venue: notice.venue, id: notice.marketID), winner: winner,
            publishedAt: notice.venueTimestamp ?? receivedAt)
        return ResolutionObservation(fact: .result(result), source: .venue(notice.venue), knownAt: receivedAt)
    }

    /// The last moment the fact describes: the instant or period end of a reading, the
    /// publication time of a result.
    public var observedAt: Timestamp {
        switch fact {
        case .reading(let reading): reading.span.end
        case .result(let result): result.publishedAt
        }
    }
}
