import EdgewiseCore
import EdgewiseVenueKit
import Foundation

/// Decodes market-channel text frames: `PONG`, one event object, or a JSON array of events.
public enum MarketChannelDecoder {
    public static func decode(_ text: String) throws(MarketChannelDecodingError) -> [MarketChannelMessage] {
        // price_change is most of the traffic: scan it directly. Anything the scanner declines or
        // finds malformed goes through JSONDecoder, which also words the error.
        var frame = text
        let fast = frame.withUTF8 { bytes in try? PriceChangeFrameScanner.deltas(bytes) }
        if let fast { return fast.map { .priceChange($0) } }
        return try decodeWithJSONDecoder(text)
    }

    /// A frame's messages, and for each `book` message with a checkable hash (keyed by its
    /// position in `messages`) whether that hash is the hash of the message as sent. The verdict
    /// needs the prices and sizes as their wire text, which the domain values no longer hold.
    public struct Frame: Sendable {
        public var messages: [MarketChannelMessage]
        public var bookHashes: [Int: BookHashVerdict]
    }

    /// ``decode(_:)`` with the hash of every `book` message checked (see ``BookHashVerdict``).
    public static func decodeFrame(_ text: String) throws(MarketChannelDecodingError) -> Frame {
        var frame = text
        let fast = frame.withUTF8 { bytes in try? PriceChangeFrameScanner.deltas(bytes) }
        if let fast { return Frame(messages: fast.map { .priceChange($0) }, bookHashes: [:]) }
        var verdicts: [Int: BookHashVerdict]? = [:]
        let messages = try decodeWithJSONDecoder(text, bookHashes: &verdicts)
        return Frame(messages: messages, bookHashes: verdicts ?? [:])
    }

    /// The general path for every frame shape; `decode` uses it for all but `price_change`.
    static func decodeWithJSONDecoder(_ text: String) throws(MarketChannelDecodingError) -> [MarketChannelMessage] {
        var unchecked: [Int: BookHashVerdict]?
        return try decodeWithJSONDecoder(text, bookHashes: &unchecked)
    }

    /// `bookHashes` nil: hashes are not checked (the check costs a SHA-1 per book).
    private static func decodeWithJSONDecoder(
        _ text: String, bookHashes: inout [Int: BookHashVerdict]?
    ) throws(MarketChannelDecodingError) -> [MarketChannelMessage] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed == "PONG" { return [.pong] }
        let data = Data(trimmed.utf8)
        let events: [WireEvent]
        do {
            switch trimmed.first {
            case "[": events = try JSONDecoder().decode([WireEvent].self, from: data)
            case "{": events = [try JSONDecoder().decode(WireEvent.self, from: data)]
            default: throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not JSON and not PONG"))
            }
        } catch {
            let (field, detail) = DecodingErrorDescription.describe(error)
            throw MarketChannelDecodingError(field: field, detail: detail, excerpt: excerpt(trimmed))
        }
        var messages: [MarketChannelMessage] = []
        for (index, event) in events.enumerated() {
            do {
                if bookHashes != nil, let verdict = event.bookHashVerdict() { bookHashes?[messages.count] = verdict }
                try event.append(to: &messages)
            } catch {
                let prefix = events.count > 1 || trimmed.first == "[" ? "[\(index)]." : ""
                throw MarketChannelDecodingError(field: prefix + error.field, detail: error.detail, excerpt: excerpt(trimmed))
            }
        }
        return messages
    }

    static func excerpt(_ text: String) -> String {
        text.count > 120 ? String(text.prefix(120)) + "…" : text
    }
}

/// Every field any market-channel event may carry; which ones are set depends on `event_type`.
struct WireEvent: Decodable {
    struct Level: Decodable {
        var price: String
        var size: String
    }

    struct Change: Decodable {
        var asset_id: String?
        var price: String
        var size: String?
        var side: String
        var hash: String?
        var best_bid: String?
        var best_ask: String?
    }

    var event_type: String?
    var asset_id: String?
    var market: String?
    var bids: [Level]?
    var asks: [Level]?
    /// Older single-asset `price_change` layout.
    var changes: [Change]?
    var price_changes: [Change]?
    var timestamp: LenientString?
    var hash: String?
    var old_tick_size: String?
    var new_tick_size: String?
    var price: String?
    var side: String?
    var size: String?
    var best_bid: String?
    var best_ask: String?
    var id: LenientString?
    var question: String?
    var slug: String?
    var assets_ids: JSONEncodedArray<String>?
    var outcomes: JSONEncodedArray<String>?
    var winning_asset_id: String?
    var winning_outcome: String?

    struct Failure: Error {
        var field: String
        var detail: String
    }

