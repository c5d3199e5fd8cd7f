import CBotan
import Foundation
import Synchronization

/// Keccak-256 as Ethereum uses it: the original Keccak padding, not NIST SHA3-256 (which differs in
/// one padding byte and gives different digests). Botan names it `Keccak-1600(256)`.
public enum Keccak256 {
    public static func hash(_ bytes: some ContiguousBytes) -> Bytes32 {
        bytes.withUnsafeBytes { hash(buffer: $0) }
    }

    /// The common case without the generic indirection.
    public static func hash(_ bytes: [UInt8]) -> Bytes32 {
        bytes.withUnsafeBytes { hash(buffer: $0) }
    }

    static func hash(buffer: UnsafeRawBufferPointer) -> Bytes32 {
        // Creating a Botan hash object costs an allocation and a name lookup, more than hashing an
        // order; finished objects are kept and reused (finishing resets them).
        let state = pool.withLock { $0.popLast() } ?? makeState()
        _ = botan_hash_update(state.handle, buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), buffer.count)
        let out = [UInt8](unsafeUninitializedCapacity: 32) { digest, count in
            _ = botan_hash_final(state.handle, digest.baseAddress)
            count = 32
        }
        pool.withLock { if $0.count < 16 { $0.append(state) } }
        return Bytes32(unchecked: out)
    }

    public static func hash(_ text: String) -> Bytes32 {
        hash(Array(text.utf8))
    }

    final class State: @unchecked Sendable {
        let handle: botan_hash_t
        init(handle: botan_hash_t) { self.handle = handle }
        deinit { botan_hash_destroy(handle) }
    }

    private static let pool = Mutex<[State]>([])

    private static func makeState() -> State {
        var handle: botan_hash_t?
        // A missing algorithm means the Botan build lacks Keccak: the installation is broken, and no
        // signature could be produced anyway.
        guard botan_hash_init(&handle, "Keccak-1600(256)", 0) == 0, let handle else {
            fatalError("Botan has no Keccak-1600(256); reinstall libbotan-2 (scripts/setup.sh)")
        }
        return State(handle: handle)
    }
}
