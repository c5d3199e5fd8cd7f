import EdgewiseEthereum
import EdgewisePolymarket
import EdgewiseTestSupport
import Foundation
import Testing

/// Every `clobAuth` case of polymarket-auth-vectors.json, byte for byte.
@Suite("Polymarket L1 ClobAuth vectors", .requiresSharedFixtures)
struct ClobAuthVectorTests {
    @Test func everyClobAuthCase() throws {
        let root = try SharedFixtures.venueJSON("polymarket-auth-vectors.json")
        let clobAuth = try #require(root["clobAuth"] as? [String: Any])
        let key = try EthereumPrivateKey(hex: try #require(clobAuth["privateKey"] as? String))
        #expect(try ClobAuthMessage.types.encodeType("ClobAuth") == clobAuth["typeString"] as? String)
        #expect(try ClobAuthMessage.types.typeHash("ClobAuth").hex == clobAuth["typeHash"] as? String)
        #expect(ClobAuthMessage.attestation == clobAuth["fixedMessage"] as? String)
        let cases = try #require(clobAuth["cases"] as? [[String: Any]])
        #expect(cases.count >= 3)
        for vector in cases {
            let chain = try PolymarketChain(chainID: UInt64(try #require(vector["chainId"] as? Int)))
            let timestamp = Int64(try #require(vector["timestamp"] as? Int))
            let nonce = UInt64(try #require(vector["nonce"] as? Int))
            let message = ClobAuthMessage(address: key.address, timestamp: timestamp, nonce: nonce)
            #expect(key.address.checksummed == vector["address"] as? String)
            let typed = message.typedData(chain: chain)
            #expect(typed.domain.separator.hex == vector["domainSeparator"] as? String)
            #expect(try typed.structHash().hex == vector["structHash"] as? String)
            #expect(try typed.digest().hex == vector["digest"] as? String)
            #expect(message.sign(with: key, chain: chain).hex == vector["signature"] as? String)

            let expected = try #require(vector["l1Headers"] as? [String: String])
            let headers = ClobAuthMessage.headers(key: key, chain: chain, timestamp: timestamp, nonce: nonce)
            #expect(Dictionary(uniqueKeysWithValues: headers.map { ($0.name, $0.value) }) == expected)
        }
    }
}
