import EdgewiseVenueKit
import Foundation

/// Where the JSON-RPC node is and how patiently to talk to it.
public struct EthereumRPCConfiguration: Sendable {
    /// The node's HTTP(S) URL. Hosted providers put an API key in it, so it is never logged or put
    /// into errors (the transport names the host only).
    public var url: URL
    /// Timeouts and the retry policy for reads. `eth_sendRawTransaction` is never retried by the
    /// transport; ``sendAttempts`` governs it.
    public var transport: HTTPTransportConfiguration
    /// How many times the same signed transaction may be submitted in total when submissions fail
    /// ambiguously (timeouts, dropped connections, 5xx), each re-send preceded by a look-up by hash.
    public var sendAttempts: Int
    /// The pause before re-sending after an ambiguous failure.
    public var sendRetryDelay: Duration
    /// The configuration key or environment variable that sets `url`, named in errors.
    public var overrideHint: String

    public init(
        url: URL, transport: HTTPTransportConfiguration = .init(requestTimeout: .seconds(10)), sendAttempts: Int = 3,
        sendRetryDelay: Duration = .milliseconds(500), overrideHint: String = "the RPC URL setting"
    ) {
        self.url = url
        self.transport = transport
        self.sendAttempts = max(1, sendAttempts)
        self.sendRetryDelay = sendRetryDelay
        self.overrideHint = overrideHint
    }
}
