import EdgewiseEthereum
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Logging

/// An RPC client for a loopback node with short timeouts and a millisecond retry budget.
func testRPC(_ server: LoopbackServer, requestTimeout: Duration = .seconds(5), sendAttempts: Int = 3) -> EthereumRPCClient {
    EthereumRPCClient(configuration: EthereumRPCConfiguration(
        url: server.baseURL.appendingPathComponent("rpc"),
        transport: HTTPTransportConfiguration(
            requestTimeout: requestTimeout,
            retry: RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(20), maxRetryAfter: .seconds(2))),
        sendAttempts: sendAttempts, sendRetryDelay: .milliseconds(10), overrideHint: "EDGEWISE_TEST_RPC_URL"),
        logger: quietLogger)
}

/// Keeps the expected warnings (ambiguous sends, nonce retries) out of the test output.
let quietLogger: Logger = {
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    return logger
}()
