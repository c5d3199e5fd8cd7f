import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file that holds a secret (API credentials, a private key) only when nobody but its
/// owner can read it.
///
/// A secret in a file that the group or everyone can read has to be treated as leaked, so such a
/// file is refused outright rather than used with a warning: the user fixes it with `chmod 600`.
/// The file is opened first and the permissions are checked on the open descriptor, so a file
/// swapped between the check and the read cannot slip through. Nothing read from the file ever
/// appears in an error.
public enum ProtectedFile {
    /// Secrets are small; anything larger is not the file the user meant.
    public static let defaultMaxBytes = 1 << 20

    /// The bytes of the file at `path`, after checking that it is a regular file without any
    /// group or other permission bits.
    public static func read(_ path: String, maxBytes: Int = defaultMaxBytes) throws(ProtectedFileError) -> Data {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw .missing(path: path) }
            throw .unreadable(path: path, reason: String(cString: strerror(code)))
        }
        defer { close(descriptor) }

        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notARegularFile(path: path) }
        // Any bit for group or other (read, write or execute) means someone else can read or
        // replace the secret.
        let permissions = UInt32(info.st_mode) & 0o777
        guard permissions & 0o077 == 0 else { throw .accessibleByOthers(path: path, permissions: permissions) }
        guard Int(info.st_size) <= maxBytes else { throw .tooLarge(path: path, limit: maxBytes) }

        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in readChunk(descriptor, raw.baseAddress, raw.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            data.append(contentsOf: buffer[0..<count])
            if data.count > maxBytes { throw .tooLarge(path: path, limit: maxBytes) }
        }
        return data
    }
}

/// Why a secret file was not read. The descriptions name the file and the fix, never its content.
public enum ProtectedFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    case notARegularFile(path: String)
    /// The group or others have some permission on the file (`permissions` holds the mode bits).
    case accessibleByOthers(path: String, permissions: UInt32)
    case tooLarge(path: String, limit: Int)

    public var path: String {
        switch self {
        case .missing(let path), .unreadable(let path, _), .notARegularFile(let path), .accessibleByOthers(let path, _),
            .tooLarge(let path, _):
            path
        }
    }

    public var description: String {
        switch self {
        case .missing(let path):
            "secret file \(path) does not exist; check the path"
        case .unreadable(let path, let reason):
            "secret file \(path) cannot be read (\(reason)); check its owner and permissions"
        case .notARegularFile(let path):
            "secret file \(path) is not a regular file; point to the file itself"
        case .accessibleByOthers(let path, let permissions):
            "secret file \(path) is accessible by other users (mode \(String(permissions, radix: 8))); "
                + "restrict it with `chmod 600 \(path)` and consider rotating the secret it holds"
        case .tooLarge(let path, let limit):
            "secret file \(path) is larger than \(limit) bytes; it is not a credentials file"
        }
    }
}

/// `read(2)`, named apart from ``ProtectedFile/read(_:maxBytes:)`` which would shadow it.
private func readChunk(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
