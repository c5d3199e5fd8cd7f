import EdgewiseCore
import Foundation

/// Finds markets whose result is already fixed by something observable while the winning side is
/// still offered below its payout, and prices buying that side through the same depth-walking
/// pricer as every other arbitrage (one leg paying 1 per share).
///
/// It is strict on purpose: a missed trade costs nothing, a false one costs the whole stake. So
/// every observation must be known at `now`, come from the market's settlement source (or be the
/// venue's own resolution of this market), measure the question's subject in the question's
/// unit, and fall inside the time the question reads; anything it cannot check is left out.
public struct ResolutionDetector: Sendable {
    /// Seconds after which a book without updates is not trusted.
    public var maxBookAge: Double
    /// Seconds after the resolution time within which an instant reading still counts as the
    /// reading at that time. Zero by default: a print a minute later is not the settlement value,
    /// and near the threshold the difference decides the market. Widen it only for a feed that
    /// stamps its settlement readings late.
    public var readingTolerance: Double
    public var pricer: BasketPricer

    public init(maxBookAge: Double = 30, readingTolerance: Double = 0, pricer: BasketPricer = BasketPricer()) {
        self.maxBookAge = maxBookAge
        self.readingTolerance = readingTolerance
        self.pricer = pricer
    }

    /// The resolution trade on `market`, or nil; ``evaluate(market:proposition:yesBook:fees:observations:now:)``
    /// says why not.
    public func detect(
        market: Market, proposition: Proposition? = nil, yesBook: OrderBook, fees: any FeeModel,
        observations: [ResolutionObservation], now: Timestamp
    ) -> Opportunity? {
        evaluate(
            market: market, proposition: proposition, yesBook: yesBook, fees: fees, observations: observations,
            now: now
        ).opportunity
    }

    /// Evaluates one market against the observations known at `now`.
    ///
    /// - Parameters:
    ///   - proposition: the market's parsed question; parsed from the question and slug when nil.
    ///   - yesBook: the book of the market's YES outcome; NO is bought against its bids.
    public func evaluate(
        market: Market, proposition: Proposition? = nil, yesBook: OrderBook, fees: any FeeModel,
        observations: [ResolutionObservation], now: Timestamp
    ) -> ResolutionEvaluation {
        guard market.status.isTradable, market.acceptingOrders else {
            return .skipped(.marketNotTrading(market.status))
        }
        guard !market.outcomes.contains(where: { $0.payout != nil }) else { return .skipped(.alreadySettled) }
        guard let yes = market.outcome(named: "Yes"), yesBook.instrument == market.instrument(for: yes) else {
            return .skipped(.bookNotForMarket(yesBook.instrument))
        }
        if let problem = bookProblem(yesBook, now: now) { return .skipped(problem) }

        let proposition = proposition ?? PropositionParser.parse(market.question, slug: market.slug)
        let determination: ResolutionDetermination
        switch determine(market: market, proposition: proposition, observations: observations, now: now) {
        case .success(let found): determination = found
        case .failure(let skip): return .skipped(skip)
        }

        let side = determination.winner
        let offers: OfferLadder
        let outcome: Outcome
        switch side {
        case .yes:
            outcome = yes
            offers = yesBook.offerLadderToBuy
        case .no:
            guard let no = market.outcome(named: "No") else { return .skipped(.missingOutcome(.no)) }
            outcome = no
            offers = yesBook.complementOfferLadderToBuy
        }
        let leg = BasketLeg(
            venue: market.venue, marketID: market.id, instrument: market.instrument(for: outcome), outcome: side,
            label: outcome.name, offers: offers, fees: fees, minimumSize: market.minimumOrderSize)
        guard let quote = pricer.price([leg], payoutPerBasket: 1) else {
            return .skipped(.notLagging(side: side, bestOffer: offers.first?.price))
        }
        return .opportunity(
            Opportunity(
                kind: .resolution, group: "\(market.venue.rawValue):\(market.id.rawValue)",
                title: "\(market.question) — \(side) already determined", legs: quote.legs, size: quote.size,
                payoutPerBasket: 1, cost: quote.cost, fees: quote.fees, payout: quote.payout, maxSize: quote.maxSize,
                curve: quote.curve, resolutionTime: market.endTime,
                evidence: determination.support.map(\.evidence), seenAt: now))
    }

