import Foundation
import Testing

@testable import EdgewiseCore

@Suite("Fixed-point money")
struct FixedPointTests {
    @Test("parses venue decimal strings exactly", arguments: [
        ("0.535", 535_000), (".48", 480_000), ("100", 100_000_000), ("219.217767", 219_217_767),
        ("0.0001", 100), ("5.", 5_000_000), ("0.5000000", 500_000), ("+1.25", 1_250_000),
    ] as [(String, Int64)])
    func parses(text: String, units: Int64) throws {
        #expect(try Price(parsing: text).units == units)
    }

    @Test("rejects what cannot be held exactly or is not a number")
    func rejects() throws {
        #expect(throws: FixedPointError.tooManyDecimals(text: "0.1234567", allowed: 6)) { try Price(parsing: "0.1234567") }
        #expect(throws: FixedPointError.invalidCharacter(text: "1e-3")) { try Price(parsing: "1e-3") }
        #expect(throws: FixedPointError.invalidCharacter(text: "abc")) { try Size(parsing: "abc") }
        #expect(throws: FixedPointError.invalidCharacter(text: "1.2.3")) { try Size(parsing: "1.2.3") }
        #expect(throws: FixedPointError.empty) { try Size(parsing: "") }
        #expect(throws: FixedPointError.invalidCharacter(text: ".")) { try Size(parsing: ".") }
        #expect(throws: FixedPointError.negative(text: "-0.5")) { try Price(parsing: "-0.5") }
        #expect(throws: FixedPointError.overflow(text: "99999999999999999999")) { try Amount(parsing: "99999999999999999999") }
        #expect(try Amount(parsing: "-12.5").units == -12_500_000)
    }

    @Test("formats the shortest exact decimal")
    func formats() throws {
        #expect(Price(units: 500_000).description == "0.5")
        #expect(Size(units: 100_000_000).description == "100")
        #expect(Amount(units: -1_230_000).description == "-1.23")
        #expect(Size(units: 219_217_767).description == "219.217767")
        #expect(Price(units: 1).description == "0.000001")
        for text in ["0.535", "12.000001", "7", "0.1"] {
            #expect(try Price(parsing: text).description == text)
        }
    }

    @Test("rounds to a tick by each rule")
    func tickRounding() throws {
        let tick = try Price(parsing: "0.01")
        let price = try Price(parsing: "0.575")
        #expect(price.rounded(toMultipleOf: tick, .down) == (try Price(parsing: "0.57")))
        #expect(price.rounded(toMultipleOf: tick, .up) == (try Price(parsing: "0.58")))
        #expect(price.rounded(toMultipleOf: tick, .halfUp) == (try Price(parsing: "0.58")))
        #expect(try Price(parsing: "0.574").rounded(toMultipleOf: tick, .halfUp) == (try Price(parsing: "0.57")))
        let quarterTick = try Price(parsing: "0.0025")
        #expect(try Price(parsing: "0.5013").rounded(toMultipleOf: quarterTick, .down) == (try Price(parsing: "0.5")))
        #expect(try Price(parsing: "0.5013").rounded(toMultipleOf: quarterTick, .up) == (try Price(parsing: "0.5025")))
        #expect(try Price(parsing: "0.57").isValid(tick: tick))
        #expect(!(try Price(parsing: "0.575").isValid(tick: tick)))
        #expect(!(try Price(parsing: "0.99").isValid(tick: try Price(parsing: "0.1"))))
        #expect(!(Price.zero.isValid(tick: tick)))
        #expect(try Size(parsing: "12.349").rounded(toPlaces: 2, .down) == (try Size(parsing: "12.34")))
        #expect(try Amount(parsing: "-1.005").rounded(toPlaces: 2, .halfUp) == (try Amount(parsing: "-1.01")))
        #expect(try Amount(parsing: "-1.005").rounded(toPlaces: 2, .towardZero) == (try Amount(parsing: "-1")))
    }

