import EdgewiseCore
import EdgewiseTestSupport
import Foundation
import Testing

@testable import EdgewisePolymarket

@Suite("price_change fast path")
struct PriceChangeFastPathTests {
    let token = TokenID("65818619657568813474341868652308942079804919287380422192892211131408793125422")
    func p(_ text: String) -> Price { try! Price(parsing: text) }
    func s(_ text: String) -> Size { try! Size(parsing: text) }

    func books(bids: [(String, String)] = [("0.48", "30"), ("0.49", "20")], asks: [(String, String)] = [("0.52", "25")]) -> PolymarketBookSet {
        var set = PolymarketBookSet()
        try! set.apply(BookSnapshot(
            instrument: InstrumentID(venue: .polymarket, token: token),
            bids: bids.map { BookLevel(price: p($0.0), size: s($0.1)) },
            asks: asks.map { BookLevel(price: p($0.0), size: s($0.1)) }), receivedAt: Timestamp(nanoseconds: 0))
        return set
    }

    func apply(_ json: String, to set: inout PolymarketBookSet) throws(PriceChangeFastPath.FrameError) -> PriceChangeFastPath.Outcome {
        let bytes = Array(json.utf8)
        var outcome: PriceChangeFastPath.Outcome?
        var failure: PriceChangeFastPath.FrameError?
        bytes.withUnsafeBufferPointer { buffer in
            do throws(PriceChangeFastPath.FrameError) {
                outcome = try PriceChangeFastPath().apply(buffer, to: &set, receivedAt: Timestamp(nanoseconds: 99))
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return outcome!
    }

    @Test("applies the documented price_change sample", .requiresSharedFixtures)
    func fixture() throws {
        let samples = try SharedFixtures.venueJSON("polymarket-ws-market-samples.json")
        let event = try #require((samples["events"] as? [String: Any])?["price_change"])
        let json = String(decoding: try SharedFixtures.jsonData(event), as: UTF8.self)
        var set = books(bids: [("0.4", "10")], asks: [])
        let outcome = try apply(json, to: &set)
        #expect(outcome.handled)
        #expect(outcome.changesApplied == 1)
        #expect(outcome.inconsistentSlots.isEmpty)
        let book = try #require(set.book(for: token))
        #expect(book.bestBid == BookLevel(price: p("0.5"), size: s("200")))
        #expect(book.bestAsk == nil)  // best_ask "1" is the venue's way of saying "no asks"
        #expect(book.venueTimestamp == Timestamp(milliseconds: 1_757_908_892_351))
        #expect(book.receivedAt == Timestamp(nanoseconds: 99))
    }

    @Test("sets, removes and batches levels across assets in any key order")
    func batches() throws {
        var set = books()
        let other = TokenID("1234")
        set.add(other)
        let outcome = try apply("""
            { "event_type" : "price_change", "timestamp":"5", "market":"0xm", "price_changes" : [
              {"side":"BUY","price":"0.49","size":"0","asset_id":"\(token)","best_bid":"0.48","best_ask":"0.52"},
              {"asset_id":"\(token)","price":"0.51","size":"7.5","side":"SELL","best_bid":"0.48","best_ask":"0.51","extra":{"nested":[1,2,{"a":"]"}]}},
              {"asset_id":"999","price":"0.5","size":"1","side":"BUY"},
              {"asset_id":"1234","price":"0.5","size":"1","side":"BUY"}
            ]}
            """, to: &set)
        #expect(outcome.changesApplied == 2)
        #expect(outcome.unknownAssets == 1)
        // "1234" has a book slot but no snapshot yet: not applied, flagged for a resync.
        #expect(Array(outcome.inconsistentSlots) == [set.slot(for: other)!])
        let book = try #require(set.book(for: token))
        #expect(book.levels(.bid).map(\.price) == [p("0.48")])
        #expect(book.bestAsk == BookLevel(price: p("0.51"), size: s("7.5")))
        #expect(book.isSynchronized)
    }

    @Test("a reported best price that disagrees marks the book for resync")
    func mismatch() throws {
        var set = books()
        let outcome = try apply("""
            {"event_type":"price_change","price_changes":[{"asset_id":"\(token)","price":"0.47","size":"5","side":"BUY","best_bid":"0.50","best_ask":"0.52"}]}
            """, to: &set)
        #expect(Array(outcome.inconsistentSlots) == [0])
        #expect(set.book(for: token)?.isSynchronized == false)
        // Later changes for an unsynchronized book are not applied on top of the gap.
        let next = try apply("""
            {"event_type":"price_change","price_changes":[{"asset_id":"\(token)","price":"0.46","size":"5","side":"BUY"}]}
            """, to: &set)
        #expect(next.changesApplied == 0)
        #expect(set.book(for: token)?.size(at: p("0.46"), side: .bid) == .zero)
    }

    @Test("other messages are declined for the general decoder")
    func declines() throws {
        var set = books()
        #expect(try apply(#"{"event_type":"book","asset_id":"1","bids":[],"asks":[]}"#, to: &set) == .notPriceChange)
        #expect(try apply(#"[{"event_type":"price_change","price_changes":[]}]"#, to: &set) == .notPriceChange)
        #expect(try apply("PONG", to: &set) == .notPriceChange)
        #expect(try apply("{}", to: &set) == .notPriceChange)
    }

    @Test("malformed frames are errors, and a half-applied frame leaves the book unsynchronized", arguments: [
        #"{"event_type":"price_change","price_changes":[{"asset_id":"TOKEN","price":"0.5","size":"1","side":"BUY"}"#,
        #"{"event_type":"price_change","price_changes":[{"asset_id":"TOKEN","price":"x","size":"1","side":"BUY"}]}"#,
        #"{"event_type":"price_change","price_changes":[{"asset_id":"TOKEN","price":"0.5","size":"1e3","side":"BUY"}]}"#,
        #"{"event_type":"price_change","price_changes":[{"asset_id":"TOKEN","price":"0.5","size":"1","side":"HOLD"}]}"#,
        #"{"event_type":"price_change","price_changes":[{"price":"0.5","size":"1","side":"BUY"}]}"#,
        #"{"event_type":"price_change","price_changes":{"asset_id":"TOKEN"}}"#,
        #"{"event_type":"price_change","price_changes":[{"asset_id":TOKEN,"price":"0.5","size":"1","side":"BUY"}]}"#,
    ])
    func malformed(frame: String) throws {
        var set = books()
        let before = try #require(set.book(for: token))
        #expect(throws: PriceChangeFastPath.FrameError.self) {
            try apply(frame.replacingOccurrences(of: "TOKEN", with: token.rawValue), to: &set)
        }
        let after = try #require(set.book(for: token))
        #expect(!after.isSynchronized || (after.bids == before.bids && after.asks == before.asks))
    }

    @Test("a bad number invalidates the book it was meant for")
    func badNumberInvalidates() {
        var set = books()
        #expect(throws: PriceChangeFastPath.FrameError.self) {
            try apply(#"{"price_changes":[{"asset_id":"\#(token)","price":"0.5","size":"-1","side":"BUY"}]}"#, to: &set)
        }
        #expect(set.book(for: token)?.isSynchronized == false)
    }

    @Test("changes older than the book's snapshot are skipped until a newer one arrives")
    func snapshotGate() throws {
        var set = PolymarketBookSet()
        try set.apply(BookSnapshot(
            instrument: InstrumentID(venue: .polymarket, token: token), bids: [BookLevel(price: p("0.5"), size: s("100"))], asks: [],
            venueTimestamp: Timestamp(milliseconds: 1000)), receivedAt: Timestamp(nanoseconds: 0))
        func change(_ size: String, at milliseconds: Int) -> String {
            // The timestamp after the changes, as the venue sends it: the gate needs it first.
            #"{"price_changes":[{"asset_id":"\#(token)","price":"0.5","size":"\#(size)","side":"BUY"}],"timestamp":"\#(milliseconds)","event_type":"price_change"}"#
        }
        let stale = try apply(change("1", at: 999), to: &set)
        #expect(Array(stale.staleSlots) == [0])
        #expect(stale.changesApplied == 0 && stale.inconsistentSlots.isEmpty)
        #expect(set.book(for: token)?.size(at: p("0.5"), side: .bid) == s("100"))
        let fresh = try apply(change("7", at: 1000), to: &set)
        #expect(fresh.staleSlots.isEmpty && fresh.changesApplied == 1)
        #expect(set.book(for: token)?.size(at: p("0.5"), side: .bid) == s("7"))
        // The feed is in venue order: once the book has caught up, no change is held back.
        #expect(set.openGates == 0)
        #expect(try apply(change("8", at: 998), to: &set).changesApplied == 1)
    }

    @Test("the fast path matches plain book updates on a long random stream")
    func randomStream() throws {
        var generator = SeededGenerator(seed: 7)
        var set = books(bids: [], asks: [])
        var reference = OrderBook(snapshot: BookSnapshot(instrument: InstrumentID(venue: .polymarket, token: token), bids: [], asks: []))
        for _ in 0..<5000 {
            let isBid = generator.next() % 2 == 0
            // Bids below 0.5 and asks above keep the book uncrossed.
            let tick = Int64(generator.next() % 49 + 1)
            let price = Price(units: (isBid ? tick : 50 + tick) * 10_000)
            let size = generator.next() % 3 == 0 ? Size.zero : Size(units: Int64(generator.next() % 100_000) * 1_000)
            reference.set(isBid ? .bid : .ask, price, size)
            let bid = reference.bestBid.map { $0.price.description } ?? "0"
            let ask = reference.bestAsk.map { $0.price.description } ?? "1"
            let outcome = try apply("""
                {"market":"0xm","price_changes":[{"asset_id":"\(token)","price":"\(price)","size":"\(size)","side":"\(isBid ? "BUY" : "SELL")","best_bid":"\(bid)","best_ask":"\(ask)"}],"timestamp":"1","event_type":"price_change"}
                """, to: &set)
            #expect(outcome.inconsistentSlots.isEmpty)
        }
        let book = try #require(set.book(for: token))
        #expect(book.bids == reference.bids)
        #expect(book.asks == reference.asks)
    }
}

extension PriceChangeFastPathTests {
    func deltas(_ messages: [MarketChannelMessage]) -> [BookDelta] {
        messages.compactMap { if case .priceChange(let delta) = $0 { return delta } else { return nil } }
    }

