import EdgewiseCore

extension ClobMarketInfo {
    /// The market's order limits: its minimum tick and minimum order size. Without a tick no
    /// price can be checked, so a missing or unknown one is an error, not a default.
    public func orderRules() throws(PolymarketMappingError) -> PolymarketMarketRules {
        guard let tickText = mts?.text, !tickText.isEmpty else {
            throw PolymarketMappingError(record: c, field: "mts", detail: "is missing; the market's tick size is required to price an order")
        }
        let tick: PolymarketTickSize
        do { tick = try PolymarketTickSize(parsing: tickText) } catch {
            throw PolymarketMappingError(record: c, field: "mts", detail: error.description)
        }
        guard let minimum = minimumOrderSize else {
            throw PolymarketMappingError(record: c, field: "mos", detail: "is missing or not a decimal; the market's minimum order size is required")
        }
        return PolymarketMarketRules(minimumTickSize: tick, minimumOrderSize: minimum)
    }

    /// The market's platform fee; nil when the record carries no `fd` (fees unknown, not zero).
    public func feeSchedule() throws(PolymarketMappingError) -> PolymarketFeeSchedule? {
        guard let fd else { return nil }
        guard let rate = fd.r?.text, let exponent = fd.e?.text else {
            throw PolymarketMappingError(record: c, field: "fd", detail: "needs both r and e")
        }
        do {
            return try PolymarketFeeSchedule(rate: rate, exponentText: exponent, takerOnly: fd.to?.value ?? false)
        } catch {
            throw PolymarketMappingError(record: c, field: "fd", detail: error.description)
        }
    }
}
