import EdgewiseCore

/// The constants of the `.ewrec` recording format; `docs/recording-format.md` is the normative
/// description and must change together with this file.
///
/// A recording is one gzip stream. Its decompressed bytes are the 8-byte ``magic``, one framed
/// header record, then framed event records, each `u32 length | u32 crc32 | body`, little-endian.
/// The writer ends every write batch with a zlib sync flush, so everything it has handed to the
/// operating system is decodable even if it never writes another byte.
public enum RecordingFormat {
    /// `EWREC\r\n\u{1A}`: the CR-LF and Ctrl-Z catch files mangled by text-mode transfers, as in PNG.
    public static let magic: [UInt8] = [0x45, 0x57, 0x52, 0x45, 0x43, 0x0D, 0x0A, 0x1A]
    /// A reader refuses a file whose major version it does not know: the framing or an existing
    /// payload changed meaning.
    public static let majorVersion: UInt16 = 1
    /// Minor versions only add event kinds or append fields at the end of a payload, which older
    /// readers skip, so a newer minor version stays readable.
    public static let minorVersion: UInt16 = 0
    /// Bytes of `length` and `crc32` in front of every record body.
    public static let frameHeaderSize = 8
    /// No real event comes near this; a larger length field means corruption, and refusing it keeps
    /// a garbled length from making the reader buffer gigabytes.
    public static let maxRecordLength = 16 << 20
    /// `receivedAt` (i64) and `kind` (u8): the smallest event record body.
    public static let minimumEventBodyLength = 9
    /// The extension the recorder gives its files.
    public static let fileExtension = "ewrec"
}

/// The event kind byte of a record. Values are part of the format and never reused.
public enum RecordingEventKind: UInt8, CaseIterable, Hashable, Comparable, Codable, Sendable,
    CustomStringConvertible
{
    case bookSnapshot = 1
    case bookDelta = 2
    case trade = 3
    case topOfBook = 4
    case tickSizeChange = 5
    case market = 6

    public init(_ event: MarketDataEvent) {
        switch event {
        case .bookSnapshot: self = .bookSnapshot
        case .bookDelta: self = .bookDelta
        case .trade: self = .trade
        case .topOfBook: self = .topOfBook
        case .tickSizeChange: self = .tickSizeChange
        case .market: self = .market
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .bookSnapshot: "book-snapshot"
        case .bookDelta: "book-delta"
        case .trade: "trade"
        case .topOfBook: "top-of-book"
        case .tickSizeChange: "tick-size-change"
        case .market: "market"
        }
    }
}

/// What a recording says about itself in its first record.
public struct RecordingHeader: Hashable, Sendable {
    public var majorVersion: UInt16
    public var minorVersion: UInt16
    /// When the file was created, by the recorder's clock.
    public var createdAt: Timestamp
    /// The program that wrote the file (`edgewise 0.1.0`), for diagnosing a bad file later.
    public var creator: String
    /// The venue whose feed the file holds.
    public var venue: VenueID

    public init(
        majorVersion: UInt16 = RecordingFormat.majorVersion, minorVersion: UInt16 = RecordingFormat.minorVersion,
        createdAt: Timestamp, creator: String, venue: VenueID
    ) {
        self.majorVersion = majorVersion
        self.minorVersion = minorVersion
        self.createdAt = createdAt
        self.creator = creator
        self.venue = venue
    }

    /// The creator string this build stamps into its files.
    public static let defaultCreator = "edgewise \(EdgewiseCore.version)"
}
