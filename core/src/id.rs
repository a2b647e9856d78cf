//! Identifiers the widget makes itself: the registration's idempotency key.
//! A UUID version 4 from 16 random bytes (the browser's
//! `crypto.getRandomValues`), written here rather than with the `uuid`
//! crate: the widget needs only this, and the crate with its `getrandom`
//! back end cost more wasm (docs/performance.md).

/// The UUID version 4 (RFC 9562) made of `bytes`: version and variant bits
/// set, lower-case hex in the 8-4-4-4-12 form.
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_version_4_uuid() {
        assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
        assert_eq!(uuid_v4([0xff; 16]), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        let id = uuid_v4(*b"\x12\x34\x56\x78\x9a\xbc\xde\xf0\x12\x34\x56\x78\x9a\xbc\xde\xf0");
        assert_eq!(id, "12345678-9abc-4ef0-9234-56789abcdef0");
    }
}