    /// The side the observations known at `now` fix, with every observation relied on; the books
    /// play no part.
    public func determine(
        market: Market, proposition: Proposition, observations: [ResolutionObservation], now: Timestamp
    ) -> Result<ResolutionDetermination, ResolutionSkip> {
        let settlement = SettlementSource(market: market)
        var support: [BinaryOutcome: [ResolutionSupport]] = [:]
        var ignoredForNegation = false
        for observation in observations {
            // No look-ahead: neither what we learn later nor a value describing a later time.
            guard observation.knownAt <= now, observation.observedAt <= now else { continue }
            let found: (BinaryOutcome, ResolutionSupport)?
            switch observation.fact {
            case .reading(let reading):
                guard settlement.accepts(observation.source) else { continue }
                if proposition.isNegated {
                    ignoredForNegation = true
                    continue
                }
                found = Self.apply(
                    reading, observation: observation, proposition: proposition, market: market,
                    tolerance: readingTolerance)
            case .result(let result):
                found = Self.apply(
                    result, observation: observation, proposition: proposition, market: market,
                    settlement: settlement)
            }
            if let found { support[found.0, default: []].append(found.1) }
        }
        let yes = support[.yes] ?? []
        let no = support[.no] ?? []
        if !yes.isEmpty && !no.isEmpty { return .failure(.conflicting(yes: yes.count, no: no.count)) }
        guard let winner: BinaryOutcome = !yes.isEmpty ? .yes : (!no.isEmpty ? .no : nil) else {
            return .failure(ignoredForNegation ? .negatedQuestion : .undetermined)
        }
        let items = (winner == .yes ? yes : no).sorted { $0.observation.knownAt < $1.observation.knownAt }
        return .success(ResolutionDetermination(winner: winner, support: items))
    }

    // MARK: Books

    private func bookProblem(_ book: OrderBook, now: Timestamp) -> ResolutionSkip? {
        guard book.isSynchronized else { return .bookNotSynchronized }
        guard !book.isCrossed else { return .bookCrossed }
        // A book received after `now` would be look-ahead in a replay.
        guard let received = book.receivedAt, received <= now, !book.isStale(at: now, maxAge: maxBookAge) else {
            return .bookStale(lastReceived: book.receivedAt)
        }
        return nil
    }

    // MARK: Readings

    static let day: Int64 = 86_400_000_000_000
    /// Comparisons a single touch can settle; a bucket or an equality is about where the value
    /// ends, not where it passed.
    static let touchable: Set<Proposition.Comparison> = [.above, .atOrAbove, .below, .atOrBelow]

    static func apply(
        _ reading: ReferenceReading, observation: ResolutionObservation, proposition: Proposition, market: Market,
        tolerance: Double
    ) -> (BinaryOutcome, ResolutionSupport)? {
        guard let condition = proposition.condition, let date = proposition.date, let role = proposition.dateRole,
            reading.isAbout(proposition), MeasurementUnit.matches(reading.unit, conditionUnit: condition.unit),
            // A figure published before its period ended is provisional.
            reading.span.end <= observation.knownAt
        else { return nil }
        let satisfied = condition.isSatisfied(by: reading.value)
        let shown = "\(describe(reading)) \(satisfied ? "satisfies" : "does not satisfy") \(describe(condition))"

        if proposition.isTouch {
            // Only reaching the threshold is final; falling short says nothing until the window
            // has been watched end to end, which one reading cannot show.
            guard satisfied, role == .by || role == .year,
                touchable.contains(condition.comparison),
                // A period's figure (an average, a close) need not have been touched at any instant.
                case .instant(let time) = reading.span,
                let window = touchWindow(market: market, date: date, role: role),
                window.start <= time, time <= window.deadline
            else { return nil }
            let rule = ResolutionRule.touchedWithinWindow(start: window.start, deadline: window.deadline)
            return (.yes, ResolutionSupport(observation: observation, rule: rule, claim: shown))
        }

        // "Above X by D" without touch wording is ambiguous (at D, or at any time before?):
        // only a published result settles it.
        guard role == .on else { return nil }
        let side: BinaryOutcome = satisfied ? .yes : .no
        switch reading.span {
        case .instant(let time):
            guard let resolution = readingTime(market: market, date: date), resolution <= time,
                time.seconds(since: resolution) <= tolerance
            else { return nil }
            return (side, ResolutionSupport(observation: observation, rule: .readingAtResolutionTime(resolution), claim: shown))
        case .period(let start, let end):
            // The figure for the question's day: it starts within that day and covers at most
            // one day (26 hours allow for a daylight-saving change in the publisher's zone).
            guard date <= start, start.nanoseconds < date.nanoseconds + day, start < end,
                end.nanoseconds - start.nanoseconds <= day / 24 * 26
            else { return nil }
            return (side, ResolutionSupport(observation: observation, rule: .officialFigureForDay(date), claim: shown))
        }
    }

