import EdgewiseCore

extension KalshiEvent {
    /// The event in venue-neutral terms, with its nested markets mapped.
    ///
    /// Kalshi says whether an event's markets are mutually exclusive but not whether they are
    /// exhaustive, so `isExhaustive` stays false and no sum-to-one argument is invited. The
    /// status is open while any market trades; otherwise the first market's status stands for
    /// the event (they move together in practice).
    public func toEvent(series: KalshiSeries? = nil) -> Event {
        let markets = self.markets.map { $0.toMarket(series: series) }
        let status: MarketStatus =
            markets.contains { $0.status == .open } ? .open : (markets.first?.status ?? .unknown("no markets listed"))
        return Event(
            venue: .kalshi, id: EventID(eventTicker), title: title, description: subTitle ?? "",
            category: series?.category ?? category, tags: series?.tags ?? [],
            settlementSource: series?.settlementSources.first.map { $0.url ?? $0.name }, markets: markets, status: status,
            endTime: strikeDate, isMutuallyExclusive: mutuallyExclusive)
    }
}
