/// Why a Manifold payload could not become a domain value; names the market and the field.
public struct ManifoldMappingError: Error, Equatable, Sendable, CustomStringConvertible {
    public let record: String
    public let field: String
    public let detail: String

    public init(record: String, field: String, detail: String) {
        self.record = record
        self.field = field
        self.detail = detail
    }

    public var description: String { "Manifold market \(record): \(field) \(detail)" }
}
