import EdgewiseCore
import Foundation

/// Kalshi is migrating from integer fields (prices in cents, whole-contract counts) to fixed-point
/// strings (`*_dollars`, up to 4 decimals; `*_fp`, 2 decimals). During the transition a payload may
/// carry either or both. The fixed-point field wins; when both are present they must agree, and a
/// disagreement is a decoding error that names both fields, because trading on whichever one we
/// happened to read would be trading on a guess.
extension KeyedDecodingContainer {
    /// A price from `dollars` (`"0.5600"`), reconciled with the legacy cents field `cents` (56).
    func kalshiPrice(_ dollars: Key, legacyCents cents: Key? = nil) throws -> Price? {
        let exact = try decodeIfPresent(Price.self, forKey: dollars)
        guard let cents, let legacy = try kalshiLegacyInteger(cents) else { return exact }
        let fromLegacy = Price(units: legacy * (FixedPoint.unitsPerWhole / 100))
        guard let exact else { return fromLegacy }
        guard exact == fromLegacy else {
            throw DecodingError.dataCorruptedError(
                forKey: dollars, in: self,
                debugDescription: "\(dollars.stringValue) \(exact) disagrees with the legacy \(cents.stringValue) \(legacy)¢")
        }
        return exact
    }

    /// A non-negative count from `fp` (`"10.00"`), reconciled with the legacy integer `legacy`.
    func kalshiCount(_ fp: Key, legacy: Key? = nil) throws -> Size? {
        guard let units = try kalshiSignedCount(fp, legacy: legacy) else { return nil }
        guard units >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: fp, in: self, debugDescription: "\(fp.stringValue) is negative")
        }
        return Size(units: units)
    }

    /// A signed count in millionths (book deltas, positions: negative means NO contracts).
    func kalshiSignedCount(_ fp: Key, legacy: Key? = nil) throws -> Int64? {
        var exact: Int64?
        if contains(fp), try !decodeNil(forKey: fp) {
            let text = try kalshiNumberText(fp)
            do { exact = try FixedPoint.parseUnits(Substring(text)) } catch {
                throw DecodingError.dataCorruptedError(forKey: fp, in: self, debugDescription: error.description)
            }
        }
        guard let legacy, let whole = try kalshiLegacyInteger(legacy) else { return exact }
        let fromLegacy = whole * FixedPoint.unitsPerWhole
        guard let exact else { return fromLegacy }
        guard exact == fromLegacy else {
            throw DecodingError.dataCorruptedError(
                forKey: fp, in: self,
                debugDescription: "\(fp.stringValue) \(FixedPoint.format(exact)) disagrees with the legacy \(legacy.stringValue) \(whole)")
        }
        return exact
    }

    /// Dollar amounts that may be negative (P&L, settlement revenue) as signed millionths.
    func kalshiSignedDollars(_ dollars: Key, legacyCents cents: Key? = nil) throws -> Int64? {
        var exact: Int64?
        if contains(dollars), try !decodeNil(forKey: dollars) {
            let text = try kalshiNumberText(dollars)
            do { exact = try FixedPoint.parseUnits(Substring(text)) } catch {
                throw DecodingError.dataCorruptedError(forKey: dollars, in: self, debugDescription: error.description)
            }
        }
        guard let cents, let legacy = try kalshiLegacyInteger(cents) else { return exact }
        let fromLegacy = legacy * (FixedPoint.unitsPerWhole / 100)
        guard let exact else { return fromLegacy }
        guard exact == fromLegacy else {
            throw DecodingError.dataCorruptedError(
                forKey: dollars, in: self,
                debugDescription: "\(dollars.stringValue) \(FixedPoint.format(exact)) disagrees with the legacy \(cents.stringValue) \(legacy)¢")
        }
        return exact
    }

    /// A legacy integer field; a fractional or non-numeric value is an error, not a truncation.
    func kalshiLegacyInteger(_ key: Key) throws -> Int64? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let value = try? decode(Int64.self, forKey: key) { return value }
        throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected a whole number")
    }

    /// The decimal text of a field sent as a string or as a JSON number.
    func kalshiNumberText(_ key: Key) throws -> String {
        if let text = try? decode(String.self, forKey: key) { return text.trimmingCharacters(in: .whitespaces) }
        if let number = try? decode(Decimal.self, forKey: key) { return number.description }
        throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected a decimal string or number")
    }
}
