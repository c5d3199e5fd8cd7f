import Foundation

/// How a value that falls between two representable values is settled.
public enum Rounding: String, Sendable, Codable, CaseIterable {
    /// Toward negative infinity.
    case down
    /// Toward positive infinity.
    case up
    /// To the nearest; a tie goes away from zero (what the venues' clients call "round half").
    case halfUp
    /// Toward zero.
    case towardZero
}

/// Why a decimal string could not become an exact fixed-point value.
public enum FixedPointError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case invalidCharacter(text: String)
    case tooManyDecimals(text: String, allowed: Int)
    case overflow(text: String)
    case negative(text: String)

    public var description: String {
        switch self {
        case .empty: "empty decimal value"
        case .invalidCharacter(let text): "'\(text)' is not a plain decimal number (digits, one '.', optional sign)"
        case .tooManyDecimals(let text, let allowed): "'\(text)' has more than \(allowed) decimal places; it cannot be held exactly"
        case .overflow(let text): "'\(text)' is too large for a fixed-point value"
        case .negative(let text): "'\(text)' is negative where only non-negative values are allowed"
        }
    }
}

/// The shared representation of every money-path number: a signed count of millionths.
///
/// Six decimal places hold every value the venues put on the wire (Polymarket's pUSD and
/// conditional tokens have 6 decimals; Kalshi prices have 4, counts 2), so parsing a venue string
/// never rounds.
public enum FixedPoint {
    public static let scale = 6
    public static let unitsPerWhole: Int64 = 1_000_000

    /// Parses `[+-]digits[.digits]` (also `.48` and `5.`) into millionths without any floating
    /// point. Extra decimals are accepted only when they are zeros.
    public static func parseUnits(_ text: Substring) throws(FixedPointError) -> Int64 {
        var utf8 = Array(text.utf8)
        return try utf8.withUnsafeMutableBufferPointer { buffer throws(FixedPointError) in
            guard let value = parseUnits(UnsafeBufferPointer(buffer)) else {
                throw diagnose(String(text))
            }
            return value
        }
    }

    /// The allocation-free parser used on hot paths; `nil` means the bytes are not a valid value
    /// (call ``diagnose(_:)`` for the reason).
    @inlinable
    public static func parseUnits(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        let count = bytes.count
        guard count > 0 else { return nil }
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        var whole: Int64 = 0
        var digits = 0
        while index < count, bytes[index] &- 48 < 10 {
            let (m, o1) = whole.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(bytes[index] &- 48))
            if o1 || o2 { return nil }
            whole = a
            digits += 1
            index += 1
        }
        var fraction: Int64 = 0
        var fractionDigits = 0
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, bytes[index] &- 48 < 10 {
                let digit = Int64(bytes[index] &- 48)
                if fractionDigits < scale {
                    fraction = fraction * 10 + digit
                    fractionDigits += 1
                } else if digit != 0 {
                    return nil
                }
                digits += 1
                index += 1
            }
        }
        guard index == count, digits > 0 else { return nil }
        while fractionDigits < scale {
            fraction *= 10
            fractionDigits += 1
        }
        let (scaled, o1) = whole.multipliedReportingOverflow(by: unitsPerWhole)
        let (total, o2) = scaled.addingReportingOverflow(fraction)
        if o1 || o2 { return nil }
        return negative ? -total : total
    }

    /// The precise reason `text` failed to parse.
    public static func diagnose(_ text: String) -> FixedPointError {
        let trimmed = text
        if trimmed.isEmpty { return .empty }
        let body = trimmed.first == "-" || trimmed.first == "+" ? trimmed.dropFirst() : Substring(trimmed)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, body.contains(where: \.isNumber),
            body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") })
        else { return .invalidCharacter(text: text) }
        if parts.count == 2, parts[1].count > scale { return .tooManyDecimals(text: text, allowed: scale) }
        return .overflow(text: text)
    }

    /// The shortest exact decimal text for `units` millionths (`0.5`, `100`, `219.217767`).
    public static func format(_ units: Int64) -> String {
        let negative = units < 0
        let magnitude = units.magnitude
        let whole = magnitude / UInt64(unitsPerWhole)
        var fraction = magnitude % UInt64(unitsPerWhole)
        var text = negative ? "-" : ""
        text += String(whole)
        if fraction != 0 {
            var width = scale
            while fraction % 10 == 0 {
                fraction /= 10
                width -= 1
            }
            text += "." + String(fraction).leftPadded(to: width)
        }
        return text
    }

    /// `numerator / denominator` rounded by `rule`, computed exactly in 128 bits.
    @inlinable
    public static func divide(_ numerator: Int128, _ denominator: Int128, _ rule: Rounding) -> Int128 {
        precondition(denominator != 0, "fixed-point division by zero")
        // Almost every operand fits in 64 bits, where division is one instruction instead of a
        // call into the 128-bit runtime. Both truncate toward zero with the remainder taking the
        // numerator's sign, so the result is the same; `min / -1`, the one 64-bit overflow, takes
        // the 128-bit path.
        let quotient: Int128
        let remainder: Int128
        if let n = Int64(exactly: numerator), let d = Int64(exactly: denominator), d != -1 {
            let (q, r) = n.quotientAndRemainder(dividingBy: d)
            (quotient, remainder) = (Int128(q), Int128(r))
        } else {
            (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        }
        if remainder == 0 { return quotient }
        let positive = (numerator < 0) == (denominator < 0)
        switch rule {
        case .towardZero:
            return quotient
        case .down:
            return positive ? quotient : quotient - 1
        case .up:
            return positive ? quotient + 1 : quotient
        case .halfUp:
            let twice = remainder.magnitude * 2
            if twice >= denominator.magnitude { return positive ? quotient + 1 : quotient - 1 }
            return quotient
        }
    }
}

