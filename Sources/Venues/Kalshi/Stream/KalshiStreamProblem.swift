/// Something the stream survived and reports, apart from book resynchronisations.
public enum KalshiStreamProblem: Hashable, Sendable, CustomStringConvertible {
    /// A frame that is not valid JSON or not a known shape; it was skipped (a book message also
    /// triggers a resynchronisation, reported separately).
    case malformedFrame(KalshiStreamDecodingError)
    /// A message `type` this version does not know; it was skipped and counted.
    case unknownMessage(type: String)

    public var description: String {
        switch self {
        case .malformedFrame(let error): error.description
        case .unknownMessage(let type): "Kalshi WebSocket: unknown message type '\(type)' skipped; Edgewise may need an update"
        }
    }
}
