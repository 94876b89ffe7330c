//! Padding: a message's length would tell a thief (or anyone who sees the
//! ciphertext) roughly what it says ("yes" against a page of detail). So the
//! plaintext is framed as a 4-byte big-endian length, the bytes, and zeros
//! up to the smallest bucket that holds it; the age ciphertext of every
//! message in a bucket is then the same size. The bucket is the only size
//! stored in clear.

/// The plaintext sizes a message is padded to, in bytes (frame included).
/// The largest holds [`crate::MAX_TEXT_CHARS`] characters of any script
/// with room for the JSON around them.
pub const BUCKETS: [usize; 3] = [512, 2_048, 16_384];

/// Why a padded frame could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PadError {
    /// Longer than the largest bucket.
    #[error("message too long to pad")]
    TooLong,
    /// Not a frame this module wrote (wrong size, length or padding).
    #[error("not a padded frame")]
    Malformed,
}

/// The bucket (its size) that `len` plaintext bytes are padded to.
pub fn bucket_of(len: usize) -> Option<usize> {
    BUCKETS.into_iter().find(|&b| len + 4 <= b)
}

/// `bytes` framed and padded to its bucket.
pub fn pad(bytes: &[u8]) -> Result<Vec<u8>, PadError> {
    let bucket = bucket_of(bytes.len()).ok_or(PadError::TooLong)?;
    let len = u32::try_from(bytes.len()).map_err(|_| PadError::TooLong)?;
    let mut frame = Vec::with_capacity(bucket);
    frame.extend_from_slice(&len.to_be_bytes());
    frame.extend_from_slice(bytes);
    frame.resize(bucket, 0);
    Ok(frame)
}

/// The bytes inside a frame [`pad`] wrote. The frame must be exactly a
/// bucket long and padded with zeros.
pub fn unpad(frame: &[u8]) -> Result<&[u8], PadError> {
    if !BUCKETS.contains(&frame.len()) {
        return Err(PadError::Malformed);
    }
    let (len, rest) = frame.split_at(4);
    let len = u32::from_be_bytes([len[0], len[1], len[2], len[3]]) as usize;
    if len > rest.len() || rest[len..].iter().any(|&b| b != 0) {
        return Err(PadError::Malformed);
    }
    Ok(&rest[..len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_in_one_bucket_pad_to_one_size() {
        assert_eq!(pad(b"yes").unwrap().len(), 512);
        assert_eq!(pad(&[b'x'; 508]).unwrap().len(), 512);
        assert_eq!(pad(&[b'x'; 509]).unwrap().len(), 2_048);
        assert_eq!(pad(&[b'x'; 16_380]).unwrap().len(), 16_384);
        assert_eq!(pad(&[b'x'; 16_381]), Err(PadError::TooLong));
        assert_eq!(bucket_of(0), Some(512));
    }

    #[test]
    fn unpad_gives_back_exactly_the_bytes() {
        for text in [&b""[..], b"yes", &[0u8; 100], &[b'y'; 2_000]] {
            assert_eq!(unpad(&pad(text).unwrap()).unwrap(), text);
        }
    }

    #[test]
    fn unpad_refuses_what_pad_did_not_write() {
        let mut frame = pad(b"yes").unwrap();
        frame[100] = 1;
        assert_eq!(unpad(&frame), Err(PadError::Malformed));
        let mut frame = pad(b"yes").unwrap();
        frame[..4].copy_from_slice(&600u32.to_be_bytes());
        assert_eq!(unpad(&frame), Err(PadError::Malformed));
        assert_eq!(unpad(&[0; 511]), Err(PadError::Malformed));
    }
}
