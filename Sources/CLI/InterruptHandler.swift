import Dispatch
import Foundation

/// Turns Ctrl-C (SIGINT) and SIGTERM into a clean stop — flush the recording, close the socket —
/// instead of killing the process mid-write.
final class InterruptHandler {
    private let sources: [any DispatchSourceSignal]

    init(_ onInterrupt: @escaping @Sendable () -> Void) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: onInterrupt)
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
