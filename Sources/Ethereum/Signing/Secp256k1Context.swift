import CSecp256k1
import Foundation

/// The process-wide libsecp256k1 context.
///
/// libsecp256k1 functions take the context as `const`, so one context serves every thread once it
/// is created and randomized; creating one per signature would cost more than the signature.
final class Secp256k1Context: @unchecked Sendable {
    static let shared = Secp256k1Context()

    let pointer: OpaquePointer

    private init() {
        // SECP256K1_CONTEXT_NONE: since libsecp256k1 0.2 every context can sign and verify.
        guard let context = secp256k1_context_create(UInt32(1)) else {
            fatalError("libsecp256k1 could not create a context")
        }
        // Blinding the generator multiplication protects the key from timing and power side
        // channels; the seed only has to be unpredictable, not secret to us.
        var seed = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in seed.indices { seed[index] = UInt8.random(in: .min ... .max, using: &generator) }
        _ = secp256k1_context_randomize(context, seed)
        pointer = context
    }
}
