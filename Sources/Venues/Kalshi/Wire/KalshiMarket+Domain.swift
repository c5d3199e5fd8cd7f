import EdgewiseCore

extension KalshiMarketStatus {
    /// The venue-neutral state. `inactive` is Kalshi's "trading halted for now" (`paused` in its
    /// own query filter), and `determined`/`disputed`/`amended` all mean "result known or being
    /// argued, not yet final", which is what `resolving` stands for. Only `finalized` (and the
    /// older `settled`) is final.
    public var marketStatus: MarketStatus {
        switch self {
        case .initialized: .upcoming
        case .active: .open
        case .inactive: .paused
        case .closed: .closed
        case .determined, .disputed, .amended: .resolving
        case .finalized, .settled: .resolved
        case .unknown(let text): .unknown(text)
        }
    }
}

extension KalshiMarket {
    /// The market in venue-neutral terms: id = ticker, event = event ticker, outcomes YES and NO
    /// with the `<ticker>/YES|NO` tokens.
    ///
    /// - Indicative prices: the last trade when there was one, else the midpoint of the quoted
    ///   YES bid and ask (both must be quoted), else none; NO is the complement.
    /// - Payouts: set once the result is known and not under dispute (determined, amended,
    ///   finalized): 1/0 for yes/no, `settlement_value_dollars` and its complement for scalar,
    ///   and nothing for a void market (stakes are returned, which no payout per share expresses).
    /// - Tick: the coarsest step of the price grid, so that rounding to it always yields a valid
    ///   price; the exact grid is enforced when an order is placed (``KalshiOrderRules``).
    /// - Minimum size: one contract, or 0.01 where fractional trading is enabled.
    public func toMarket(series: KalshiSeries? = nil) -> Market {
        let yes = Kalshi.token(ticker: ticker, side: .yes)
        let no = Kalshi.token(ticker: ticker, side: .no)
        let yesIndicative = indicativeYesPrice
        let payouts = self.payouts
        var status = self.status.marketStatus
        if result == .void, status == .resolved { status = .voided }
        let grid = try? KalshiPriceGrid(market: self)
        return Market(
            venue: .kalshi, id: MarketID(ticker), eventID: EventID(eventTicker), question: question, rules: rules,
            settlementSource: series?.settlementSources.first.map { $0.url ?? $0.name },
            outcomes: [
                Outcome(token: yes, name: "Yes", indicativePrice: yesIndicative, payout: payouts?.yes),
                Outcome(token: no, name: "No", indicativePrice: yesIndicative?.complement, payout: payouts?.no),
            ],
            status: status, openTime: openTime, closeTime: closeTime, endTime: expectedExpirationTime ?? latestExpirationTime,
            tickSize: grid?.coarsestStep, minimumOrderSize: KalshiOrderRules(ticker: ticker, grid: grid ?? .linearCent, fractionalTradingEnabled: fractionalTradingEnabled).minimumCount,
            acceptingOrders: self.status == .active)
    }

    /// The title when the venue still sends one, else the YES sub-title, else the ticker.
    var question: String {
        if let title, !title.isEmpty { return title }
        if let yesSubTitle, !yesSubTitle.isEmpty { return yesSubTitle }
        return ticker
    }

    var rules: String {
        [rulesPrimary, rulesSecondary].filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    var indicativeYesPrice: Price? {
        if let lastPrice, lastPrice.isInsideUnitInterval { return lastPrice }
        if let bid = yesBid, let ask = yesAsk, bid.isInsideUnitInterval, ask.isInsideUnitInterval, bid <= ask {
            return Price(units: (bid.units + ask.units) / 2)
        }
        return nil
    }

    var payouts: (yes: Price, no: Price)? {
        switch status {
        case .determined, .amended, .finalized, .settled: break
        default: return nil
        }
        switch result {
        case .yes: return (.one, .zero)
        case .no: return (.zero, .one)
        case .scalar:
            guard let value = settlementValue, value <= .one else { return nil }
            return (value, value.complement)
        case .void, .undetermined, .unknown: return nil
        }
    }
}
