import Foundation

/// A command sent to Kalshi's WebSocket. The `id` comes back in the reply, which is how a reply
/// (or an error) is matched to what caused it.
public struct KalshiStreamCommand: Hashable, Sendable, Codable {
    public enum Body: Hashable, Sendable {
        case subscribe(channels: [KalshiChannel], markets: KalshiMarketSelection, sendInitialSnapshot: Bool? = nil)
        case unsubscribe(sids: [Int])
        case listSubscriptions
        case updateSubscription(sids: [Int], marketTickers: [String], action: KalshiSubscriptionAction)
    }

    public var id: Int
    public var body: Body

    public init(id: Int, _ body: Body) {
        self.id = id
        self.body = body
    }

    /// The `cmd` value.
    public var name: String {
        switch body {
        case .subscribe: "subscribe"
        case .unsubscribe: "unsubscribe"
        case .listSubscriptions: "list_subscriptions"
        case .updateSubscription: "update_subscription"
        }
    }

    /// The frame to send.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, integers and booleans into a keyed container cannot fail.
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    enum CodingKeys: String, CodingKey {
        case id, cmd, params
    }

    enum ParamKeys: String, CodingKey {
        case channels, sids, action
        case marketTicker = "market_ticker"
        case marketTickers = "market_tickers"
        case sendInitialSnapshot = "send_initial_snapshot"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .cmd)
        switch body {
        case .subscribe(let channels, let markets, let sendInitialSnapshot):
            var params = container.nestedContainer(keyedBy: ParamKeys.self, forKey: .params)
            try params.encode(channels, forKey: .channels)
            switch markets {
            case .unscoped: break
            case .ticker(let ticker): try params.encode(ticker, forKey: .marketTicker)
            case .tickers(let tickers): try params.encode(tickers, forKey: .marketTickers)
            }
            try params.encodeIfPresent(sendInitialSnapshot, forKey: .sendInitialSnapshot)
        case .unsubscribe(let sids):
            var params = container.nestedContainer(keyedBy: ParamKeys.self, forKey: .params)
            try params.encode(sids, forKey: .sids)
        case .listSubscriptions:
            break
        case .updateSubscription(let sids, let tickers, let action):
            var params = container.nestedContainer(keyedBy: ParamKeys.self, forKey: .params)
            try params.encode(sids, forKey: .sids)
            try params.encode(tickers, forKey: .marketTickers)
            try params.encode(action, forKey: .action)
        }
    }

    /// Decoding exists so that recorded or documented commands can be read back and compared.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        let cmd = try container.decode(String.self, forKey: .cmd)
        switch cmd {
        case "list_subscriptions":
            body = .listSubscriptions
            return
        case "subscribe", "unsubscribe", "update_subscription":
            break
        default:
            throw DecodingError.dataCorruptedError(forKey: .cmd, in: container, debugDescription: "unknown command '\(cmd)'")
        }
        let params = try container.nestedContainer(keyedBy: ParamKeys.self, forKey: .params)
        switch cmd {
        case "subscribe":
            let markets: KalshiMarketSelection =
                if let tickers = try params.decodeIfPresent([String].self, forKey: .marketTickers) {
                    .tickers(tickers)
                } else if let ticker = try params.decodeIfPresent(String.self, forKey: .marketTicker) {
                    .ticker(ticker)
                } else {
                    .unscoped
                }
            body = .subscribe(
                channels: try params.decode([KalshiChannel].self, forKey: .channels), markets: markets,
                sendInitialSnapshot: try params.decodeIfPresent(Bool.self, forKey: .sendInitialSnapshot))
        case "unsubscribe":
            body = .unsubscribe(sids: try params.decode([Int].self, forKey: .sids))
        default:
            body = .updateSubscription(
                sids: try params.decode([Int].self, forKey: .sids),
                marketTickers: try params.decode([String].self, forKey: .marketTickers),
                action: try params.decode(KalshiSubscriptionAction.self, forKey: .action))
        }
    }
}
