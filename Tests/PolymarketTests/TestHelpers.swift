import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Logging
import Synchronization

/// Transport settings that make a full retry budget take milliseconds.
let fastTransport = HTTPTransportConfiguration(
    requestTimeout: .seconds(5),
    retry: RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(20), maxRetryAfter: .seconds(5)))



extension MarketStreamUpdate {
    var snapshot: BookSnapshot? {
        if case .event(let received) = self, case .bookSnapshot(let snapshot) = received.event { return snapshot }
        return nil
    }

    var delta: BookDelta? {
        if case .event(let received) = self, case .bookDelta(let delta) = received.event { return delta }
        return nil
    }

    var resyncReason: String? {
        if case .resynced(_, let reason) = self { return reason }
        return nil
    }

    var connectionState: WebSocketConnectionState? {
        if case .connection(let state) = self { return state }
        return nil
    }

    var problem: MarketStreamProblem? {
        if case .problem(let problem) = self { return problem }
        return nil
    }
}

/// The REST book sample re-addressed to whichever token was asked for, with chosen levels. Its
/// hash is the sample's illustrative one (which our recipe does not reproduce) unless
/// `validHash`, which replaces it with the hash of the book as sent.
func restBook(
    token: String, bids: [(String, String)] = [("0.5", "100")], asks: [(String, String)] = [("0.6", "40")], validHash: Bool = false
) throws -> LoopbackResponse {
    var object = try Fixtures.json("polymarket-clob-rest-samples.json")["GET /book?token_id=..."] as! [String: Any]
    object["asset_id"] = token
    object["bids"] = bids.map { ["price": $0.0, "size": $0.1] }
    object["asks"] = asks.map { ["price": $0.0, "size": $0.1] }
    if validHash { object["hash"] = try ownHash(of: object) }
    return .json(try SharedFixtures.jsonData(object))
}

/// The hash a book summary (REST or WebSocket `book` message) should carry for its content.
func ownHash(of object: [String: Any]) throws -> String {
    OrderBookHash.hash(of: try JSONDecoder().decode(ClobBookSummary.self, from: SharedFixtures.jsonData(object)))
}

/// A logger that keeps expected warnings (malformed frames in tests) out of the test output.
let quietLogger: Logger = {
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    return logger
}()
