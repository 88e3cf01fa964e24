//! secp256k1 keys, raw-hash signatures `r ‖ s ‖ v` and the recovery rules of spec §5
//! (`IsValidSignature`): `v ∈ {27, 28}`, low `s`, `ecrecover(keccak256(message))`, no EIP-191.

use crate::{
    Address, B256, U256, abi, keccak256,
    memo::{Memo, remembered},
};
use k256::ecdsa::{RecoveryId, Signature, SigningKey, VerifyingKey};

/// The largest `s` accepted: `secp256k1n / 2`.
pub const MAX_LOW_S: U256 = U256::from_be_bytes(alloy_primitives::hex!(
    "7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0"
));

/// A 65-byte signature `r ‖ s ‖ v`.
pub type RawSignature = [u8; 65];

/// A secp256k1 signing key with its Ethereum address.
#[derive(Clone, Debug)]
pub struct Signer {
    key: SigningKey,
    address: Address,
}

impl Signer {
    /// The key with secret `keccak256("ovm-signer" ‖ seed)` (re-hashed until valid), so that
    /// vectors can name signers by a number.
    ///
    /// Derivations are cached per thread (a public key costs a scalar multiplication, and the
    /// runner and the fuzzer derive the same few signers for every vector).
    pub fn from_seed(seed: u64) -> Self {
        thread_local! {
            static DERIVED: Memo<u64, Signer> = Memo::default();
        }
        remembered(&DERIVED, &seed, size_of::<u64>(), || {
            let mut material = keccak256([b"ovm-signer".as_slice(), &seed.to_be_bytes()].concat());
            loop {
                if let Ok(key) = SigningKey::from_slice(material.as_slice()) {
                    break Self::from_key(key);
                }
                material = keccak256(material);
            }
        })
    }

    fn from_key(key: SigningKey) -> Self {
        let address = address_of(key.verifying_key());
        Self { key, address }
    }

    /// The signer's address.
    pub fn address(&self) -> Address {
        self.address
    }

    /// `abi.encode(address)` of the signer, the `IsValidSignature` signer input.
    pub fn address_word(&self) -> alloy_primitives::Bytes {
        abi::encode_address(self.address)
    }

    /// Signs `keccak256(message)` (no prefix); `v` is 27 or 28 and `s` is low.
    ///
    /// Signing is deterministic (RFC 6979), so signatures are remembered per thread by signer
    /// and digest: the fuzzer signs the same few messages for every case.
    pub fn sign(&self, message: &[u8]) -> RawSignature {
        thread_local! {
            static SIGNED: Memo<(Address, B256), RawSignature> = Memo::default();
        }
        let hash = keccak256(message);
        remembered(
            &SIGNED,
            &(self.address, hash),
            size_of::<(Address, B256)>(),
            || self.sign_prehash(hash),
        )
    }

    /// The signature of a digest, `s` normalised to low and `v` adjusted with it.
    fn sign_prehash(&self, hash: B256) -> RawSignature {
        let (signature, recovery) = self
            .key
            .sign_prehash_recoverable(hash.as_slice())
            .expect("signing a 32-byte prehash cannot fail");
        let (signature, recovery) = match signature.normalize_s() {
            Some(low) => (
                low,
                RecoveryId::new(!recovery.is_y_odd(), recovery.is_x_reduced()),
            ),
            None => (signature, recovery),
        };
        let mut out = [0u8; 65];
        out[..64].copy_from_slice(&signature.to_bytes());
        out[64] = 27 + recovery.to_byte();
        out
    }
}

fn address_of(key: &VerifyingKey) -> Address {
    let point = key.to_encoded_point(false);
    Address::from_slice(&keccak256(&point.as_bytes()[1..])[12..])
}

/// `ecrecover(keccak256(message), v, r, s)` under the §5 rules: 65 bytes, `v ∈ {27, 28}`
/// checked first, `s ≤ secp256k1n/2`, and a recoverable point. `None` where ecrecover fails.
pub fn recover(message: &[u8], signature: &[u8]) -> Option<Address> {
    let signature: &RawSignature = signature.try_into().ok()?;
    let v = signature[64];
    if v != 27 && v != 28 {
        return None;
    }
    if U256::from_be_slice(&signature[32..64]) > MAX_LOW_S {
        return None;
    }
    thread_local! {
        static RECOVERED: Memo<(B256, RawSignature), Option<Address>> = Memo::default();
    }
    let digest = keccak256(message);
    remembered(
        &RECOVERED,
        &(digest, *signature),
        size_of::<(B256, RawSignature)>(),
        || recover_prehash(digest, signature, v),
    )
}

/// The elliptic-curve part of [`recover`], after its byte checks.
fn recover_prehash(digest: B256, signature: &RawSignature, v: u8) -> Option<Address> {
    let parsed = Signature::from_slice(&signature[..64]).ok()?;
    let recovery = RecoveryId::from_byte(v - 27)?;
    let key = VerifyingKey::recover_from_prehash(digest.as_slice(), &parsed, recovery).ok()?;
    Some(address_of(&key))
}

/// The `IsValidSignature` check on its first three inputs: the signer word is canonical and
/// non-zero, and [`recover`] yields it.
pub fn is_valid_signature(message: &[u8], signature: &[u8], signer_word: &[u8]) -> bool {
    match abi::decode_address(signer_word) {
        Some(signer) if !signer.is_zero() => recover(message, signature) == Some(signer),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_and_recover() {
        let signer = Signer::from_seed(1);
        let sig = signer.sign(b"spend");
        assert!(sig[64] == 27 || sig[64] == 28);
        assert_eq!(recover(b"spend", &sig), Some(signer.address()));
        assert!(is_valid_signature(b"spend", &sig, &signer.address_word()));
        assert!(!is_valid_signature(b"other", &sig, &signer.address_word()));
        assert!(!is_valid_signature(
            b"spend",
            &sig,
            &abi::encode_address(Address::ZERO)
        ));
    }

    #[test]
    fn v_and_s_rules() {
        let signer = Signer::from_seed(2);
        let mut sig = signer.sign(b"m");
        let original_v = sig[64];
        sig[64] = original_v - 27;
        assert_eq!(recover(b"m", &sig), None);
        sig[64] = original_v;
        // The high-s twin of a valid signature: s' = n − s, v flipped.
        let n = U256::from_be_bytes(alloy_primitives::hex!(
            "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"
        ));
        let s = U256::from_be_slice(&sig[32..64]);
        let mut high = sig;
        high[32..64].copy_from_slice(&(n - s).to_be_bytes::<32>());
        high[64] = if original_v == 27 { 28 } else { 27 };
        assert_eq!(recover(b"m", &high), None);
        assert_eq!(recover(b"m", &sig[..64]), None);
    }

    /// `s` at exactly secp256k1n/2 is low (some key recovers); one above it is not.
    #[test]
    fn the_low_s_boundary_is_inclusive() {
        let mut sig = Signer::from_seed(3).sign(b"m");
        sig[32..64].copy_from_slice(&MAX_LOW_S.to_be_bytes::<32>());
        assert!(recover(b"m", &sig).is_some());
        sig[32..64].copy_from_slice(&(MAX_LOW_S + U256::from(1)).to_be_bytes::<32>());
        assert_eq!(recover(b"m", &sig), None);
    }

    #[test]
    fn seeds_are_deterministic_and_distinct() {
        assert_eq!(
            Signer::from_seed(7).address(),
            Signer::from_seed(7).address()
        );
        assert_ne!(
            Signer::from_seed(7).address(),
            Signer::from_seed(8).address()
        );
    }
}
