import Dispatch
import Foundation

/// Stops a long-running command cleanly — flush the recording, close the socket — on Ctrl-C
/// (SIGINT), SIGTERM, or after an optional duration, instead of killing the process mid-write.
/// Keep it alive for as long as the command runs; `cancel()` (or deinit) disarms it.
final class StopTrigger {
    private let sources: [any DispatchSourceSignal]
    private let timer: Task<Void, Never>?

    init(after seconds: Double?, _ stop: @escaping @Sendable () -> Void) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: stop)
            source.resume()
            return source
        }
        timer = seconds.map { seconds in
            Task {
                do {
                    try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
                    stop()
                } catch {}
            }
        }
    }

    func cancel() {
        timer?.cancel()
        for source in sources { source.cancel() }
    }

    deinit { cancel() }
}