    func append(to messages: inout [MarketChannelMessage]) throws(Failure) {
        let time = PolymarketTime.parseMilliseconds(timestamp?.value)
        switch event_type {
        case "book":
            let token = try required(asset_id, "asset_id")
            let bidLevels: [BookLevel]
            let askLevels: [BookLevel]
            do {
                bidLevels = try WireLevels.parse((bids ?? []).map { ($0.price, $0.size) }, side: "bids")
                askLevels = try WireLevels.parse((asks ?? []).map { ($0.price, $0.size) }, side: "asks")
            } catch {
                throw Failure(field: error.field, detail: error.detail)
            }
            messages.append(.book(BookSnapshot(instrument: instrument(token), bids: bidLevels, asks: askLevels, venueTimestamp: time, hash: hash)))
        case "price_change":
            try appendPriceChanges(to: &messages, time: time)
        case "last_trade_price":
            let token = try required(asset_id, "asset_id")
            messages.append(.lastTrade(TradeTick(
                instrument: instrument(token), price: try parse(try required(price, "price"), "price"),
                size: try parse(size ?? "0", "size"), aggressor: side.flatMap(OrderSide.init(polymarket:)), venueTimestamp: time)))
        case "tick_size_change":
            let token = try required(asset_id, "asset_id")
            let old: Price? = try old_tick_size.map { (text) throws(Failure) in try parse(text, "old_tick_size") }
            messages.append(.tickSizeChange(TickSizeChange(
                instrument: instrument(token), oldTick: old, newTick: try parse(try required(new_tick_size, "new_tick_size"), "new_tick_size"),
                venueTimestamp: time)))
        case "best_bid_ask":
            let token = try required(asset_id, "asset_id")
            let bid = try reported(best_bid, empty: "0", "best_bid") ?? nil
            let ask = try reported(best_ask, empty: "1", "best_ask") ?? nil
            messages.append(.bestBidAsk(TopOfBook(instrument: instrument(token), bestBid: bid, bestAsk: ask, venueTimestamp: time)))
        case "new_market", "market_resolved":
            let resolved = event_type == "market_resolved"
            messages.append(.marketNotice(MarketNotice(
                kind: resolved ? .resolved : .listed, venue: .polymarket, marketID: MarketID(try required(market, "market")),
                question: question, slug: slug, tokens: (assets_ids?.elements ?? []).map(TokenID.init),
                outcomes: outcomes?.elements ?? [], winningToken: winning_asset_id.map(TokenID.init),
                winningOutcome: winning_outcome, venueTimestamp: time)))
        case let other:
            messages.append(.unknown(eventType: other ?? "<missing event_type>"))
        }
    }

    /// For a `book` event: whether its hash is the hash of the event as sent, with every value
    /// as its wire text (the fields a WebSocket book leaves out hash as `null`, as on REST).
    func bookHashVerdict() -> BookHashVerdict? {
        guard event_type == "book", let asset_id, let hash else { return nil }
        func levels(_ levels: [Level]?) -> [ClobBookSummary.Level]? {
            levels?.map { ClobBookSummary.Level(price: LenientString($0.price), size: LenientString($0.size)) }
        }
        return BookHashVerdict.check(ClobBookSummary(
            market: market, asset_id: asset_id, timestamp: timestamp, hash: hash, bids: levels(bids), asks: levels(asks),
            min_order_size: nil, tick_size: nil, neg_risk: nil, last_trade_price: nil))
    }

    /// Splits a batched `price_change` into one delta per token, in order of first appearance.
    /// The venue's best bid/ask after the batch is the last one reported for that token.
    func appendPriceChanges(to messages: inout [MarketChannelMessage], time: Timestamp?) throws(Failure) {
        let batched = price_changes != nil
        guard let entries = price_changes ?? changes else { throw Failure(field: "price_changes", detail: "required field is missing") }
        var order: [String] = []
        var deltas: [String: BookDelta] = [:]
        for (i, entry) in entries.enumerated() {
            let field = batched ? "price_changes[\(i)]" : "changes[\(i)]"
            let token = try required(entry.asset_id ?? asset_id, field + ".asset_id")
            let side: BookSide
            switch entry.side.uppercased() {
            case "BUY": side = .bid
            case "SELL": side = .ask
            default: throw Failure(field: field + ".side", detail: "'\(entry.side)' is neither BUY nor SELL")
            }
            let price: Price = try parse(entry.price, field + ".price")
            if deltas[token] == nil {
                order.append(token)
                deltas[token] = BookDelta(instrument: instrument(token), changes: [], venueTimestamp: time)
            }
            // Without a size the entry only reports new best prices; it changes no level, and the
            // reported prices still check the book (a missed change then triggers a resync).
            if let size = entry.size {
                deltas[token]!.changes.append(.set(side, price, try parse(size, field + ".size")))
            }
            if let hash = entry.hash { deltas[token]!.hash = hash }
            if let bid = try reported(entry.best_bid, empty: "0", field + ".best_bid") { deltas[token]!.reportedBestBid = .some(bid) }
            if let ask = try reported(entry.best_ask, empty: "1", field + ".best_ask") { deltas[token]!.reportedBestAsk = .some(ask) }
        }
        for token in order { messages.append(.priceChange(deltas[token]!)) }
    }

    /// A reported best price: nil when not reported, `.some(nil)` when the venue says the side is
    /// empty (it sends `0` for no bid and `1` for no ask).
    func reported(_ text: String?, empty: String, _ field: String) throws(Failure) -> Price?? {
        guard let text, !text.isEmpty else { return nil }
        let price: Price = try parse(text, field)
        if price == (try? Price(parsing: empty)) { return .some(nil) }
        return .some(price)
    }

    func instrument(_ token: String) -> InstrumentID { InstrumentID(venue: .polymarket, token: TokenID(token)) }

    func required(_ value: String?, _ field: String) throws(Failure) -> String {
        guard let value, !value.isEmpty else { throw Failure(field: field, detail: "required field is missing") }
        return value
    }

    func parse<T: FixedPointDecimal>(_ text: String, _ field: String) throws(Failure) -> T {
        do { return try T(parsing: text) } catch { throw Failure(field: field, detail: error.description) }
    }
}
