import BigInt
import EdgewiseEthereum
import Foundation
import Testing

/// The example of the EIP-712 specification itself ("Cow" mails "Bob"), whose intermediate hashes
/// and signature the specification publishes.
@Suite("EIP-712 typed data")
struct EIP712Tests {
    static let mailJSON = """
        {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
        {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
        "Person":[{"name":"name","type":"string"},{"name":"wallet","type":"address"}],
        "Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person"},{"name":"contents","type":"string"}]},
        "primaryType":"Mail",
        "domain":{"name":"Ether Mail","version":"1","chainId":1,"verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
        "message":{"from":{"name":"Cow","wallet":"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},
        "to":{"name":"Bob","wallet":"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},"contents":"Hello, Bob!"}}
        """

    @Test func theSpecificationsMailExample() throws {
        let typed = try EIP712TypedData(json: Data(Self.mailJSON.utf8))
        #expect(try typed.types.encodeType("Mail") == "Mail(Person from,Person to,string contents)Person(string name,address wallet)")
        #expect(try typed.types.typeHash("Mail").hex == "0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2")
        #expect(typed.domain.separator.hex == "0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f")
        #expect(try typed.structHash().hex == "0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e")
        #expect(try typed.digest().hex == "0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2")

        // The specification's signer is the key keccak256("cow").
        let key = try EthereumPrivateKey(bytes: Keccak256.hash("cow").bytes)
        #expect(key.address.checksummed == "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826")
        let signature = try typed.sign(with: key)
        #expect(signature.v == 28)
        #expect(signature.r.hex == "0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d")
        #expect(signature.s.hex == "0x07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562")
    }

    @Test func theSameMessageBuiltInSwiftHashesTheSame() throws {
        let types = try EIP712Types([
            "Person": [.init("name", "string"), .init("wallet", "address")],
            "Mail": [.init("from", "Person"), .init("to", "Person"), .init("contents", "string")],
        ])
        let message: [String: EIP712Value] = [
            "from": .object(["name": .string("Cow"), "wallet": .address(try EthereumAddress("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"))]),
            "to": .object(["name": .string("Bob"), "wallet": .address(try EthereumAddress("0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"))]),
            "contents": .string("Hello, Bob!"),
        ]
        let domain = EIP712Domain(
            name: "Ether Mail", version: "1", chainID: 1,
            verifyingContract: try EthereumAddress("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"))
        let typed = EIP712TypedData(types: types, primaryType: "Mail", domain: domain, message: message)
        #expect(try typed.digest().hex == "0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2")
    }

    @Test func orderedValuesHashLikeNamedValues() throws {
        let types = try EIP712Types([
            "T": [.init("a", "uint256"), .init("b", "address"), .init("c", "uint8"), .init("d", "bytes32"), .init("e", "string")],
        ])
        let address = try EthereumAddress("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826")
        let values: [EIP712Value] = [.uint(BigUInt(2).power(200)), .address(address), .uint(7), .bytes32(Keccak256.hash("x")), .string("hi")]
        let named = Dictionary(uniqueKeysWithValues: zip(["a", "b", "c", "d", "e"], values))
        #expect(try types.hashStruct("T", orderedValues: values) == types.hashStruct("T", named))
        #expect(throws: EIP712Error.missingField(type: "T", field: "e")) { try types.hashStruct("T", orderedValues: Array(values.prefix(4))) }
        #expect(throws: EIP712Error.outOfRange(path: "T.c", type: "uint8")) {
            try types.hashStruct("T", orderedValues: [values[0], values[1], .uint(256), values[3], values[4]])
        }
    }

    @Test func arraysHashTheConcatenationOfTheirEncodedItems() throws {
        let types = try EIP712Types(["Batch": [.init("ids", "uint256[]"), .init("tags", "string[2]")]])
        let value: [String: EIP712Value] = [
            "ids": .array([.uint(1), .uint(2)]),
            "tags": .array([.string("a"), .string("b")]),
        ]
        let expected = Keccak256.hash(
            try types.typeHash("Batch").bytes
                + Keccak256.hash(ABIWord.uint(UInt64(1)) + ABIWord.uint(UInt64(2))).bytes
                + Keccak256.hash(Keccak256.hash("a").bytes + Keccak256.hash("b").bytes).bytes)
        #expect(try types.hashStruct("Batch", value) == expected)
        #expect(throws: EIP712Error.wrongArrayLength(path: "Batch.tags", expected: 2, actual: 1)) {
            try types.hashStruct("Batch", ["ids": .array([]), "tags": .array([.string("a")])])
        }
    }

    @Test func valuesThatDoNotFitTheirTypeAreErrors() throws {
        let types = try EIP712Types(["T": [.init("small", "uint8"), .init("signed", "int8"), .init("tag", "bytes4")]])
        #expect(throws: EIP712Error.outOfRange(path: "T.small", type: "uint8")) {
            try types.hashStruct("T", ["small": .uint(256), "signed": .int(-1), "tag": .bytes([1, 2, 3, 4])])
        }
        #expect(throws: EIP712Error.outOfRange(path: "T.signed", type: "int8")) {
            try types.hashStruct("T", ["small": .uint(1), "signed": .int(-129), "tag": .bytes([1, 2, 3, 4])])
        }
        #expect(throws: EIP712Error.outOfRange(path: "T.tag", type: "bytes4")) {
            try types.hashStruct("T", ["small": .uint(1), "signed": .int(-1), "tag": .bytes([1, 2, 3])])
        }
        #expect(throws: EIP712Error.missingField(type: "T", field: "tag")) {
            try types.hashStruct("T", ["small": .uint(1), "signed": .int(-1)])
        }
        #expect(throws: EIP712Error.typeMismatch(path: "T.small", expected: "uint8")) {
            try types.hashStruct("T", ["small": .string("1"), "signed": .int(-1), "tag": .bytes([1, 2, 3, 4])])
        }
        #expect(throws: EIP712Error.unknownType("Missing")) { try EIP712Types(["T": [.init("x", "Missing")]]) }
        // -1 in two's complement is all ones.
        let word = try types.encodeData("T", ["small": .uint(1), "signed": .int(-1), "tag": .bytes([1, 2, 3, 4])])
        #expect(Array(word[64..<96]) == [UInt8](repeating: 0xff, count: 32))
    }
}
