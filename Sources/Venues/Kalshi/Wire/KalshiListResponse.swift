import Foundation

/// The wire shape of a paged reply: the items under `key` and a `cursor`.
struct KalshiListResponse<Item: Decodable & Sendable>: Decodable, Sendable {
    var items: [Item]
    var cursor: String?

    /// The name of the array, passed through the decoder's user info.
    static var keyInfo: CodingUserInfoKey { CodingUserInfoKey(rawValue: "kalshi.listKey")! }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let name = decoder.userInfo[Self.keyInfo] as? String ?? "items"
        let c = try decoder.container(keyedBy: Key.self)
        // A page with nothing on it may omit the array or send null.
        items = try c.decodeIfPresent([Item].self, forKey: Key(stringValue: name)) ?? []
        let cursor = try c.decodeIfPresent(String.self, forKey: Key(stringValue: "cursor"))
        self.cursor = (cursor?.isEmpty ?? true) ? nil : cursor
    }

    var page: KalshiPage<Item> { KalshiPage(items: items, cursor: cursor) }
}
