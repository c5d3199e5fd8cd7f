import EdgewiseCore
import EdgewiseVenueKit
import Foundation

/// A market's V2 platform fee, `fd = {r, e, to}` in `GET /clob-markets/{conditionId}`: a taker
/// filling `shares` at price p pays shares × r × (p(1 − p))^e USDC, largest at 0.5 and vanishing
/// toward 0 and 1. The operator charges it at match time; nothing here is signed, it is for
/// knowing the cost of a trade before making it.
///
/// The rate is held as an exact decimal (coefficient × 10^−scale) and the fee is computed on the
/// whole product, then rounded once to the 6-decimal base unit — half-up unless the caller picks
/// another rule (`.up` for a worst-case budget).
public struct PolymarketFeeSchedule: Sendable, Hashable, Decodable, CustomStringConvertible {
    /// The largest exponent accepted; the venue uses small integers and (p(1 − p))^e is below
    /// 10^−9 at e = 16 for any price.
    public static let maximumExponent = 16

    private let rateCoefficient: UInt64
    private let rateScale: Int
    /// e: how sharply the fee falls away from p = 0.5.
    public let exponent: Int
    /// Only takers pay (`to`). When the venue leaves it out, makers are assumed to pay too, so
    /// an estimate is never silently zero.
    public let takerOnly: Bool

    /// A market without platform fees.
    public static let free = PolymarketFeeSchedule(coefficient: 0, scale: 0, exponent: 0, takerOnly: true)

    public init(rate: String, exponent: Int, takerOnly: Bool) throws(PolymarketFeeScheduleError) {
        guard let (coefficient, scale) = Self.parseDecimal(rate) else { throw .invalidRate(rate) }
        guard (0...Self.maximumExponent).contains(exponent) else { throw .invalidExponent(String(exponent)) }
        self.init(coefficient: coefficient, scale: scale, exponent: exponent, takerOnly: takerOnly)
    }

    public init(rate: Decimal, exponent: Int, takerOnly: Bool) throws(PolymarketFeeScheduleError) {
        try self.init(rate: rate.description, exponent: exponent, takerOnly: takerOnly)
    }

    private init(coefficient: UInt64, scale: Int, exponent: Int, takerOnly: Bool) {
        self.rateCoefficient = coefficient
        self.rateScale = scale
        self.exponent = exponent
        self.takerOnly = takerOnly
    }

    /// r, exactly.
    public var rate: Decimal { Decimal(sign: .plus, exponent: -rateScale, significand: Decimal(rateCoefficient)) }

    /// The platform fee for a fill of `shares` at `price` on the given side of the trade.
    ///
    /// Makers pay nothing on a taker-only market; otherwise they are charged by the same formula
    /// (an assumption: the venue documents only the taker fee).
    public func fee(
        shares: Size, price: Price, liquidity: Liquidity = .taker, rounding: Rounding = .halfUp
    ) throws(PolymarketOrderRejection) -> Amount {
        precondition(shares.units >= 0, "a fee is charged on a non-negative number of shares")
        guard price <= Price.one else { throw .priceAboveOne(price) }
        if liquidity == .maker && takerOnly { return .zero }
        // p(1 − p) in millionths² and the size in millionths: the fee in base units is
        // shares·coefficient·q^e / 10^(scale + 12e).
        let q = UInt64(price.units) * UInt64(price.complement.units)
        var product = WideUnsigned(UInt64(shares.units))
        product.multiply(by: rateCoefficient)
        for _ in 0..<exponent { product.multiply(by: q) }
        let decimals = rateScale + 12 * exponent

        let units: UInt64?
        switch rounding {
        case .down, .towardZero:
            _ = product.divide(byPowerOfTen: decimals)
            units = product.exactUInt64
        case .up:
            let inexact = product.divide(byPowerOfTen: decimals)
            if let value = product.exactUInt64, !(inexact && value == .max) {
                units = inexact ? value + 1 : value
            } else {
                units = nil
            }
        case .halfUp:
            // round(x) = ⌊(⌊2x⌋ + 1) / 2⌋, which needs only floor divisions.
            product.multiply(by: 2)
            _ = product.divide(byPowerOfTen: decimals)
            units = product.exactUInt64.map { $0 / 2 + $0 % 2 }
        }
        guard let units, units <= UInt64(Int64.max) else { throw .amountOverflow }
        return Amount(units: Int64(units))
    }

    /// The fee if `amounts` fills completely at its own price, the worst case for a taker.
    public func fee(
        for amounts: PolymarketOrderAmounts, liquidity: Liquidity = .taker, rounding: Rounding = .halfUp
    ) throws(PolymarketOrderRejection) -> Amount {
        try fee(shares: amounts.shares, price: amounts.price, liquidity: liquidity, rounding: rounding)
    }

    public var description: String { "fee r=\(rate) e=\(exponent)\(takerOnly ? " (takers only)" : "")" }

    // MARK: Decoding `fd`

    private enum CodingKeys: String, CodingKey {
        case rate = "r"
        case exponent = "e"
        case takerOnly = "to"
    }

    /// Reads `{"r":0.25,"e":2,"to":true}`; numbers may also arrive as strings. `LenientDecimal`
    /// keeps a JSON number's exact text, so no value passes through `Double`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rate = try container.decode(LenientDecimal.self, forKey: .rate)
        let exponent = try container.decode(LenientDecimal.self, forKey: .exponent)
        let takerOnly = try container.decodeIfPresent(LenientBool.self, forKey: .takerOnly)?.value ?? false
        do {
            try self.init(rate: rate.text, exponentText: exponent.text, takerOnly: takerOnly)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// From the wire's text for each field, as ``ClobMarketInfo`` keeps them.
    public init(rate: String, exponentText: String, takerOnly: Bool) throws(PolymarketFeeScheduleError) {
        guard let (coefficient, scale) = Self.parseDecimal(exponentText), scale == 0,
            coefficient <= UInt64(Self.maximumExponent)
        else { throw .invalidExponent(exponentText) }
        try self.init(rate: rate, exponent: Int(coefficient), takerOnly: takerOnly)
    }

    /// `[+]digits[.digits][e[±]digits]` as a normalized (coefficient, scale): no trailing zeros
    /// in the coefficient unless the scale is 0. Nil for anything else, including negatives.
    static func parseDecimal(_ text: String) -> (coefficient: UInt64, scale: Int)? {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        if body.first == "+" { body = body.dropFirst() }
        var powerOfTen = 0
        if let marker = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int(body[body.index(after: marker)...]), abs(value) <= 60 else { return nil }
            powerOfTen = value
            body = body[..<marker]
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return nil }
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        var digits = Substring(String(whole + fraction))
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var scale = fraction.count - powerOfTen
        while digits.count > 1, digits.first == "0" { digits = digits.dropFirst() }
        while scale > 0, digits.count > 1, digits.last == "0" {
            digits = digits.dropLast()
            scale -= 1
        }
        if digits == "0" { return (0, 0) }
        while scale < 0 {
            digits += "0"
            scale += 1
        }
        guard scale <= 60, let coefficient = UInt64(digits), digits.count <= 19 else { return nil }
        return (coefficient, scale)
    }
}
