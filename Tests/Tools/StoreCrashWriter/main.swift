// The process the store tests kill with SIGKILL in the middle of writing.
//
//   store-crash-writer <database> loop
//       Journals orders and fills in a tight loop of transactions; after the last transaction of
//       iteration N has committed it prints "committed N". Runs until killed.
//   store-crash-writer <database> stall <count>
//       Commits one order ("committed-before-stall"), then journals <count> orders in a single
//       transaction and prints "stalled" without committing it; then waits to be killed.
//
// Lines are written with write(2) straight to stdout, so nothing printed can still sit in a
// buffer when the kill lands, and nothing is printed before its transaction committed.
import EdgewiseCore
@_spi(CrashTesting) import EdgewiseStore
import Foundation

func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("store-crash-writer: " + message + "\n").utf8))
    exit(2)
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else { fail("usage: store-crash-writer <database> loop | stall <count>") }
let store: EdgewiseStore
do {
    store = try EdgewiseStore(path: arguments[1])
} catch {
    fail(error.description)
}

let venue = VenueID.polymarket

func order(_ id: String, token: String) -> Order {
    Order(
        id: ClientOrderID(id), instrument: InstrumentID(venue: venue, token: TokenID(token)), side: .buy,
        limitPrice: Price(units: 370_000), size: 10, createdAt: Timestamp(seconds: 1_700_000_000))
}

do {
    switch arguments[2] {
    case "loop":
        var iteration = 0
        while true {
            iteration += 1
            let time = Timestamp(seconds: 1_700_000_000 + Int64(iteration))
            var current = order("crash-\(iteration)", token: "tok-\(iteration % 7)")
            try store.journal(order: current)
            let events: [OrderEvent] = [
                .submitted(at: time),
                .accepted(VenueOrderID("v-\(iteration)"), at: time),
                .filled(
                    Fill(
                        id: FillID("f-\(iteration)-a"), instrument: current.instrument, side: .buy,
                        price: Price(units: 370_000), size: 4, fee: Amount(units: 1_234), time: time)),
                .filled(
                    Fill(
                        id: FillID("f-\(iteration)-b"), instrument: current.instrument, side: .buy,
                        price: Price(units: 369_999), size: 6, fee: Amount(units: 7), time: time)),
            ]
            for event in events {
                try current.apply(event)
                try store.update(order: current, after: event)
            }
            say("committed \(iteration)")
        }
    case "stall":
        guard arguments.count >= 4, let count = Int(arguments[3]) else { fail("stall needs a count") }
        try store.journal(order: order("committed-before-stall", token: "tok-0"))
        let orders = (0..<count).map { order("uncommitted-\($0)", token: "tok-\($0 % 7)") }
        try store.journalInOpenTransaction(orders) {
            say("stalled")
            while true { sleep(60) }
        }
        fail("the stalled transaction returned")
    default:
        fail("unknown mode \(arguments[2])")
    }
} catch {
    fail("\(error)")
}
