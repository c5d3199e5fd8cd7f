import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import Foundation
import Testing

@Suite("POST /order envelope")
struct OrderEnvelopeTests {
    struct EnvelopeCase: Sendable, CustomTestStringConvertible {
        var name: String
        var serialized: String
        var owner: String
        var tokenID: String
        var testDescription: String { name }
    }

    static func vectors() throws -> [EnvelopeCase] {
        guard SharedFixtures.shouldRun else { return [] }
        let v2 = try #require(try Fixtures.json("polymarket-order-vectors.json")["v2"] as? [String: Any])
        let generated = try #require(v2["generated"] as? [[String: Any]])
        return generated.map { vector in
            let body = vector["postOrderBody"] as! [String: Any]
            let order = body["order"] as! [String: Any]
            return EnvelopeCase(
                name: vector["name"] as! String, serialized: vector["postOrderBodySerialized"] as! String, owner: body["owner"] as! String,
                tokenID: order["tokenId"] as! String)
        }
    }

    /// The inner `order` object as it appears in the serialized body (between `{"order":` and
    /// `,"owner":`), so the envelope is tested around the exact signed bytes.
    static func innerOrder(_ serialized: String) throws -> String {
        let prefix = #"{"order":"#
        let start = try #require(serialized.range(of: prefix)).upperBound
        let end = try #require(serialized.range(of: #","owner":"#, options: .backwards)).lowerBound
        return String(serialized[start..<end])
    }

    @Test(.requiresSharedFixtures) func allV2VectorsAreUsed() throws {
        #expect(try Self.vectors().count == 5)
    }

    @Test("reproduces postOrderBodySerialized byte for byte", .requiresSharedFixtures, arguments: try vectors())
    func reproducesOfficialBody(_ vector: EnvelopeCase) throws {
        let submission = PolymarketOrderSubmission(
            orderHash: "0x" + String(repeating: "0", count: 64), tokenID: TokenID(vector.tokenID),
            orderJSON: try Self.innerOrder(vector.serialized), orderType: .gtc)
        #expect(try PolymarketOrderEnvelope.json(submission, owner: vector.owner) == vector.serialized)
    }

    @Test func flagsAndOrderTypeAreWrittenInPlace() throws {
        let submission = TradingFixtures.submission(.gtd, postOnly: true, deferExec: true)
        let json = try PolymarketOrderEnvelope.json(submission, owner: "owner-1")
        #expect(json.hasSuffix(#","owner":"owner-1","orderType":"GTD","deferExec":true,"postOnly":true}"#))
        #expect(json.hasPrefix(#"{"order":"# + submission.orderJSON + ","))
    }

    @Test("post-only is refused for orders that cannot rest", arguments: [PolymarketOrderType.fok, .fak])
    func postOnlyNeedsARestingType(type: PolymarketOrderType) {
        #expect {
            try PolymarketOrderEnvelope.json(TradingFixtures.submission(type, postOnly: true), owner: "o")
        } throws: { error in
            guard case .invalidSubmission(let detail) = error as? PolymarketTradingError else { return false }
            return detail.contains("postOnly")
        }
    }

    @Test func batchLimitIsFifteen() throws {
        let fifteen = (1...15).map { TradingFixtures.submission(hash: TradingFixtures.hash($0)) }
        let json = try PolymarketOrderEnvelope.batchJSON(fifteen, owner: "o")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(array.count == 15)
        #expect {
            try PolymarketOrderEnvelope.batchJSON(fifteen + [TradingFixtures.submission(hash: TradingFixtures.hash(16))], owner: "o")
        } throws: { error in
            guard case .batchTooLarge(16, 15) = error as? PolymarketTradingError else { return false }
            return true
        }
    }

    @Test func inconsistentSubmissionsAreRefusedBeforeSending() {
        var wrongToken = TradingFixtures.submission()
        wrongToken.tokenID = "123"
        var badHash = TradingFixtures.submission()
        badHash.orderHash = "0x1234"
        var notJSON = TradingFixtures.submission()
        notJSON.orderJSON = "salt=1"
        for submission in [wrongToken, badHash, notJSON] {
            #expect(throws: PolymarketTradingError.self) { try PolymarketOrderEnvelope.json(submission, owner: "o") }
        }
    }
}
