import EdgewiseCore
import Foundation

/// The frame that authenticates a user-channel connection and names the markets to report:
/// `{"auth":{"apiKey","secret","passphrase"},"markets":[conditionIds],"type":"user"}`.
///
/// This is the only place the secret and the passphrase are ever written out. The text goes
/// straight to the socket; nothing may log, record or embed it in an error.
public enum UserChannelSubscription {
    /// - Parameter markets: condition ids; empty asks for every market of the key.
    public static func message(credentials: PolymarketAPICredentials, markets: [MarketID]) -> String {
        let frame = Frame(
            auth: .init(apiKey: credentials.apiKey, secret: credentials.secret, passphrase: credentials.passphrase),
            markets: markets.map(\.rawValue), type: "user")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings and arrays of strings cannot fail.
        return String(decoding: (try? encoder.encode(frame)) ?? Data(), as: UTF8.self)
    }

    struct Frame: Encodable {
        struct Auth: Encodable {
            var apiKey: String
            var secret: String
            var passphrase: String
        }

        var auth: Auth
        var markets: [String]
        var type: String
    }
}
