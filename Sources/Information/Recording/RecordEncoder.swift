import CZlib
import EdgewiseCore

/// Appends framed records (`u32 length | u32 crc32 | body`) to a byte buffer in the layout of
/// `docs/recording-format.md`. Encoding is separate from the writer so that tests and tools can
/// produce exact bytes without touching files.
struct RecordEncoder {
    var bytes: [UInt8] = []

    init(capacity: Int = 64 * 1024) { bytes.reserveCapacity(capacity) }

    /// Frames the body that `body` appends; returns the body's length.
    @discardableResult
    mutating func framed(_ body: (inout RecordEncoder) -> Void) -> Int {
        let frameStart = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: RecordingFormat.frameHeaderSize))
        body(&self)
        let bodyStart = frameStart + RecordingFormat.frameHeaderSize
        let length = bytes.count - bodyStart
        let crc = bytes.withUnsafeBufferPointer { buffer in
            UInt32(truncatingIfNeeded: crc32(0, buffer.baseAddress! + bodyStart, UInt32(length)))
        }
        store(UInt32(truncatingIfNeeded: length), at: frameStart)
        store(crc, at: frameStart + 4)
        return length
    }

    mutating func header(_ header: RecordingHeader) {
        bytes.append(contentsOf: RecordingFormat.magic)
        framed { e in
            e.u16(header.majorVersion)
            e.u16(header.minorVersion)
            e.i64(header.createdAt.nanoseconds)
            e.string(header.creator)
            e.string(header.venue.rawValue)
        }
    }

    /// Appends one event record; returns its body length so the caller can enforce the limit.
    @discardableResult
    mutating func event(_ received: ReceivedEvent) -> Int {
        framed { e in e.eventBody(received) }
    }

    /// The body of an event record without its frame.
    static func body(of received: ReceivedEvent) -> [UInt8] {
        var encoder = RecordEncoder(capacity: 256)
        encoder.eventBody(received)
        return encoder.bytes
    }

    private mutating func eventBody(_ received: ReceivedEvent) {
        i64(received.receivedAt.nanoseconds)
        u8(RecordingEventKind(received.event).rawValue)
        payload(received.event)
    }

    /// Drops everything from `count` on, undoing a record that must not be written.
    mutating func truncate(to count: Int) { bytes.removeSubrange(count...) }

    // MARK: Payloads

    private mutating func payload(_ event: MarketDataEvent) {
        switch event {
        case .bookSnapshot(let s):
            instrument(s.instrument)
            timestamp(s.venueTimestamp)
            optionalU64(s.sequence)
            optionalString(s.hash)
            optionalPrice(s.tickSize)
            levels(s.bids)
            levels(s.asks)
        case .bookDelta(let d):
            instrument(d.instrument)
            timestamp(d.venueTimestamp)
            optionalU64(d.sequence)
            optionalString(d.hash)
            reportedPrice(d.reportedBestBid)
            reportedPrice(d.reportedBestAsk)
            u32(UInt32(d.changes.count))
            for change in d.changes {
                u8(change.side == .bid ? 0 : 1)
                i64(change.price.units)
                switch change.update {
                case .set(let size):
                    u8(0)
                    i64(size.units)
                case .add(let delta):
                    u8(1)
                    i64(delta)
                }
            }
        case .trade(let t):
            instrument(t.instrument)
            i64(t.price.units)
            i64(t.size.units)
            switch t.aggressor {
            case nil: u8(0)
            case .buy: u8(1)
            case .sell: u8(2)
            }
            timestamp(t.venueTimestamp)
        case .topOfBook(let t):
            instrument(t.instrument)
            optionalPrice(t.bestBid)
            optionalPrice(t.bestAsk)
            timestamp(t.venueTimestamp)
        case .tickSizeChange(let t):
            instrument(t.instrument)
            optionalPrice(t.oldTick)
            i64(t.newTick.units)
            timestamp(t.venueTimestamp)
        case .market(let m):
            u8(m.kind == .listed ? 0 : 1)
            string(m.venue.rawValue)
            string(m.marketID.rawValue)
            optionalString(m.question)
            optionalString(m.slug)
            u32(UInt32(m.tokens.count))
            for token in m.tokens { string(token.rawValue) }
            u32(UInt32(m.outcomes.count))
            for outcome in m.outcomes { string(outcome) }
            optionalString(m.winningToken?.rawValue)
            optionalString(m.winningOutcome)
            timestamp(m.venueTimestamp)
        }
    }

    private mutating func instrument(_ id: InstrumentID) {
        string(id.venue.rawValue)
        string(id.token.rawValue)
    }

    private mutating func levels(_ levels: [BookLevel]) {
        u32(UInt32(levels.count))
        for level in levels {
            i64(level.price.units)
            i64(level.size.units)
        }
    }

    // MARK: Primitives

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u16(_ value: UInt16) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func u32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func u64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func i64(_ value: Int64) { u64(UInt64(bitPattern: value)) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            u32(UInt32(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optionalString(_ value: String?) {
        guard let value else { return u8(0) }
        u8(1)
        string(value)
    }

    mutating func optionalU64(_ value: UInt64?) {
        guard let value else { return u8(0) }
        u8(1)
        u64(value)
    }

    mutating func optionalPrice(_ value: Price?) {
        guard let value else { return u8(0) }
        u8(1)
        i64(value.units)
    }

    mutating func timestamp(_ value: Timestamp?) {
        guard let value else { return u8(0) }
        u8(1)
        i64(value.nanoseconds)
    }

    /// `Price??` keeps "the venue said nothing" (0) apart from "the venue said the side is empty" (1).
    mutating func reportedPrice(_ value: Price??) {
        switch value {
        case .none: u8(0)
        case .some(.none): u8(1)
        case .some(.some(let price)):
            u8(2)
            i64(price.units)
        }
    }

    private mutating func store(_ value: UInt32, at offset: Int) {
        bytes[offset] = UInt8(truncatingIfNeeded: value)
        bytes[offset + 1] = UInt8(truncatingIfNeeded: value >> 8)
        bytes[offset + 2] = UInt8(truncatingIfNeeded: value >> 16)
        bytes[offset + 3] = UInt8(truncatingIfNeeded: value >> 24)
    }
}
