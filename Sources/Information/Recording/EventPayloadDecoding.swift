import EdgewiseCore

/// Turns the payload of a known event kind back into the domain event, mirroring
/// `RecordEncoder.payload`. Bytes after the fields this version knows are ignored: later minor
/// versions may append fields there.
extension InstrumentInterner {
    mutating func event(_ kind: RecordingEventKind, from d: inout RecordDecoder) -> MarketDataEvent? {
        switch kind {
        case .bookSnapshot:
            guard let instrument = instrument(from: &d), let ts = d.timestamp(), let sequence = d.optionalU64(),
                let hash = d.optionalString(), let tick = d.optionalPrice(), let bids = levels(&d),
                let asks = levels(&d)
            else { return nil }
            return .bookSnapshot(
                BookSnapshot(
                    instrument: instrument, bids: bids, asks: asks, venueTimestamp: ts, sequence: sequence,
                    hash: hash, tickSize: tick))
        case .bookDelta:
            guard let instrument = instrument(from: &d), let ts = d.timestamp(), let sequence = d.optionalU64(),
                let hash = d.optionalString(), let bestBid = d.reportedPrice(), let bestAsk = d.reportedPrice(),
                let n = d.count(minimumElementSize: 18)
            else { return nil }
            var changes: [BookChange] = []
            changes.reserveCapacity(n)
            for _ in 0..<n {
                guard let sideTag = d.u8(), sideTag <= 1, let price = d.i64(), let updateTag = d.u8(),
                    updateTag <= 1, let value = d.i64()
                else { return nil }
                changes.append(
                    BookChange(
                        side: sideTag == 0 ? .bid : .ask, price: Price(units: price),
                        update: updateTag == 0 ? .set(Size(units: value)) : .add(value)))
            }
            return .bookDelta(
                BookDelta(
                    instrument: instrument, changes: changes, venueTimestamp: ts, sequence: sequence, hash: hash,
                    reportedBestBid: bestBid, reportedBestAsk: bestAsk))
        case .trade:
            guard let instrument = instrument(from: &d), let price = d.i64(), let size = d.i64(),
                let aggressorTag = d.u8(), aggressorTag <= 2, let ts = d.timestamp()
            else { return nil }
            let aggressor: OrderSide? = aggressorTag == 0 ? nil : aggressorTag == 1 ? .buy : .sell
            return .trade(
                TradeTick(
                    instrument: instrument, price: Price(units: price), size: Size(units: size),
                    aggressor: aggressor, venueTimestamp: ts))
        case .topOfBook:
            guard let instrument = instrument(from: &d), let bid = d.optionalPrice(), let ask = d.optionalPrice(),
                let ts = d.timestamp()
            else { return nil }
            return .topOfBook(TopOfBook(instrument: instrument, bestBid: bid, bestAsk: ask, venueTimestamp: ts))
        case .tickSizeChange:
            guard let instrument = instrument(from: &d), let old = d.optionalPrice(), let new = d.i64(),
                let ts = d.timestamp()
            else { return nil }
            return .tickSizeChange(
                TickSizeChange(instrument: instrument, oldTick: old, newTick: Price(units: new), venueTimestamp: ts))
        case .market:
            guard let kindTag = d.u8(), kindTag <= 1, let venue = d.string(), let market = d.string(),
                let question = d.optionalString(), let slug = d.optionalString(),
                let tokenCount = d.count(minimumElementSize: 4)
            else { return nil }
            var tokens: [TokenID] = []
            for _ in 0..<tokenCount {
                guard let token = d.string() else { return nil }
                tokens.append(TokenID(token))
            }
            guard let outcomeCount = d.count(minimumElementSize: 4) else { return nil }
            var outcomes: [String] = []
            for _ in 0..<outcomeCount {
                guard let outcome = d.string() else { return nil }
                outcomes.append(outcome)
            }
            guard let winningToken = d.optionalString(), let winningOutcome = d.optionalString(),
                let ts = d.timestamp()
            else { return nil }
            return .market(
                MarketNotice(
                    kind: kindTag == 0 ? .listed : .resolved, venue: VenueID(venue), marketID: MarketID(market),
                    question: question, slug: slug, tokens: tokens, outcomes: outcomes,
                    winningToken: winningToken.map(TokenID.init), winningOutcome: winningOutcome,
                    venueTimestamp: ts))
        }
    }

    private func levels(_ d: inout RecordDecoder) -> [BookLevel]? {
        guard let n = d.count(minimumElementSize: 16) else { return nil }
        var levels: [BookLevel] = []
        levels.reserveCapacity(n)
        for _ in 0..<n {
            guard let price = d.i64(), let size = d.i64() else { return nil }
            levels.append(BookLevel(price: Price(units: price), size: Size(units: size)))
        }
        return levels
    }
}
