/// EdgewiseEthereum: the Ethereum primitives every on-chain venue needs, and nothing venue-specific.
///
/// Keccak-256 (Botan), secp256k1 recoverable signatures (libsecp256k1: RFC 6979 nonces, low-s,
/// `v` = 27/28), EIP-55 addresses, the general EIP-712 typed-data encoder, and the transaction
/// pieces (ABI, RLP, EIP-1559, JSON-RPC) that redeem and split/merge use. Polymarket orders and
/// `ClobAuth` are typed data built on this module; the same encoder serves any other typed data.
///
/// Money never passes through `Double` here: integers are `BigUInt` or fixed-width words.
enum EthereumModule {}
