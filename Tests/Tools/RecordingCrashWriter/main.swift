// Appends deterministic events to a recording until it is killed, printing `flushed <n>` after
// every flush so that the test knows which records the format promises to keep. Event `i` is
// `CrashWriterEvents.event(i)`; the test rebuilds it independently to check every record.
//
// Usage: recording-crash-writer <file> [flush-every]
import EdgewiseCore
import EdgewiseInformation
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: recording-crash-writer <file> [flush-every]\n".utf8))
    exit(2)
}
let url = URL(fileURLWithPath: arguments[1])
let flushEvery = arguments.count > 2 ? Int(arguments[2]) ?? 50 : 50

/// The same formula as `CrashWriterEvents` in the tests; change both together.
func event(_ i: Int) -> ReceivedEvent {
    let instrument = InstrumentID(venue: .polymarket, token: TokenID("token-\(i % 7)"))
    let received = Timestamp(nanoseconds: 1_700_000_000_000_000_000 + Int64(i) * 1_000)
    if i % 2 == 0 {
        return ReceivedEvent(
            receivedAt: received,
            event: .trade(
                TradeTick(
                    instrument: instrument, price: Price(units: Int64(i % 999_999) + 1), size: Size(units: Int64(i)),
                    aggressor: i % 4 == 0 ? .buy : .sell, venueTimestamp: Timestamp(nanoseconds: Int64(i)))))
    }
    return ReceivedEvent(
        receivedAt: received,
        event: .bookDelta(
            BookDelta(
                instrument: instrument,
                changes: [.set(.bid, Price(units: Int64(i % 1000) * 1000), Size(units: Int64(i) * 10))],
                sequence: UInt64(i), hash: "h\(i)", reportedBestBid: i % 3 == 0 ? .some(nil) : nil)))
}

do {
    // Flushes happen only where this program says, so the printed counts are exact.
    let writer = try RecordingWriter(
        creating: url, venue: .polymarket, flushPolicy: FlushPolicy(maxRecords: Int.max, maxDelay: .seconds(3600)))
    let started = ContinuousClock.now
    var i = 0
    // A safety stop so that a test that fails to kill it does not leave it running.
    while ContinuousClock.now - started < .seconds(120) {
        try writer.append(event(i))
        i += 1
        if i % flushEvery == 0 {
            try writer.flush()
            // Unbuffered: the line must reach the pipe before the next record is appended.
            FileHandle.standardOutput.write(Data("flushed \(writer.recordsFlushed)\n".utf8))
        }
    }
    try writer.close()
    print("closed \(writer.recordsFlushed)")
} catch {
    FileHandle.standardError.write(Data("recording-crash-writer: \(error)\n".utf8))
    exit(1)
}
