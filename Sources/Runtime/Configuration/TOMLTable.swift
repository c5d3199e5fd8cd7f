import EdgewiseCore
import EdgewiseDecision
import Foundation

/// One table of the file with typed reads. Every key is checked against the table's known keys
/// up front, so a typo is an error with its line even when the key would have been optional.
struct TOMLTable {
    let name: String
    let values: [String: TOMLDocument.Value]

    init(_ name: String, in document: TOMLDocument, known: [String]) throws(ConfigurationError) {
        self.name = name
        self.values = document.tables[name] ?? [:]
        let lines = document.keyLines[name] ?? [:]
        for key in values.keys.sorted(by: { (lines[$0] ?? 0, $0) < (lines[$1] ?? 0, $1) }) where !known.contains(key) {
            throw .unknownKey(table: name, key: key, known: known, line: lines[key])
        }
    }

    func source(_ key: String) -> String { "\(name).\(key)" }

    func invalid(_ key: String, _ value: TOMLDocument.Value, expected: String) -> ConfigurationError {
        .invalidValue(source: source(key), value: Self.text(value), expected: expected)
    }

    static func text(_ value: TOMLDocument.Value) -> String {
        switch value {
        case .string(let text), .float(let text): text
        case .integer(let integer): String(integer)
        case .boolean(let flag): String(flag)
        case .array(let values): "[" + values.map(text).joined(separator: ", ") + "]"
        }
    }

    /// A number's exact text: money and prices never pass through `Double`.
    static func numberText(_ value: TOMLDocument.Value) -> String? {
        switch value {
        case .integer(let integer): String(integer)
        case .float(let text), .string(let text): text.trimmingCharacters(in: .whitespaces)
        default: nil
        }
    }

    func fixedPoint<T: FixedPointDecimal>(
        _ key: String, as: T.Type, expected: String, where valid: (T) -> Bool = { _ in true }
    ) throws(ConfigurationError) -> T? {
        guard let value = values[key] else { return nil }
        guard let text = Self.numberText(value), let parsed = try? T(parsing: text), parsed.units >= 0, valid(parsed)
        else { throw invalid(key, value, expected: expected) }
        return parsed
    }

    func amount(_ key: String, positive: Bool = false) throws(ConfigurationError) -> Amount? {
        try fixedPoint(
            key, as: Amount.self, expected: positive ? "a positive amount like 100 or \"12.5\"" : "an amount of 0 or more",
            where: { !positive || $0.units > 0 })
    }

    /// A price strictly inside (0, 1), or [0, 1) for a margin such as a slippage or an edge.
    func price(_ key: String, margin: Bool = false) throws(ConfigurationError) -> Price? {
        try fixedPoint(
            key, as: Price.self, expected: margin ? "a price from 0 to below 1, like \"0.01\"" : "a price strictly between 0 and 1, like \"0.95\"",
            where: { margin ? $0.units < FixedPoint.unitsPerWhole : $0.isInsideUnitInterval })
    }

    func size(_ key: String) throws(ConfigurationError) -> Size? {
        try fixedPoint(key, as: Size.self, expected: "a positive number of shares", where: { $0.units > 0 })
    }

    func seconds(_ key: String, allowZero: Bool = false) throws(ConfigurationError) -> Double? {
        guard let value = values[key] else { return nil }
        let seconds: Double? = switch value {
        case .integer(let integer): Double(integer)
        case .float(let text): Double(text)
        default: nil
        }
        guard let seconds, seconds.isFinite, allowZero ? seconds >= 0 : seconds > 0 else {
            throw invalid(key, value, expected: allowZero ? "a number of seconds, 0 or more" : "a positive number of seconds")
        }
        return seconds
    }

    func double(_ key: String, expected: String, where valid: (Double) -> Bool) throws(ConfigurationError) -> Double? {
        guard let value = values[key] else { return nil }
        guard let text = Self.numberText(value), let number = Double(text), number.isFinite, valid(number) else {
            throw invalid(key, value, expected: expected)
        }
        return number
    }

    func integer(_ key: String, expected: String, where valid: (Int64) -> Bool) throws(ConfigurationError) -> Int64? {
        guard let value = values[key] else { return nil }
        guard case .integer(let integer) = value, valid(integer) else { throw invalid(key, value, expected: expected) }
        return integer
    }

    func bool(_ key: String) throws(ConfigurationError) -> Bool? {
        guard let value = values[key] else { return nil }
        guard case .boolean(let flag) = value else { throw invalid(key, value, expected: "true or false") }
        return flag
    }

    func string(_ key: String, expected: String) throws(ConfigurationError) -> String? {
        guard let value = values[key] else { return nil }
        guard case .string(let text) = value, !text.isEmpty else { throw invalid(key, value, expected: expected) }
        return text
    }

    func strings(_ key: String, expected: String) throws(ConfigurationError) -> [String]? {
        guard let value = values[key] else { return nil }
        guard case .array(let items) = value else { throw invalid(key, value, expected: expected) }
        var result: [String] = []
        for item in items {
            guard case .string(let text) = item, !text.isEmpty else { throw invalid(key, value, expected: expected) }
            result.append(text)
        }
        return result
    }

    /// A ratio: `"0.5%"` as a percentage, or a plain fraction (`0.005`), from 0 to 1.
    func ratio(_ key: String) throws(ConfigurationError) -> Decimal? {
        guard let value = values[key] else { return nil }
        let expected = "a percentage like \"0.5%\" or a fraction like 0.005, from 0 to 1"
        guard var text = Self.numberText(value) else { throw invalid(key, value, expected: expected) }
        let percent = text.hasSuffix("%")
        if percent { text = String(text.dropLast()).trimmingCharacters(in: .whitespaces) }
        guard let units = try? Price(parsing: text) else { throw invalid(key, value, expected: expected) }
        let ratio = Decimal(units.units) / Decimal(FixedPoint.unitsPerWhole) / (percent ? 100 : 1)
        guard ratio <= 1 else { throw invalid(key, value, expected: expected) }
        return ratio
    }

    /// A risk cap: `"15%"` of the reference (whole basis points) or a fixed amount (`250`).
    func cap(_ key: String) throws(ConfigurationError) -> RiskCap? {
        guard let value = values[key] else { return nil }
        return try Self.cap(value, source: source(key))
    }

    static func cap(_ value: TOMLDocument.Value, source: String) throws(ConfigurationError) -> RiskCap {
        let expected = "a percentage like \"15%\" (at most two decimals) or a fixed amount like 250"
        guard let text = numberText(value) else { throw .invalidValue(source: source, value: Self.text(value), expected: expected) }
        if text.hasSuffix("%") {
            // Percent in millionths; one basis point is a hundredth of a percent.
            guard let percent = try? Price(parsing: String(text.dropLast()).trimmingCharacters(in: .whitespaces)),
                percent.units % 10_000 == 0, percent.units <= 100 * FixedPoint.unitsPerWhole
            else { throw .invalidValue(source: source, value: text, expected: expected) }
            return .fraction(basisPoints: Int(percent.units / 10_000))
        }
        guard let amount = try? Amount(parsing: text), amount.units >= 0 else {
            throw .invalidValue(source: source, value: text, expected: expected)
        }
        return .amount(amount)
    }
}
