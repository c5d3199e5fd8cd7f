import BigInt
import EdgewiseCore
import EdgewiseEthereum
import EdgewisePolymarket
import EdgewiseTestSupport
import Foundation
import Testing

/// Every V2 case of polymarket-order-vectors.json, byte for byte: domain separator, struct hash,
/// digest, signature and the order JSON inside the POST body.
@Suite("Polymarket V2 order signing vectors", .requiresSharedFixtures)
struct OrderSigningVectorTests {
    static func vectors() throws -> [String: Any] {
        try SharedFixtures.venueJSON("polymarket-order-vectors.json")
    }

    struct MissingField: Error { let key: String }
    func string(_ object: [String: Any], _ key: String) throws -> String {
        guard let value = object[key] as? String else { throw MissingField(key: key) }
        return value
    }
    func int(_ object: [String: Any], _ key: String) throws -> Int {
        guard let value = object[key] as? Int else { throw MissingField(key: key) }
        return value
    }
    func uint(_ object: [String: Any], _ key: String) throws -> UInt64 {
        guard let value = UInt64(try string(object, key)) else { throw MissingField(key: key) }
        return value
    }

    static let hardhatKey = try! EthereumPrivateKey(hex: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")

    @Test func typeStringAndHashMatch() throws {
        let v2 = try #require(try Self.vectors()["v2"] as? [String: Any])
        #expect(try PolymarketOrderV2.types.encodeType("Order") == v2["typeString"] as? String)
        #expect(try PolymarketOrderV2.types.typeHash("Order").hex == v2["typeHash"] as? String)
    }

    @Test func everyGeneratedV2Case() throws {
        let v2 = try #require(try Self.vectors()["v2"] as? [String: Any])
        let cases = try #require(v2["generated"] as? [[String: Any]])
        #expect(cases.count >= 5)
        for vector in cases {
            let name = vector["name"] as? String ?? "?"
            let message = try #require(vector["message"] as? [String: Any])
            let chain = try PolymarketChain(chainID: UInt64(try int(vector, "chainId")))
            let contract = try EthereumAddress(try string(vector, "verifyingContract"))
            let negRisk = contract == chain.negRiskExchange
            #expect(negRisk || contract == chain.exchange, "\(name): unexpected exchange \(contract)")

            let signatureType = try #require(PolymarketSignatureType(rawValue: UInt8(try int(message, "signatureType"))))
            let maker = try EthereumAddress(try string(message, "maker"))
            let signer = try PolymarketOrderSigner(
                key: Self.hardhatKey, chain: chain, signatureType: signatureType, funder: maker)
            let order = try signer.order(
                tokenID: TokenID(try string(message, "tokenId")),
                side: (message["side"] as? Int) == 0 ? .buy : .sell,
                makerAmount: try uint(message, "makerAmount"),
                takerAmount: try uint(message, "takerAmount"),
                timestampMilliseconds: try uint(message, "timestamp"),
                salt: try uint(message, "salt"),
                expiration: try uint(vector, "expirationNotSigned"),
                builder: try Bytes32(hex: try string(message, "builder")),
                metadata: try Bytes32(hex: try string(message, "metadata")))
            #expect(order.signer.checksummed == message["signer"] as? String, "\(name)")

            #expect(PolymarketOrderV2.domainSeparator(chain: chain, negRisk: negRisk).hex == vector["domainSeparator"] as? String, "\(name)")
            #expect(order.structHash.hex == vector["structHash"] as? String, "\(name)")
            // The ordered fast path and the general by-name encoding agree.
            #expect(try PolymarketOrderV2.types.hashStruct("Order", order.typedMessage) == order.structHash, "\(name)")
            let signed = signer.sign(order, negRisk: negRisk)
            #expect(signed.orderHash.hex == vector["digest"] as? String, "\(name)")
            #expect(signed.signature == vector["signature"] as? String, "\(name)")

            // The order object inside the serialized POST body, byte for byte.
            let body = try string(vector, "postOrderBodySerialized")
            let prefix = "{\"order\":"
            let end = try #require(body.range(of: ",\"owner\":"))
            #expect(body.hasPrefix(prefix))
            #expect(String(body[body.index(body.startIndex, offsetBy: prefix.count)..<end.lowerBound]) == signed.json, "\(name)")
        }
    }

    @Test func officialPoly1271Wrapper() throws {
        let vector = try #require(try Self.vectors()["v2"] as? [String: Any])["officialPoly1271"] as? [String: Any]
        let official = try #require(vector)
        let message = try #require(official["order"] as? [String: Any])
        let wallet = try EthereumAddress(try string(message, "maker"))
        let key = try EthereumPrivateKey(hex: try string(official, "privateKey"))
        let signer = try PolymarketOrderSigner(key: key, chain: .amoy, signatureType: .poly1271, funder: wallet)
        let order = try signer.order(
            tokenID: "1234", side: .buy, makerAmount: 100_000_000, takerAmount: 50_000_000,
            timestampMilliseconds: 1_710_000_000_000, salt: 479_249_096_354)
        #expect(order.signer == wallet)
        let signed = signer.sign(order, negRisk: false)
        #expect(signed.signature == official["expectedSignature"] as? String)
        #expect(PolymarketOrderV2.domainSeparator(chain: .amoy, negRisk: false).hex == official["appDomainSeparator"] as? String)
    }

    /// The V1 official vector exercises the same general encoder on the legacy 12-field struct.
    @Test func legacyV1OfficialVectorsThroughTheGeneralEncoder() throws {
        let v1 = try #require(try Self.vectors()["v1"] as? [String: Any])
        for vector in try #require(v1["official"] as? [[String: Any]]) {
            let json: [String: Any] = [
                "types": [
                    "EIP712Domain": [
                        ["name": "name", "type": "string"], ["name": "version", "type": "string"],
                        ["name": "chainId", "type": "uint256"], ["name": "verifyingContract", "type": "address"],
                    ],
                    "Order": Self.fields(of: try string(v1, "typeString")),
                ],
                "primaryType": "Order", "domain": vector["domain"] ?? [:], "message": vector["message"] ?? [:],
            ]
            let typed = try EIP712TypedData(json: try JSONSerialization.data(withJSONObject: json))
            #expect(try typed.digest().hex == vector["digest"] as? String)
            #expect(try typed.sign(with: Self.hardhatKey).hex == vector["signature"] as? String)
        }
    }