    @Test("the scanner decodes price_change exactly as JSONDecoder does", .requiresSharedFixtures)
    func decoderAgreement() throws {
        let samples = try SharedFixtures.venueJSON("polymarket-ws-market-samples.json")
        let sample = String(decoding: try SharedFixtures.jsonData((samples["events"] as! [String: Any])["price_change"]!), as: UTF8.self)
        var frames = [sample]
        var generator = SeededGenerator(seed: 11)
        let tokens = ["1", token.rawValue, "998877665544332211009988776655443322110"]
        for index in 0..<500 {
            var entries: [String] = []
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                var fields = [
                    #""asset_id":"\#(tokens[Int(generator.next() % 3)])""#,
                    #""price":"0.\#(generator.next() % 99 + 1)""#,
                    #""side":"\#(generator.next() % 2 == 0 ? "BUY" : "SELL")""#,
                ]
                if generator.next() % 5 != 0 { fields.append(#""size":"\#(generator.next() % 10_000).\#(generator.next() % 100)""#) }
                if generator.next() % 2 == 0 { fields.append(#""hash":"h\#(index)""#) }
                if generator.next() % 2 == 0 { fields.append(#""best_bid":"\#(["0", "0.4", ""][Int(generator.next() % 3)])""#) }
                if generator.next() % 2 == 0 { fields.append(#""best_ask":"\#(["1", "0.6", ""][Int(generator.next() % 3)])""#) }
                fields.shuffle(using: &generator)
                entries.append("{" + fields.joined(separator: ",") + "}")
            }
            frames.append(#"{"event_type":"price_change","market":"0xm","price_changes":[\#(entries.joined(separator: ","))],"timestamp":"\#(1_700_000_000_000 + index)"}"#)
        }
        for frame in frames {
            let fast = try MarketChannelDecoder.decode(frame)
            let general = try MarketChannelDecoder.decodeWithJSONDecoder(frame)
            #expect(deltas(fast) == deltas(general), "\(frame)")
            #expect(fast.count == general.count)
        }
    }

    @Test("both paths check a batch once, at its end: an intermediate cross is no inconsistency")
    func batchCheckedAtTheEnd() throws {
        let frame = """
            {"event_type":"price_change","market":"0x1","timestamp":"1757908892351","price_changes":[\
            {"asset_id":"\(token)","price":"0.52","size":"10","side":"BUY","best_bid":"0.52","best_ask":"0.52"},\
            {"asset_id":"\(token)","price":"0.52","size":"0","side":"SELL","best_bid":"0.52","best_ask":"0.55"}]}
            """
        var set = books(bids: [("0.50", "10")], asks: [("0.52", "5"), ("0.55", "5")])
        var reference = try #require(set.book(for: token))
        for message in try MarketChannelDecoder.decode(frame) {
            if case .priceChange(let delta) = message { try reference.apply(delta) }
        }
        let outcome = try apply(frame, to: &set)
        #expect(outcome.inconsistentSlots.isEmpty)
        let book = try #require(set.book(for: token))
        #expect(book.isSynchronized && reference.isSynchronized)
        #expect(book.bids == reference.bids && book.asks == reference.asks)
        #expect(book.bestBid?.price == p("0.52"))
        #expect(book.bestAsk?.price == p("0.55"))
    }

    @Test("mutated frames never crash the scanner, and it accepts nothing JSONDecoder rejects")
    func fuzz() throws {
        let base = #"{"market":"0x5f","price_changes":[{"asset_id":"6581","price":"0.5","size":"200","side":"BUY","hash":"56","best_bid":"0.5","best_ask":"1"},{"asset_id":"77","price":".49","size":"0","side":"SELL","best_bid":"0.4","best_ask":"0.6","x":[1,{"y":null}]}],"timestamp":"1757908892351","event_type":"price_change"}"#
        var generator = SeededGenerator(seed: 2026)
        let alphabet = Array(#"{}[]",:\ 0123456789.-+eEabnulltrue"#.utf8)
        var disagreements: [String] = []
        for _ in 0..<20_000 {
            var bytes = Array(base.utf8)
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: bytes.remove(at: Int.random(in: 0..<bytes.count, using: &generator))
                case 1: bytes.insert(alphabet.randomElement(using: &generator)!, at: Int.random(in: 0...bytes.count, using: &generator))
                case 2: bytes[Int.random(in: 0..<bytes.count, using: &generator)] = alphabet.randomElement(using: &generator)!
                default: bytes.removeLast(Int.random(in: 0...min(5, bytes.count - 1), using: &generator))
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            var frame = text
            let fast = frame.withUTF8 { try? PriceChangeFrameScanner.deltas($0) }
            let general = try? MarketChannelDecoder.decodeWithJSONDecoder(text)
            var set = PolymarketBookSet()
            set.add("6581")
            set.add("77")
            _ = bytes.withUnsafeBufferPointer { try? PriceChangeFastPath().apply($0, to: &set, receivedAt: Timestamp(nanoseconds: 1)) }
            if let fast, general.map(deltas) != fast, disagreements.count < 5 { disagreements.append(text) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
    }

    @Test("malformed price_change frames still get the general decoder's named error")
    func decoderErrors() {
        #expect(throws: MarketChannelDecodingError.self) {
            try MarketChannelDecoder.decode(#"{"event_type":"price_change","price_changes":[{"asset_id":"1","price":"x","side":"BUY","size":"1"}]}"#)
        }
        #expect(throws: MarketChannelDecodingError.self) {
            try MarketChannelDecoder.decode(#"{"event_type":"price_change","price_changes":[{"asset_id":"1","price":"0.5","side":"HOLD","size":"1"}]}"#)
        }
    }
}