    @Test("multiplies and divides exactly")
    func arithmetic() throws {
        let price = try Price(parsing: "0.57")
        #expect(price.cost(of: try Size(parsing: "10")) == (try Amount(parsing: "5.7")))
        // 1 / 0.57 = 1.754385…: the TypeScript client's market BUY expectation truncates to 1.7543 at 4 places.
        let shares = Amount(1).shares(at: price, .down)
        #expect(shares.rounded(toPlaces: 4, .down) == (try Size(parsing: "1.7543")))
        #expect(try Amount(parsing: "5.7").perShare(try Size(parsing: "10")) == price)
        #expect(price.complement == (try Price(parsing: "0.43")))
        // 0.333333 × 3 has an exact product; rounding only happens at the sixth place.
        #expect(try Price(parsing: "0.333333").cost(of: try Size(parsing: "0.5"), .halfUp) == (try Amount(parsing: "0.166667")))
        #expect(try Price(parsing: "0.333333").cost(of: try Size(parsing: "0.5"), .down) == (try Amount(parsing: "0.166666")))
    }

    @Test("division takes a 64-bit shortcut that rounds exactly as the 128-bit path")
    func divisionShortcut() {
        // The 128-bit division as it was before the shortcut: the specification.
        func reference(_ numerator: Int128, _ denominator: Int128, _ rule: Rounding) -> Int128 {
            let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
            if remainder == 0 { return quotient }
            let positive = (numerator < 0) == (denominator < 0)
            switch rule {
            case .towardZero: return quotient
            case .down: return positive ? quotient : quotient - 1
            case .up: return positive ? quotient + 1 : quotient
            case .halfUp:
                if remainder.magnitude * 2 >= denominator.magnitude { return positive ? quotient + 1 : quotient - 1 }
                return quotient
            }
        }
        var numerators: [Int128] = [0, 1, -1, 5, -5, 7, -7, 999_999, 1_000_000, -1_500_000, 2_500_000,
            Int128(Int64.max), Int128(Int64.min), Int128(Int64.max) + 1, Int128(Int64.min) - 1, Int128(Int64.max) * 3]
        var state: UInt64 = 0x5eed
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let value = Int128(Int64(bitPattern: state)) >> Int((state >> 58) % 50)
            numerators.append(state & 1 == 0 ? value : value * 1_000_003)
        }
        let denominators: [Int128] = [1, -1, 2, -2, 3, 7, -7, 1_000_000, -1_000_000, Int128(Int64.max), Int128(Int64.min),
            Int128(Int64.max) + 5]
        for numerator in numerators {
            for denominator in denominators {
                for rule in Rounding.allCases {
                    #expect(FixedPoint.divide(numerator, denominator, rule) == reference(numerator, denominator, rule))
                }
            }
        }
    }

    @Test("decodes from JSON strings and numbers without floating point")
    func codable() throws {
        struct Wrapper: Codable { var a: Price; var b: Size; var c: Amount }
        let json = Data(#"{"a":"0.001","b":0.001,"c":"-3.5"}"#.utf8)
        let value = try JSONDecoder().decode(Wrapper.self, from: json)
        #expect(value.a.units == 1000)
        #expect(value.b.units == 1000)
        #expect(value.c.units == -3_500_000)
        let encoded = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        #expect(encoded.contains(#""a":"0.001""#))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Wrapper.self, from: Data(#"{"a":"x","b":1,"c":1}"#.utf8)) }
    }

    @Test("the hot-path byte parser agrees with the string parser")
    func byteParser() {
        for text in ["0.5", ".48", "219.217767", "0", "10", "1.0000001", "", "-", "1e5", "0.1234567"] {
            var bytes = Array(text.utf8)
            let fast = bytes.withUnsafeMutableBufferPointer { FixedPoint.parseUnits(UnsafeBufferPointer($0)) }
            let slow = try? FixedPoint.parseUnits(Substring(text))
            #expect(fast == slow, "\(text)")
        }
    }
}
