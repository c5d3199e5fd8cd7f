import EdgewiseCore

extension GammaEvent {
    /// Neg-risk as Gamma reports it on the event (`negRisk`, or `enableNegRisk` on some records).
    public var isNegRisk: Bool { negRisk?.value ?? enableNegRisk?.value ?? false }

    /// The domain event with its markets. A neg-risk event is mutually exclusive (at most one
    /// YES); it is exhaustive only when not augmented, since an augmented event may add outcomes.
    public func toEvent() throws(PolymarketMappingError) -> Event {
        guard let id = id?.value, !id.isEmpty else {
            throw PolymarketMappingError(record: slug ?? title ?? "<unknown event>", field: "id", detail: "is missing")
        }
        let eventID = EventID(id)
        var mapped: [Market] = []
        for market in markets ?? [] {
            mapped.append(try market.toMarket(eventID: eventID))
        }
        let negRisk = isNegRisk
        let augmented = negRiskAugmented?.value ?? false
        let status: MarketStatus =
            if closed?.value == true || archived?.value == true {
                mapped.allSatisfy({ $0.status == .resolved }) && !mapped.isEmpty ? .resolved : .closed
            } else if active?.value == false {
                .paused
            } else {
                .open
            }
        return Event(
            venue: .polymarket, id: eventID, slug: slug, title: title ?? "", description: description ?? "",
            category: category, tags: (tags ?? []).compactMap { $0.label ?? $0.slug },
            settlementSource: resolutionSource.flatMap { $0.isEmpty ? nil : $0 }, markets: mapped, status: status,
            openTime: PolymarketTime.parseISO(startDate), endTime: PolymarketTime.parseISO(endDate),
            isMutuallyExclusive: negRisk, isExhaustive: negRisk && !augmented, isNegRisk: negRisk,
            isNegRiskAugmented: augmented)
    }
}
