import EdgewiseCore
import EdgewiseTestSupport
import Foundation

/// Access to the shared Polymarket fixtures, decoded from the original bytes (never through
/// `Double`) for contract tests, or re-serialized for the loopback server.
enum Fixtures {
    static let yesToken = TokenID("71321045679252212594626385532706912750332728571942532289631379312455583992563")
    static let noToken = TokenID("52114319501245915516055106046884209969926127482827954674443846427813813222426")
    static let wsToken = TokenID("65818619657568813474341868652308942079804919287380422192892211131408793125422")
    static let conditionID = MarketID("0xbd31dc8a20211944f6b70f31557f1001557b59905b7738480ca09bd4532f84af")

    static func json(_ file: String) throws -> [String: Any] { try SharedFixtures.venueJSON(file) }

    /// One top-level value of a fixture file as JSON bytes.
    static func data(_ file: String, _ key: String) throws -> Data {
        guard let value = try json(file)[key] else { throw LoopbackFixtureError(key: key) }
        return try SharedFixtures.jsonData(value)
    }

    /// The market channel sample `name` as a frame text.
    static func wsEvent(_ name: String) throws -> String {
        guard let events = try json("polymarket-ws-market-samples.json")["events"] as? [String: Any], let event = events[name] else {
            throw LoopbackFixtureError(key: "events.\(name)")
        }
        return String(decoding: try SharedFixtures.jsonData(event), as: UTF8.self)
    }

    static func restSample(_ key: String) throws -> Data { try data("polymarket-clob-rest-samples.json", key) }

    /// A market-channel event the documentation describes only by its field list
    /// (`"event_type=new_market"`, `"id"`, `"event_message{id,ticker}"`, …).
    struct DocumentedFields {
        var eventType: String
        /// Every field in documented order, `event_type` first, nested objects by their name.
        var names: [String]
        /// The keys listed for nested objects (`event_message{…}`); nil when none are listed.
        var nested: [String: [String]]

        /// A frame carrying every documented field: `values` for the scalar ones (a missing value
        /// is an error, so no documented field goes untested), objects filled from their key lists.
        func frame(_ values: [String: Any]) throws -> String {
            var object: [String: Any] = ["event_type": eventType]
            for name in names.dropFirst() {
                if let value = values[name] {
                    object[name] = value
                } else if let keys = nested[name] {
                    object[name] = Dictionary(uniqueKeysWithValues: keys.map { ($0, "\($0)-value") })
                } else if name == "event_message" {
                    object[name] = [String: Any]()
                } else {
                    throw LoopbackFixtureError(key: "value for documented field '\(name)'")
                }
            }
            return String(decoding: try SharedFixtures.jsonData(object), as: UTF8.self)
        }
    }

    static func documentedFields(_ key: String) throws -> DocumentedFields {
        guard let events = try json("polymarket-ws-market-samples.json")["events"] as? [String: Any],
              let list = events[key] as? [String], let first = list.first, first.hasPrefix("event_type=")
        else { throw LoopbackFixtureError(key: "events.\(key)") }
        var fields = DocumentedFields(eventType: String(first.dropFirst("event_type=".count)), names: ["event_type"], nested: [:])
        for entry in list.dropFirst() {
            if let brace = entry.firstIndex(of: "{"), entry.hasSuffix("}") {
                let name = String(entry[..<brace])
                fields.names.append(name)
                fields.nested[name] = entry[entry.index(after: brace)..<entry.index(before: entry.endIndex)].split(separator: ",").map(String.init)
            } else {
                fields.names.append(entry)
            }
        }
        return fields
    }
}

struct LoopbackFixtureError: Error, CustomStringConvertible {
    let key: String
    var description: String { "fixture key '\(key)' not found" }
}

extension Price {
    static func p(_ text: String) -> Price { try! Price(parsing: text) }
}

extension Size {
    static func s(_ text: String) -> Size { try! Size(parsing: text) }
}
