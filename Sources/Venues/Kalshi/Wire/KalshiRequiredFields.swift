import EdgewiseCore

extension KeyedDecodingContainer {
    /// ``kalshiPrice(_:legacyCents:)`` for a field the object cannot be used without: absent in
    /// both forms is a `keyNotFound` naming the fixed-point field.
    func kalshiRequiredPrice(_ dollars: Key, legacyCents cents: Key? = nil) throws -> Price {
        guard let price = try kalshiPrice(dollars, legacyCents: cents) else {
            throw DecodingError.keyNotFound(dollars, .init(codingPath: codingPath, debugDescription: "required price is missing"))
        }
        return price
    }

    func kalshiRequiredCount(_ fp: Key, legacy: Key? = nil) throws -> Size {
        guard let count = try kalshiCount(fp, legacy: legacy) else {
            throw DecodingError.keyNotFound(fp, .init(codingPath: codingPath, debugDescription: "required count is missing"))
        }
        return count
    }

    /// A signed dollar amount as ``Amount`` (fees, costs, P&L).
    func kalshiAmount(_ dollars: Key, legacyCents cents: Key? = nil) throws -> Amount? {
        try kalshiSignedDollars(dollars, legacyCents: cents).map(Amount.init(units:))
    }
}
