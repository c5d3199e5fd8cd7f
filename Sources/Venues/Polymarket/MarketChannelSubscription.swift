import EdgewiseCore
import Foundation

/// The JSON texts that (un)subscribe tokens on the market channel.
public enum MarketChannelSubscription {
    /// Sent right after connecting: every token, with the initial book dump and the custom
    /// events (`best_bid_ask`, `new_market`, `market_resolved`).
    public static func initial(_ tokens: [TokenID], initialDump: Bool = true, customFeatures: Bool = true) -> String {
        "{\"assets_ids\":\(list(tokens)),\"type\":\"market\",\"initial_dump\":\(initialDump),\"custom_feature_enabled\":\(customFeatures)}"
    }

    /// Changes the subscription of a live connection.
    public static func subscribe(_ tokens: [TokenID]) -> String {
        "{\"assets_ids\":\(list(tokens)),\"operation\":\"subscribe\"}"
    }

    public static func unsubscribe(_ tokens: [TokenID]) -> String {
        "{\"assets_ids\":\(list(tokens)),\"operation\":\"unsubscribe\"}"
    }

    static func list(_ tokens: [TokenID]) -> String {
        let data = (try? JSONEncoder().encode(tokens.map(\.rawValue))) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
