import BigInt
import EdgewiseEthereum
import EdgewiseTestSupport
import Testing

@Suite("RLP encoding")
struct RLPTests {
    static let lorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit"

    /// The examples of the Ethereum wiki's RLP page and the yellow paper.
    static let vectors: [(String, RLPItem, String)] = [
        ("\"dog\"", .string("dog"), "83646f67"),
        ("[\"cat\",\"dog\"]", .list([.string("cat"), .string("dog")]), "c88363617483646f67"),
        ("empty string", .string(""), "80"),
        ("empty list", .list([]), "c0"),
        ("integer 0", .uint(UInt64(0)), "80"),
        ("byte 0x00", .bytes([0x00]), "00"),
        ("byte 0x0f", .bytes([0x0f]), "0f"),
        ("integer 15", .uint(UInt64(15)), "0f"),
        ("integer 1024", .uint(UInt64(1024)), "820400"),
        ("byte 0x80", .bytes([0x80]), "8180"),
        ("set-theoretic three", .list([.list([]), .list([.list([])]), .list([.list([]), .list([.list([])])])]), "c7c0c1c0c3c0c1c0"),
        ("56-byte string", .string(lorem), "b838" + Hex.encode(Array(lorem.utf8), prefix: false)),
    ]

    @Test func knownVectorsEncodeAndDecode() throws {
        for (name, item, expected) in Self.vectors {
            #expect(Hex.encode(RLP.encode(item), prefix: false) == expected, "\(name)")
            #expect(try RLP.decode(Hex.decode(expected)) == item, "\(name)")
        }
    }

    @Test func longStringsAndListsUseTheLongForm() throws {
        // 1024 bytes: 0xb9 (two length bytes) 0x0400.
        let kilobyte = [UInt8](repeating: 0x61, count: 1024)
        #expect(Array(RLP.encode(.bytes(kilobyte)).prefix(3)) == [0xb9, 0x04, 0x00])
        // A list whose payload is 4 × 20 = 80 bytes: 0xf8 0x50.
        let list = RLPItem.list(Array(repeating: .string("abcdefghijklmnopqrs"), count: 4))
        #expect(Array(RLP.encode(list).prefix(2)) == [0xf8, 80])
        #expect(try RLP.decode(RLP.encode(list)) == list)
        #expect(try RLP.decode(RLP.encode(.bytes(kilobyte))) == .bytes(kilobyte))
        // A uint256 maximum is 32 bytes.
        let max = (BigUInt(1) << 256) - 1
        #expect(try RLP.decode(RLP.encode(.uint(max))).uintValue() == max)
    }

    @Test func malformedInputGivesTypedErrors() throws {
        let cases: [(String, RLPError)] = [
            ("", .empty),
            ("83646f", .truncated(position: 0, neededBytes: 4, availableBytes: 3)),
            ("c883636174", .truncated(position: 0, neededBytes: 9, availableBytes: 5)),
            ("8000", .trailingBytes(count: 1)),
            ("8100", .nonCanonicalSingleByte(position: 0)),
            ("817f", .nonCanonicalSingleByte(position: 0)),
            ("b80561", .nonCanonicalLength(position: 0)),
            ("b90038" + String(repeating: "61", count: 56), .nonCanonicalLength(position: 0)),
            ("b8", .truncated(position: 0, neededBytes: 2, availableBytes: 1)),
            ("bfffffffffffffffff", .lengthTooLarge(position: 0)),
            ("f9ffff", .truncated(position: 0, neededBytes: 65538, availableBytes: 3)),
            // A list item that runs past the end of its list.
            ("c28363", .truncated(position: 1, neededBytes: 4, availableBytes: 2)),
        ]
        for (input, expected) in cases {
            #expect(throws: expected, "\(input)") { try RLP.decode(Hex.decode(input)) }
        }
        // [[[…[]…]]] nested n deep is c0+(n−1) … c1 c0; beyond the limit it is refused, not recursed into.
        func nested(_ depth: Int) -> [UInt8] { (0..<depth).reversed().map { 0xc0 + UInt8($0) } }
        #expect(try RLP.decode(nested(16)) != .list([]))
        #expect(throws: RLPError.tooDeep(maxDepth: 16)) { try RLP.decode(nested(17)) }
        #expect(throws: RLPError.tooDeep(maxDepth: 16)) { try RLP.decode(nested(50)) }
        #expect(throws: RLPError.self) { try RLP.decode([UInt8](repeating: 0xc1, count: 999) + [0xc0]) }
    }

    @Test func integersMustBeMinimal() {
        #expect(throws: RLPError.leadingZeroInInteger(field: "nonce")) { try RLPItem.bytes([0, 1]).uintValue("nonce") }
        #expect(throws: RLPError.integerTooLarge(field: "gas", maxBytes: 8)) { try RLPItem.bytes([UInt8](repeating: 1, count: 9)).uint64Value("gas") }
        #expect(throws: RLPError.expectedBytes(field: "to")) { try RLPItem.list([]).bytesValue("to") }
        #expect((try? RLPItem.bytes([]).uintValue()) == 0)
    }

    /// Random bytes and mutations of valid encodings: decoding either fails with an RLPError or
    /// succeeds, and then (the encoding being canonical) re-encodes to exactly the input.
    @Test func fuzzedInputNeverCrashesAndDecodesCanonically() throws {
        var random = SeededGenerator(seed: 0x5EED_0001)
        let seeds: [[UInt8]] = try Self.vectors.map { try Hex.decode($0.2) } + [
            RLP.encode(.list([.uint(UInt64(1) << 40), .bytes([UInt8](repeating: 7, count: 60)), .list([.string("x"), .list([])])])),
        ]
        var decoded = 0
        for round in 0..<20_000 {
            var input: [UInt8]
            if round % 3 == 0 {
                input = (0..<Int.random(in: 0...40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            } else {
                input = seeds[Int.random(in: 0..<seeds.count, using: &random)]
                switch Int.random(in: 0..<3, using: &random) {
                case 0 where !input.isEmpty:
                    input[Int.random(in: 0..<input.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                case 1:
                    input = Array(input.prefix(Int.random(in: 0...input.count, using: &random)))
                default:
                    input.insert(UInt8.random(in: 0...255, using: &random), at: Int.random(in: 0...input.count, using: &random))
                }
            }
            let item: RLPItem
            do { item = try RLP.decode(input) } catch { continue }
            decoded += 1
            #expect(RLP.encode(item) == input, "round \(round): \(Hex.encode(input))")
        }
        #expect(decoded > 100)
    }
}
