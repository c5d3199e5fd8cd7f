import BigInt
import EdgewiseEthereum
import EdgewiseTestSupport
import Foundation
import Testing

@Suite("ABI contract-call encoding")
struct ABITests {
    @Test func selectorsOfWellKnownFunctions() throws {
        #expect(Hex.encode(try ABI.selector("transfer(address,uint256)")) == "0xa9059cbb")
        #expect(Hex.encode(try ABI.selector("balanceOf(address)")) == "0x70a08231")
        #expect(Hex.encode(try ABI.selector("approve(address,uint256)")) == "0x095ea7b3")
        // The Solidity ABI specification's examples; `uint` is normalised to `uint256` first.
        #expect(Hex.encode(try ABI.selector("baz(uint32,bool)")) == "0xcdcd77c0")
        #expect(Hex.encode(try ABI.selector("sam(bytes,bool,uint256[])")) == "0xa5643bf2")
        #expect(Hex.encode(try ABI.selector("f(uint,uint32[],bytes10,bytes)")) == "0x8be65246")
        #expect(try ABIFunction(signature: "f(uint, uint32[] ,bytes10,bytes)").canonicalSignature == "f(uint256,uint32[],bytes10,bytes)")
    }

    @Test func erc20TransferCalldata() throws {
        let to = try EthereumAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
        let data = try ABI.encodeCall(signature: "transfer(address,uint256)", arguments: [.address(to), .uint(1_500_000)])
        #expect(data == hex(
            "a9059cbb",
            "0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
            "000000000000000000000000000000000000000000000000000000000016e360"))
    }

    /// The specification's "use of dynamic types" example, word by word.
    @Test func theSpecificationsDynamicExample() throws {
        let data = try ABI.encodeCall(
            signature: "f(uint256,uint32[],bytes10,bytes)",
            arguments: [.uint(0x123), .array([.uint(0x456), .uint(0x789)]), .fixedBytes(Array("1234567890".utf8)), .bytes(Array("Hello, world!".utf8))])
        let words = [
            "0000000000000000000000000000000000000000000000000000000000000123", // 0x123
            "0000000000000000000000000000000000000000000000000000000000000080", // offset of uint32[] = 4 × 32
            "3132333435363738393000000000000000000000000000000000000000000000", // "1234567890", right-padded
            "00000000000000000000000000000000000000000000000000000000000000e0", // offset of bytes = 4 × 32 + 3 × 32
            "0000000000000000000000000000000000000000000000000000000000000002", // array length
            "0000000000000000000000000000000000000000000000000000000000000456",
            "0000000000000000000000000000000000000000000000000000000000000789",
            "000000000000000000000000000000000000000000000000000000000000000d", // 13 bytes
            "48656c6c6f2c20776f726c642100000000000000000000000000000000000000", // "Hello, world!"
        ]
        #expect(Array(data.prefix(4)) == hex("8be65246"))
        let body = Array(data.dropFirst(4))
        #expect(body.count == 32 * words.count)
        for (index, word) in words.enumerated() {
            #expect(Array(body[32 * index..<32 * (index + 1)]) == hex(word), "word \(index)")
        }
    }

    /// The specification's `sam("dave", true, [1, 2, 3])` and `baz(69, true)` examples.
    @Test func theSpecificationsOtherExamples() throws {
        let sam = try ABI.encodeCall(
            signature: "sam(bytes,bool,uint256[])", arguments: [.bytes(Array("dave".utf8)), .bool(true), .uintArray([1, 2, 3])])
        #expect(sam == hex(
            "a5643bf2",
            "0000000000000000000000000000000000000000000000000000000000000060",
            "0000000000000000000000000000000000000000000000000000000000000001",
            "00000000000000000000000000000000000000000000000000000000000000a0",
            "0000000000000000000000000000000000000000000000000000000000000004",
            "6461766500000000000000000000000000000000000000000000000000000000",
            "0000000000000000000000000000000000000000000000000000000000000003",
            "0000000000000000000000000000000000000000000000000000000000000001",
            "0000000000000000000000000000000000000000000000000000000000000002",
            "0000000000000000000000000000000000000000000000000000000000000003"))
        let baz = try ABI.encodeCall(signature: "baz(uint32,bool)", arguments: [.uint(69), .bool(true)])
        #expect(baz == hex(
            "cdcd77c0",
            "0000000000000000000000000000000000000000000000000000000000000045",
            "0000000000000000000000000000000000000000000000000000000000000001"))
    }

    @Test func calldataDecodesBackToItsArguments() throws {
        let function = try ABIFunction(signature: "f(uint256,uint32[],bytes10,bytes,string,address,bool,int8)")
        let arguments: [ABIValue] = [
            .uint(BigUInt(1) << 255), .array([.uint(0), .uint(BigUInt(UInt32.max))]), .fixedBytes(Array("1234567890".utf8)),
            .bytes([UInt8](repeating: 0xab, count: 70)), .string("héllo"), .address(testKey.address), .bool(false), .int(-128),
        ]
        let calldata = try ABI.encodeCall(function, arguments: arguments)
        #expect(try ABI.decodeCall(function, calldata: calldata) == arguments)
        #expect(throws: ABIError.selectorMismatch(expected: "0xa9059cbb", actual: Hex.encode(function.selector))) {
            try ABI.decodeCall(ABIFunction(signature: "transfer(address,uint256)"), calldata: calldata)
        }
    }

    @Test func argumentsThatDoNotFitTheirTypesAreRefused() {
        #expect(throws: ABIError.valueOutOfRange(path: "arg0", type: "uint32")) {
            try ABI.encodeCall(signature: "baz(uint32,bool)", arguments: [.uint(BigUInt(1) << 32), .bool(true)])
        }
        #expect(throws: ABIError.valueOutOfRange(path: "arg0", type: "int8")) {
            try ABI.encodeCall(signature: "g(int8)", arguments: [.int(128)])
        }
        #expect(throws: ABIError.wrongLength(path: "arg0", expected: 10, actual: 9)) {
            try ABI.encodeCall(signature: "g(bytes10)", arguments: [.fixedBytes(Array("123456789".utf8))])
        }
        #expect(throws: ABIError.typeMismatch(path: "arg1[1]", expected: "uint256")) {
            try ABI.encodeCall(signature: "g(bool,uint256[])", arguments: [.bool(true), .array([.uint(1), .bool(true)])])
        }
        #expect(throws: ABIError.argumentCount(signature: "baz(uint32,bool)", expected: 2, actual: 1)) {
            try ABI.encodeCall(signature: "baz(uint32,bool)", arguments: [.uint(1)])
        }
        #expect(throws: ABIError.unsupportedType("uint7")) { try ABI.selector("g(uint7)") }
        #expect(throws: ABIError.unsupportedType("uint256[2]")) { try ABI.selector("g(uint256[2])") }
        #expect(throws: ABIError.invalidSignature("g(uint256,)")) { try ABI.selector("g(uint256,)") }
        #expect(throws: ABIError.invalidSignature("nothing")) { try ABI.selector("nothing") }
    }

    @Test func returnWordsDecodeStrictly() throws {
        #expect(try ABI.decodeUInt256(hex("00000000000000000000000000000000000000000000000000000000000f4240")) == 1_000_000)
        #expect(try ABI.decodeBool(ABIWord.bool(true)) == true)
        #expect(try ABI.decodeAddress(ABIWord.address(testKey.address)) == testKey.address)
        // A bool of 2, an address with dirty padding, an empty return (no such function).
        #expect(throws: ABIError.invalidWord(path: "ret0", type: "bool")) { try ABI.decodeBool(ABIWord.uint(UInt64(2))) }
        #expect(throws: ABIError.invalidWord(path: "ret0", type: "address")) { try ABI.decodeAddress([UInt8](repeating: 0xff, count: 32)) }
        #expect(throws: ABIError.truncated(path: "ret0", neededBytes: 32, availableBytes: 0)) { try ABI.decodeUInt256([]) }
    }

    @Test func hostileOffsetsAndLengthsAreRefused() {
        // An offset pointing past the end, and a length of 2^64 − 1.
        #expect(throws: ABIError.badOffset(path: "ret0")) {
            try ABI.decode([.bytes], from: ABIWord.uint(UInt64(4096)))
        }
        #expect(throws: ABIError.badOffset(path: "ret0")) {
            try ABI.decode([.array(.uint256)], from: ABIWord.uint(UInt64(32)) + ABIWord.uint(UInt64.max))
        }
        // A count that the data cannot hold.
        #expect(throws: ABIError.self) {
            try ABI.decode([.array(.uint256)], from: ABIWord.uint(UInt64(32)) + ABIWord.uint(UInt64(3)) + ABIWord.uint(UInt64(1)))
        }
        #expect(throws: ABIError.invalidWord(path: "ret0", type: "string")) {
            try ABI.decode([.string], from: ABIWord.uint(UInt64(32)) + ABIWord.uint(UInt64(1)) + ABIWord.fixedBytes([0xff]))
        }
    }

    /// Random and mutated inputs: decoding may fail, but only with an ABIError.
    @Test func decodingRandomDataNeverCrashes() throws {
        var random = SeededGenerator(seed: 0xAB1)
        let types: [ABIType] = [.uint256, .array(.uint256), .bytes, .string, .array(.bytes), .address, .bool]
        let valid = try ABI.encode(
            [.uint(7), .uintArray([1, 2]), .bytes([1, 2, 3]), .string("x"), .array([.bytes([9])]), .address(testKey.address), .bool(true)],
            as: types)
        for round in 0..<3000 {
            var data: [UInt8]
            if round % 2 == 0 {
                data = valid
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    let index = Int.random(in: 0..<data.count, using: &random)
                    data[index] = UInt8.random(in: 0...255, using: &random)
                }
                if round % 6 == 0 { data = Array(data.prefix(Int.random(in: 0...data.count, using: &random))) }
            } else {
                data = (0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...3, using: &random) == 0 ? UInt8.random(in: 0...255, using: &random) : 0 }
            }
            do { _ = try ABI.decode(types, from: data) } catch {
                // A typed error is the expected outcome for most inputs.
            }
        }
    }

    @Test func revertReasonsAreDecoded() throws {
        let reason = try ABI.encodeCall(signature: "Error(string)", arguments: [.string("result for condition not received yet")])
        #expect(Array(reason.prefix(4)) == hex("08c379a0"))
        #expect(ABIRevertReason(data: reason) == .error("result for condition not received yet"))
        let panic = try ABI.encodeCall(signature: "Panic(uint256)", arguments: [.uint(0x11)])
        #expect(ABIRevertReason(data: panic) == .panic(0x11))
        #expect(ABIRevertReason(data: []) == .empty)
        #expect(ABIRevertReason(data: hex("deadbeef")) == .custom(selector: hex("deadbeef"), data: hex("deadbeef")))
    }
}