    static func fields(of typeString: String) -> [[String: String]] {
        let inside = typeString.drop { $0 != "(" }.dropFirst().dropLast()
        return inside.split(separator: ",").map { member in
            let parts = member.split(separator: " ")
            return ["type": String(parts[0]), "name": String(parts[1])]
        }
    }

    @Test func contractAddressesAreTheDocumentedOnes() {
        #expect(PolymarketChain.polygon.exchange.checksummed == "0xE111180000d2663C0091e4f400237545B87B996B")
        #expect(PolymarketChain.amoy.negRiskExchange.checksummed == "0xe2222d279d744050d28e00520010520000310F59")
        #expect(PolymarketChain.polygon.conditionalTokens.checksummed == "0x4D97DCd97eC945f40cF65F87097ACe5EA0476045")
        #expect(PolymarketChain.amoy.conditionalTokens.checksummed == "0x69308FB512518e39F9b16112fA8d994F4e2Bf8bB")
        #expect(PolymarketChain.polygon.collateral.checksummed == "0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB")
    }

    @Test func misconfiguredWalletsFailBeforeSigning() throws {
        let other = try EthereumAddress("0x1234567890AbcdEF1234567890aBcdef12345678")
        #expect(throws: PolymarketSigningError.makerMustBeSigner(signatureType: .eoa, maker: other, signer: Self.hardhatKey.address)) {
            try PolymarketOrderSigner(key: Self.hardhatKey, chain: .polygon, signatureType: .eoa, funder: other)
        }
        #expect(throws: PolymarketSigningError.funderRequired(.polyGnosisSafe)) {
            try PolymarketOrderSigner(key: Self.hardhatKey, chain: .polygon, signatureType: .polyGnosisSafe)
        }
        #expect(throws: PolymarketSigningError.unsupportedChain(1)) { try PolymarketChain(chainID: 1) }
        #expect(throws: PolymarketSigningError.unknownSignatureType("magic")) { try PolymarketSignatureType(configValue: "magic") }
        let signer = try PolymarketOrderSigner(key: Self.hardhatKey, chain: .polygon)
        for bad in ["", "12a", "-1", "0x12", String(repeating: "9", count: 80)] {
            #expect(throws: PolymarketSigningError.invalidTokenID(bad)) {
                try signer.order(tokenID: TokenID(bad), side: .buy, makerAmount: 1, takerAmount: 1, timestampMilliseconds: 1, salt: 1)
            }
        }
    }
}

@Suite("V2 order struct hash")
struct OrderStructHashTests {
    /// The direct 384-byte encoding against the general by-name EIP-712 encoder, over random orders.
    @Test func theDirectEncodingMatchesTheGeneralEncoder() throws {
        var generator = SeededGenerator(seed: 0x5eed_0bde)
        let key = try EthereumPrivateKey(hex: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")
        for _ in 0..<300 {
            let funder = try EthereumAddress(bytes: (0..<20).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let type = PolymarketSignatureType.allCases.randomElement(using: &generator)!
            let signer = try PolymarketOrderSigner(key: key, chain: .polygon, signatureType: type, funder: type == .eoa ? nil : funder)
            let token = (0..<Int.random(in: 1...77, using: &generator)).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            let order = try signer.order(
                tokenID: TokenID(token), side: Bool.random(using: &generator) ? .buy : .sell,
                makerAmount: UInt64.random(in: 0...UInt64.max, using: &generator),
                takerAmount: UInt64.random(in: 0...UInt64.max, using: &generator),
                timestampMilliseconds: UInt64.random(in: 0...UInt64.max, using: &generator),
                salt: UInt64.random(in: 0...UInt64.max, using: &generator),
                builder: try Bytes32((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }),
                metadata: try Bytes32((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }))
            #expect(order.structHash == (try PolymarketOrderV2.types.hashStruct("Order", order.typedMessage)), "\(order)")
        }
    }
}
