import CZlib
import Foundation

/// Incremental gzip decompression of a file into a sliding window of decompressed bytes.
///
/// It reads the file in chunks and inflates only as much as the reader asks for, so a
/// multi-gigabyte recording replays in constant memory. A file that simply stops (a recorder
/// killed mid-write, or one still writing) is not an error here: inflate hands out every byte it
/// could decode and ``state`` becomes ``State/inputExhausted``.
final class Inflater {
    enum State: Equatable {
        /// More bytes may come.
        case active
        /// The gzip stream ended properly and its CRC-32 and length trailer matched.
        case streamEnded
        /// The file ended before the gzip stream did.
        case inputExhausted
        /// zlib rejected the compressed data.
        case dataError(String)
        /// `read` failed.
        case readError(RecordingError)
    }

    let path: String
    private(set) var state = State.active
    /// Decompressed bytes not yet consumed: `buffer[start..<end]`.
    private(set) var start = 0
    private(set) var end = 0
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    /// Decompressed bytes consumed before `buffer[start]`, for error positions.
    private(set) var consumedTotal: Int64 = 0

    private let fd: Int32
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutablePointer<UInt8>
    private let inputCapacity = 256 * 1024

    init(path: String) throws(RecordingError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw RecordingError.ioFailure(path, "open") }
        fd = descriptor
        capacity = 256 * 1024
        buffer = .allocate(byteCount: capacity, alignment: 16)
        input = .allocate(capacity: inputCapacity)
        // zlib's state points back at the z_stream, so it lives at a fixed heap address.
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = inflateInit2_(stream, 31, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            state = .dataError("inflateInit2 failed (\(status))")
            // deinit still runs and frees everything, but must not call inflateEnd.
            initialized = false
            throw .compression(path: path, code: status, message: "inflateInit2 failed")
        }
    }

    private var initialized = true

    deinit {
        if initialized { inflateEnd(stream) }
        stream.deallocate()
        input.deallocate()
        buffer.deallocate()
        closeDescriptor(fd)
    }

    var available: Int { end - start }
    var pointer: UnsafeRawPointer { UnsafeRawPointer(buffer + start) }

    /// Compressed bytes of the file after the gzip stream's end (nothing, for a file we wrote).
    private(set) var trailingBytes: Int64 = 0

    func consume(_ count: Int) {
        start += count
        consumedTotal += Int64(count)
    }

    /// Inflates until at least `count` bytes are available; false if the data ran out first (see
    /// ``state`` for why).
    func ensure(_ count: Int) -> Bool {
        while available < count {
            guard state == .active else { return false }
            makeRoom(for: count)
            step()
        }
        return true
    }

    private func makeRoom(for count: Int) {
        if start > 0 && capacity - end < max(count - available, 64 * 1024) {
            // Slide the unconsumed bytes to the front rather than growing.
            buffer.copyMemory(from: buffer + start, byteCount: available)
            end -= start
            start = 0
        }
        if capacity < count {
            var newCapacity = capacity
            while newCapacity < count { newCapacity *= 2 }
            let bigger = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
            bigger.copyMemory(from: buffer + start, byteCount: available)
            buffer.deallocate()
            buffer = bigger
            capacity = newCapacity
            end -= start
            start = 0
        }
    }

    /// One read-and-inflate round.
    private func step() {
        if stream.pointee.avail_in == 0 {
            let n = read(fd, input, inputCapacity)
            if n < 0 {
                if errno == EINTR { return }
                state = .readError(.ioFailure(path, "read"))
                return
            }
            stream.pointee.next_in = input
            stream.pointee.avail_in = UInt32(n)
            // n == 0 is the end of the file, but inflate may still hold output it could not place
            // before; one more call with no input drains it.
        }
        let inputBefore = stream.pointee.avail_in
        stream.pointee.next_out = (buffer + end).assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_out = UInt32(capacity - end)
        let status = inflate(stream, Z_NO_FLUSH)
        let produced = capacity - end - Int(stream.pointee.avail_out)
        end += produced
        switch status {
        case Z_OK:
            break
        case Z_STREAM_END:
            state = .streamEnded
            trailingBytes = Int64(stream.pointee.avail_in) + remainingFileBytes()
        case Z_BUF_ERROR:
            // No progress was possible: inflate wants more input and the file has none.
            if inputBefore == 0 && produced == 0 { state = .inputExhausted }
        default:
            let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
            state = .dataError(message)
        }
        if status == Z_OK && inputBefore == 0 && produced == 0 { state = .inputExhausted }
    }

    private func remainingFileBytes() -> Int64 {
        var total: Int64 = 0
        while true {
            let n = read(fd, input, inputCapacity)
            if n <= 0 { return total }
            total += Int64(n)
        }
    }
}
