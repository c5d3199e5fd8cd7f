import Foundation
import CBotan

/// Keccak-256 as Ethereum uses it: the original Keccak padding, not NIST SHA3-256 (which differs in
/// one padding byte and gives different digests). Botan names it `Keccak-1600(256)`.
public enum Keccak256 {
    public static func hash(_ bytes: some ContiguousBytes) -> Bytes32 {
        var state: botan_hash_t?
        // A missing algorithm means the Botan build lacks Keccak: the installation is broken, and no
        // signature could be produced anyway.
        guard botan_hash_init(&state, "Keccak-1600(256)", 0) == 0, let state else {
            fatalError("Botan has no Keccak-1600(256); reinstall libbotan-2 (scripts/setup.sh)")
        }
        defer { botan_hash_destroy(state) }
        bytes.withUnsafeBytes { buffer in
            _ = botan_hash_update(state, buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), buffer.count)
        }
        var out = [UInt8](repeating: 0, count: 32)
        _ = botan_hash_final(state, &out)
        return Bytes32(unchecked: out)
    }

    public static func hash(_ text: String) -> Bytes32 {
        hash(Array(text.utf8))
    }
}
