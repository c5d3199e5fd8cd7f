import EdgewiseCore
import Foundation

/// One resting bid level of a Kalshi book as the wire sends it: a two-element array
/// `[price, count]`. The array shape has three generations, told apart by the field that holds
/// it: `yes_dollars_fp` / `orderbook_fp.yes_dollars` (`["0.0800", "300.00"]`), the transitional
/// `yes_dollars` (`["0.080", 300]`) and the legacy `yes` (`[8, 300]`, cents).
public struct KalshiBookLevel: Hashable, Sendable {
    public var price: Price
    public var size: Size

    public init(price: Price, size: Size) {
        self.price = price
        self.size = size
    }
}

/// How the price element of a level array is written.
enum KalshiLevelPriceForm {
    case dollars
    case cents
}

/// Decodes a `[[price, count], …]` array of one generation.
struct KalshiLevelArray: Decodable {
    var levels: [KalshiBookLevel]

    init(levels: [KalshiBookLevel]) { self.levels = levels }

    init(from decoder: any Decoder) throws {
        self.init(levels: try Self.decode(from: decoder, form: .dollars))
    }

    static func decode(from decoder: any Decoder, form: KalshiLevelPriceForm) throws -> [KalshiBookLevel] {
        var outer = try decoder.unkeyedContainer()
        var levels: [KalshiBookLevel] = []
        while !outer.isAtEnd {
            var pair = try outer.nestedUnkeyedContainer()
            let priceText = try Self.numberText(&pair)
            let countText = try Self.numberText(&pair)
            guard pair.isAtEnd else {
                throw DecodingError.dataCorruptedError(in: pair, debugDescription: "a level has more than [price, count]")
            }
            do {
                var price = try Price(parsing: priceText)
                if form == .cents {
                    guard price.decimalPlaces == 0 else {
                        throw DecodingError.dataCorruptedError(in: pair, debugDescription: "legacy price \(priceText) is not whole cents")
                    }
                    price = Price(units: price.units / 100)
                }
                let size = try Size(parsing: countText)
                guard size.units >= 0 else { throw FixedPointError.negative(text: countText) }
                guard price.isInsideUnitInterval else {
                    throw DecodingError.dataCorruptedError(in: pair, debugDescription: "price \(priceText) is outside (0, 1)")
                }
                levels.append(KalshiBookLevel(price: price, size: size))
            } catch let error as FixedPointError {
                throw DecodingError.dataCorruptedError(in: pair, debugDescription: error.description)
            }
        }
        return levels
    }

    private static func numberText(_ container: inout any UnkeyedDecodingContainer) throws -> String {
        if let text = try? container.decode(String.self) { return text }
        return try container.decode(Decimal.self).description
    }
}

/// The legacy cents form of a level array.
struct KalshiCentsLevelArray: Decodable {
    var levels: [KalshiBookLevel]
    init(from decoder: any Decoder) throws {
        levels = try KalshiLevelArray.decode(from: decoder, form: .cents)
    }
}

extension KeyedDecodingContainer {
    /// The bid levels of one side, reconciled across the generations present: the fixed-point
    /// field wins, and any older field that is present must hold the same levels.
    func kalshiLevels(_ fixedPoint: Key?, dollars: Key?, cents: Key?) throws -> [KalshiBookLevel]? {
        func sorted(_ levels: [KalshiBookLevel]) -> [KalshiBookLevel] {
            levels.sorted { $0.price < $1.price }
        }
        var chosen: (key: Key, levels: [KalshiBookLevel])?
        for key in [fixedPoint, dollars, cents].compactMap({ $0 }) {
            guard contains(key), try !decodeNil(forKey: key) else { continue }
            let levels = key.stringValue == cents?.stringValue
                ? try decode(KalshiCentsLevelArray.self, forKey: key).levels
                : try decode(KalshiLevelArray.self, forKey: key).levels
            if let chosen {
                guard sorted(chosen.levels) == sorted(levels) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: chosen.key, in: self,
                        debugDescription: "\(chosen.key.stringValue) disagrees with \(key.stringValue) (\(levels.count) levels there)")
                }
            } else {
                chosen = (key, levels)
            }
        }
        return chosen.map { sorted($0.levels) }
    }
}