    /// The instant an "on D" question is read: the venue's end time when it falls on D (or the
    /// next UTC day, where D ends in a zone west of UTC). Without one, no instant reading can be
    /// known to be the reading.
    static func readingTime(market: Market, date: Timestamp) -> Timestamp? {
        guard let end = market.endTime, date <= end, end.nanoseconds < date.nanoseconds + 2 * day else { return nil }
        return end
    }

    /// The span in which a touch counts: from the market's opening (or the year's start for "in
    /// 2026") to the earliest of the question's date and the venue's close and end times. The
    /// parsed date is the start of the day named, so a touch on the deadline day itself is left
    /// out rather than risk counting one after a deadline in the question's own zone.
    static func touchWindow(market: Market, date: Timestamp, role: Proposition.DateRole) -> (start: Timestamp, deadline: Timestamp)? {
        let deadline = [date, market.closeTime, market.endTime].compactMap { $0 }.min()!
        var start = market.openTime
        if role == .year {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let year = calendar.component(.year, from: date.date)
            guard let first = calendar.date(from: DateComponents(year: year, month: 1, day: 1)) else { return nil }
            start = max(start ?? Timestamp(first), Timestamp(first))
        }
        guard let start, start <= deadline else { return nil }
        return (start, deadline)
    }

    // MARK: Published results

    static func apply(
        _ result: PublishedResult, observation: ResolutionObservation, proposition: Proposition, market: Market,
        settlement: SettlementSource
    ) -> (BinaryOutcome, ResolutionSupport)? {
        let rule: ResolutionRule
        switch (observation.source, result.target) {
        case (.venue(let venue), .market(let targetVenue, let id)):
            guard venue == market.venue, targetVenue == market.venue, id == market.id else { return nil }
            rule = .resolvedByVenue(venue)
        case (.venue, .question):
            // A venue speaks for its markets, not for questions in general.
            return nil
        case (.publisher, let target):
            guard settlement.accepts(observation.source), answers(target, market: market, proposition: proposition)
            else { return nil }
            rule = .publishedBySettlementSource
        }
        guard let side = result.winningSide(in: market) else { return nil }
        let claim = "\(describe(result.target)) resolved \(side) (published \(result.publishedAt))"
        return (side, ResolutionSupport(observation: observation, rule: rule, claim: claim))
    }

    static func answers(_ target: PublishedResult.Target, market: Market, proposition: Proposition) -> Bool {
        switch target {
        case .market(let venue, let id):
            return venue == market.venue && id == market.id
        case .question(let subject, let date):
            let words = SubjectWords(PropositionParser.subject(of: subject.lowercased()))
            guard !words.words.isEmpty, words == SubjectWords(proposition.subject) else { return false }
            switch (date, proposition.date) {
            case (nil, nil): return true
            case (let a?, let b?): return a.nanoseconds.floorDiv(day) == b.nanoseconds.floorDiv(day)
            default: return false
            }
        }
    }

    // MARK: Wording

    static func describe(_ reading: ReferenceReading) -> String {
        let unit = reading.unit.map { " \($0)" } ?? ""
        switch reading.span {
        case .instant(let time): return "\(reading.subject) was \(reading.value)\(unit) at \(time)"
        case .period(let start, let end): return "\(reading.subject) was \(reading.value)\(unit) for \(start) to \(end)"
        }
    }

    static func describe(_ condition: Proposition.Condition) -> String {
        let unit = condition.unit.map { " \($0)" } ?? ""
        switch condition.comparison {
        case .above: return "> \(condition.threshold)\(unit)"
        case .atOrAbove: return "≥ \(condition.threshold)\(unit)"
        case .below: return "< \(condition.threshold)\(unit)"
        case .atOrBelow: return "≤ \(condition.threshold)\(unit)"
        case .equal: return "= \(condition.threshold)\(unit)"
        case .between: return "in [\(condition.threshold), \(condition.upper.map { "\($0)" } ?? "?"))\(unit)"
        }
    }

    static func describe(_ target: PublishedResult.Target) -> String {
        switch target {
        case .market(let venue, let id): "market \(venue.rawValue):\(id.rawValue)"
        case .question(let subject, let date?): "\"\(subject)\" on \(date)"
        case .question(let subject, nil): "\"\(subject)\""
        }
    }
}

extension Int64 {
    /// Division rounding toward negative infinity, so instants before 1970 fall on the right day.
    fileprivate func floorDiv(_ divisor: Int64) -> Int64 {
        let (q, r) = quotientAndRemainder(dividingBy: divisor)
        return r < 0 ? q - 1 : q
    }
}
