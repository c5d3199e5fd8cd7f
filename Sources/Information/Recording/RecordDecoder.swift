import Foundation
import EdgewiseCore

/// Reads the fields of one record body in place. Every read is bounds-checked and a malformed
/// field yields `nil` instead of trapping: a record whose CRC matched but whose payload does not
/// decode must be skipped and counted, never crash a backtest.
struct RecordDecoder: ~Copyable {
    private let base: UnsafeRawPointer
    private let count: Int
    private(set) var offset = 0

    init(_ body: UnsafeRawBufferPointer) {
        // An empty buffer may have a nil base; nothing is ever read from it then.
        base = body.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        count = body.count
    }

    var remaining: Int { count - offset }

    mutating func u8() -> UInt8? {
        guard remaining >= 1 else { return nil }
        defer { offset += 1 }
        return base.load(fromByteOffset: offset, as: UInt8.self)
    }

    mutating func u16() -> UInt16? {
        guard remaining >= 2 else { return nil }
        defer { offset += 2 }
        return UInt16(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    mutating func u32() -> UInt32? {
        guard remaining >= 4 else { return nil }
        defer { offset += 4 }
        return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func u64() -> UInt64? {
        guard remaining >= 8 else { return nil }
        defer { offset += 8 }
        return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func i64() -> Int64? { u64().map { Int64(bitPattern: $0) } }

    /// The raw bytes of a length-prefixed string, without building a `String`.
    mutating func stringBytes() -> UnsafeRawBufferPointer? {
        guard let length = u32().map(Int.init), remaining >= length else { return nil }
        defer { offset += length }
        return UnsafeRawBufferPointer(start: base + offset, count: length)
    }

    mutating func string() -> String? {
        stringBytes().map { String(decoding: $0, as: UTF8.self) }
    }

    /// A presence byte (0 or 1) then the value; `.some(nil)` is "absent", plain `nil` is malformed.
    mutating func optional<T>(_ read: (inout RecordDecoder) -> T?) -> T?? {
        switch u8() {
        case 0: return .some(nil)
        case 1: return read(&self).map { .some($0) }
        default: return nil
        }
    }

    mutating func optionalString() -> String?? { optional { $0.string() } }
    mutating func optionalU64() -> UInt64?? { optional { $0.u64() } }
    mutating func optionalPrice() -> Price?? { optional { $0.i64().map(Price.init(units:)) } }
    mutating func timestamp() -> Timestamp?? { optional { $0.i64().map(Timestamp.init(nanoseconds:)) } }

    /// The `Price??` of a delta's reported best price (tag 0 nil, 1 .some(nil), 2 a price); the
    /// outer optional of the result is "malformed".
    mutating func reportedPrice() -> Price???  {
        switch u8() {
        case 0: return .some(.none)
        case 1: return .some(.some(.none))
        case 2: return i64().map { .some(.some(Price(units: $0))) }
        default: return nil
        }
    }

    /// A count prefix, refused when even one byte per element would overrun the body, so that a
    /// corrupt count cannot trigger a huge allocation.
    mutating func count(minimumElementSize: Int) -> Int? {
        guard let n = u32().map(Int.init), n <= remaining / max(minimumElementSize, 1) else { return nil }
        return n
    }
}

/// Remembers the instruments of recent records so that replaying a book's thousands of deltas
/// does not allocate the same (often 77-digit) token string again and again.
struct InstrumentInterner {
    private var entries: [Int: (bytes: [UInt8], instrument: InstrumentID)] = [:]
    private let capacity: Int

    init(capacity: Int = 4096) { self.capacity = capacity }

    mutating func instrument(from decoder: inout RecordDecoder) -> InstrumentID? {
        let start = decoder.offset
        guard let venue = decoder.stringBytes(), let token = decoder.stringBytes() else { return nil }
        // The key is the encoded form, both length prefixes included, so (a, bc) never equals (ab, c).
        let encoded = UnsafeRawBufferPointer(start: venue.baseAddress! - 4, count: decoder.offset - start)
        var hasher = Hasher()
        hasher.combine(bytes: encoded)
        let key = hasher.finalize()
        if let entry = entries[key], entry.bytes.count == encoded.count,
            entry.bytes.withUnsafeBytes({ memcmp($0.baseAddress!, encoded.baseAddress!, encoded.count) == 0 })
        {
            return entry.instrument
        }
        let instrument = InstrumentID(
            venue: VenueID(String(decoding: venue, as: UTF8.self)),
            token: TokenID(String(decoding: token, as: UTF8.self)))
        // A recording rarely holds more instruments than the capacity; if one does, starting over is
        // cheaper than tracking recency.
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = (bytes: [UInt8](encoded), instrument: instrument)
        return instrument
    }
}
