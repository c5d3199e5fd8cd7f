import EdgewiseKalshi
import Foundation

extension EdgewiseServices {
    /// Whether a Kalshi key id or key file is configured (file, or the environment).
    public var kalshiCredentialsConfigured: Bool {
        configuration.kalshi.keyID != nil || configuration.kalshi.privateKeyFile != nil
    }

    /// The request signer from `kalshi.key_id` / `EDGEWISE_KALSHI_KEY_ID` and the owner-only key
    /// file in `kalshi.private_key_file` / `EDGEWISE_KALSHI_PRIVATE_KEY_FILE`.
    public func kalshiSigner() throws(KalshiCredentialsError) -> KalshiRequestSigner {
        let settings = configuration.kalshi
        var missing: [String] = []
        if settings.keyID == nil { missing.append("\(KalshiCredentials.keyIDVariable) (or kalshi.key_id)") }
        if settings.privateKeyFile == nil { missing.append("\(KalshiCredentials.privateKeyFileVariable) (or kalshi.private_key_file)") }
        guard missing.isEmpty, let keyID = settings.keyID, let file = settings.privateKeyFile else { throw .missingVariables(missing) }
        return try KalshiCredentials.load(keyID: keyID, privateKeyFile: file.path)
    }

    /// Kalshi's REST API at the configured environment's host. Market data needs no key; with
    /// `authenticated` (portfolio and trading) a missing or unreadable key is an error here,
    /// before any request.
    public func kalshi(authenticated: Bool) throws -> KalshiClient {
        let signer: KalshiRequestSigner? = authenticated || kalshiCredentialsConfigured ? try kalshiSigner() : nil
        return KalshiClient(endpoints: configuration.kalshi.endpoints, signer: signer, configuration: httpConfiguration, logger: logger)
    }

    /// Kalshi's market-data WebSocket for `tickers`; the venue requires a signed handshake.
    public func kalshiStream(tickers: [String]) throws -> KalshiMarketStream {
        KalshiMarketStream(endpoints: configuration.kalshi.endpoints, tickers: tickers, signer: try kalshiSigner(), logger: logger)
    }
}
