import EdgewiseManifold
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Logging
import Synchronization

/// Transport settings that make a full retry budget take milliseconds.
let fastTransport = HTTPTransportConfiguration(
    requestTimeout: .seconds(5),
    retry: RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(20), maxRetryAfter: .seconds(5)))

/// A logger that keeps expected warnings (malformed frames in tests) out of the test output.
let quietLogger: Logger = {
    var logger = Logger(label: "test.manifold")
    logger.logLevel = .critical
    return logger
}()

/// A key that is easy to find if it ever leaks into a message.
let testKey = ManifoldAPIKey("sekrit-key-0123456789abcdef")

func client(_ server: LoopbackServer, key: ManifoldAPIKey? = testKey) -> ManifoldClient {
    ManifoldClient(baseURL: server.baseURL, apiKey: key, configuration: fastTransport, logger: quietLogger)
}




extension LoopbackRequest {
    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }

    var jsonObject: NSDictionary? { try? JSONSerialization.jsonObject(with: body) as? NSDictionary }
}

/// A bet as the venue lists it, with the fields the tests vary.
func betJSON(
    id: String, contractId: String = "c1", outcome: String = "YES", limitProb: Double? = nil, orderAmount: Double? = nil,
    amount: Double = 0, isFilled: Bool = false, isCancelled: Bool = false, answerId: String? = nil, expiresAt: Int64? = nil
) -> String {
    var fields = [
        #""id":"\#(id)""#, #""contractId":"\#(contractId)""#, #""outcome":"\#(outcome)""#, #""amount":\#(amount)"#,
        #""isFilled":\#(isFilled)"#, #""isCancelled":\#(isCancelled)"#, #""createdTime":1700000000000"#,
    ]
    if let limitProb { fields.append(#""limitProb":\#(limitProb)"#) }
    if let orderAmount { fields.append(#""orderAmount":\#(orderAmount)"#) }
    if let answerId { fields.append(#""answerId":"\#(answerId)""#) }
    if let expiresAt { fields.append(#""expiresAt":\#(expiresAt)"#) }
    return "{" + fields.joined(separator: ",") + "}"
}