/// A fixed-point decimal with six places: the common behaviour of ``Price``, ``Size`` and
/// ``Amount``. Each is a distinct type so that a size can never be added to a price.
public protocol FixedPointDecimal: Hashable, Comparable, Codable, Sendable, CustomStringConvertible,
    LosslessStringConvertible, ExpressibleByIntegerLiteral
{
    /// The value in millionths.
    var units: Int64 { get }
    init(units: Int64)
    /// Rejects values that are not valid for this type (for example, a negative size).
    static func validate(_ units: Int64, text: String) throws(FixedPointError)
}

extension FixedPointDecimal {
    public static var zero: Self { Self(units: 0) }

    /// Parses a venue's decimal string exactly (`"0.535"`, `".48"`, `"219.217767"`).
    public init(parsing text: some StringProtocol) throws(FixedPointError) {
        let units = try FixedPoint.parseUnits(Substring(text))
        try Self.validate(units, text: String(text))
        self.init(units: units)
    }

    public init?(_ description: String) {
        guard let value = try? Self(parsing: description) else { return nil }
        self = value
    }

    /// Converts an exact `Decimal` (for example one decoded from a JSON number).
    public init(exactly decimal: Decimal) throws(FixedPointError) {
        try self.init(parsing: decimal.description)
    }

    public init(integerLiteral value: Int64) {
        self.init(units: value * FixedPoint.unitsPerWhole)
    }

    public static func validate(_ units: Int64, text: String) throws(FixedPointError) {}

    public var description: String { FixedPoint.format(units) }
    public var decimal: Decimal { Decimal(string: description)! }
    public var isZero: Bool { units == 0 }

    /// The nearest `Double`, for probability models only; never feed it back into money.
    public var approximateDouble: Double { Double(units) / Double(FixedPoint.unitsPerWhole) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.units < rhs.units }

    /// Rounds to a multiple of `increment` (a tick or a lot size).
    public func rounded(toMultipleOf increment: Self, _ rule: Rounding) -> Self {
        precondition(increment.units > 0, "rounding increment must be positive")
        let steps = FixedPoint.divide(Int128(units), Int128(increment.units), rule)
        return Self(units: Int64(steps) * increment.units)
    }

    /// Rounds to `places` decimal places (0…6).
    public func rounded(toPlaces places: Int, _ rule: Rounding) -> Self {
        precondition((0...FixedPoint.scale).contains(places), "places must be 0…6")
        var step: Int64 = 1
        for _ in 0..<(FixedPoint.scale - places) { step *= 10 }
        return rounded(toMultipleOf: Self(units: step), rule)
    }

    public func isMultiple(of increment: Self) -> Bool {
        increment.units > 0 && units % increment.units == 0
    }

    /// The number of decimal places the value actually uses.
    public var decimalPlaces: Int {
        var fraction = units.magnitude % UInt64(FixedPoint.unitsPerWhole)
        if fraction == 0 { return 0 }
        var places = FixedPoint.scale
        while fraction % 10 == 0 {
            fraction /= 10
            places -= 1
        }
        return places
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            do {
                try self.init(parsing: text.trimmingCharacters(in: .whitespaces))
            } catch {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
            }
        } else {
            let number = try container.decode(Decimal.self)
            do {
                try self.init(exactly: number)
            } catch {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
