/// The unit a reference value is stated in, spelled as ``PropositionParser`` normalises the unit
/// of a question's threshold, so that a reading and a condition compare on the same key and a
/// value in °C can never settle a question asked in °F.
public struct MeasurementUnit: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue.lowercased() }

    public static let usd = MeasurementUnit(rawValue: "usd")
    public static let percent = MeasurementUnit(rawValue: "percent")
    public static let fahrenheit = MeasurementUnit(rawValue: "°f")
    public static let celsius = MeasurementUnit(rawValue: "°c")
    public static let basisPoints = MeasurementUnit(rawValue: "bps")

    public var description: String { rawValue }

    /// Whether a reading in `unit` (nil: a plain count) speaks to a condition whose parsed unit is
    /// `conditionUnit`. Both must be absent or both equal: a missing unit on one side is not a
    /// wildcard, because "above 100" in dollars and in index points are different questions.
    static func matches(_ unit: MeasurementUnit?, conditionUnit: String?) -> Bool {
        unit?.rawValue == conditionUnit?.lowercased()
    }
}
