import EdgewiseCore
import Foundation
@testable import EdgewiseStore

/// A fresh directory per test, removed afterwards; every test uses a real database file.
func withScratchDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("edgewise-store-tests-" + UUID().uuidString, isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

func withScratchStore<T>(_ body: (EdgewiseStore, URL) throws -> T) throws -> T {
    try withScratchDirectory { directory in
        let store = try EdgewiseStore(path: directory.appendingPathComponent(EdgewiseStore.defaultFileName).path)
        return try body(store, directory)
    }
}

/// Values whose last decimal places would not survive a trip through `Double` or `REAL`.
enum Sample {
    static let venue = VenueID.polymarket
    static let yes = InstrumentID(venue: venue, token: "71321045679252212594626385532706912750332728571942532289631379312455583992563")
    static let no = InstrumentID(venue: venue, token: "48331043336612883890938759509493159234755048973500640148014422747788308965732")

    static func market(id: MarketID = "0xabc123", slug: String = "will-it-rain-in-paris-on-friday", status: MarketStatus = .open)
        -> Market
    {
        Market(
            venue: venue, id: id, eventID: "ev-42", slug: slug, question: "Will it rain in Paris on Friday?",
            rules: "Resolves YES if Météo-France reports ≥ 0.1 mm at Paris-Montsouris.",
            settlementSource: "https://meteofrance.com", outcomes: [
                Outcome(token: yes.token, name: "Yes", indicativePrice: Price(units: 535_001)),
                Outcome(token: no.token, name: "No", indicativePrice: Price(units: 464_999), payout: nil),
            ], status: status, openTime: Timestamp(nanoseconds: 1_700_000_000_123_456_789),
            closeTime: Timestamp(nanoseconds: 1_700_086_400_000_000_001), endTime: Timestamp(seconds: 1_700_090_000),
            tickSize: Price(units: 1_000), minimumOrderSize: Size(units: 5_000_000), isNegRisk: true,
            acceptingOrders: true, venueReference: "512345")
    }

    static func order(_ id: ClientOrderID = .generate(), created: Int64 = 1_700_000_000) -> Order {
        Order(
            id: id, instrument: yes, marketID: "0xabc123", side: .buy, limitPrice: Price(units: 370_001),
            size: Size(units: 12_345_678), timeInForce: .goodTillDate(Timestamp(seconds: created + 3600)),
            postOnly: true, decisionID: "dec-1", createdAt: Timestamp(seconds: created))
    }

    static func fill(_ id: FillID, order: ClientOrderID? = nil, size: Size = Size(units: 2_345_678), at seconds: Int64 = 1_700_000_100)
        -> Fill
    {
        Fill(
            id: id, clientOrderID: order, venueOrderID: "0xvenue-1", instrument: yes, side: .buy,
            price: Price(units: 369_999), size: size, fee: Amount(units: 1_234_567), liquidity: .taker,
            time: Timestamp(seconds: seconds))
    }
}

func withScratchDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("edgewise-store-tests-" + UUID().uuidString, isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}
