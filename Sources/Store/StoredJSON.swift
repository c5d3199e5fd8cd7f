import Foundation

/// The JSON form of records stored whole (orders, order events, decisions). Keys are sorted so
/// the same value always produces the same bytes, which keeps the journal diffable.
enum StoredJSON {
    static func encode<T: Encodable>(_ value: T, what: String) throws(StoreError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw .encoding(what: what, reason: String(describing: error))
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String, what: String) throws(StoreError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw .decoding(what: what, reason: String(describing: error))
        }
    }
}
