//! Canonical MessagePack, SHA-256 and setting text, as `docs/canonical-encoding.md` specifies
//! them. Written against the standard library only, so that the generated module builds offline
//! and drops into any crate: no `sha2`, no `rmp`, no `serde`.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

/// A value that has no canonical encoding (NaN, an infinity).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodeError {
    pub problem: String,
    pub path: String,
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.problem)
        } else {
            write!(f, "{} (at {})", self.problem, self.path)
        }
    }
}

impl std::error::Error for EncodeError {}

impl EncodeError {
    /// The same problem, located at `path`.
    pub fn at(self, path: &str) -> EncodeError {
        if self.path.is_empty() {
            EncodeError {
                problem: self.problem,
                path: path.to_string(),
            }
        } else {
            self
        }
    }
}

/// Writes canonical MessagePack: smallest formats, float64 only, map keys sorted by UTF-8 bytes.
#[derive(Debug, Default, Clone)]
pub struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    pub fn new() -> Writer {
        Writer { buf: Vec::new() }
    }

    pub fn with_capacity(capacity: usize) -> Writer {
        Writer {
            buf: Vec::with_capacity(capacity),
        }
    }

    pub fn write_nil(&mut self) {
        self.buf.push(0xc0);
    }

    pub fn write_bool(&mut self, value: bool) {
        self.buf.push(if value { 0xc3 } else { 0xc2 });
    }

    /// A signed integer in the smallest format; non-negative values use the unsigned formats.
    pub fn write_int(&mut self, value: i64) {
        if value >= 0 {
            self.write_uint(value as u64);
        } else if value >= -32 {
            self.buf.push(value as u8);
        } else if value >= i8::MIN as i64 {
            self.buf.push(0xd0);
            self.buf.push(value as u8);
        } else if value >= i16::MIN as i64 {
            self.buf.push(0xd1);
            self.buf.extend_from_slice(&(value as i16).to_be_bytes());
        } else if value >= i32::MIN as i64 {
            self.buf.push(0xd2);
            self.buf.extend_from_slice(&(value as i32).to_be_bytes());
        } else {
            self.buf.push(0xd3);
            self.buf.extend_from_slice(&value.to_be_bytes());
        }
    }

    pub fn write_uint(&mut self, value: u64) {
        if value <= 0x7f {
            self.buf.push(value as u8);
        } else if value <= 0xff {
            self.buf.push(0xcc);
            self.buf.push(value as u8);
        } else if value <= 0xffff {
            self.buf.push(0xcd);
            self.buf.extend_from_slice(&(value as u16).to_be_bytes());
        } else if value <= 0xffff_ffff {
            self.buf.push(0xce);
            self.buf.extend_from_slice(&(value as u32).to_be_bytes());
        } else {
            self.buf.push(0xcf);
            self.buf.extend_from_slice(&value.to_be_bytes());
        }
    }

    /// A float as float64; NaN and infinities have no canonical encoding.
    pub fn write_f64(&mut self, value: f64) -> Result<(), EncodeError> {
        if !value.is_finite() {
            return Err(EncodeError {
                problem: format!(
                    "float {} cannot be hashed: canonical payloads accept finite floats only",
                    java_float_name(value)
                ),
                path: String::new(),
            });
        }
        self.buf.push(0xcb);
        self.buf.extend_from_slice(&value.to_bits().to_be_bytes());
        Ok(())
    }

    /// A float as float64, naming `path` when it has no canonical encoding.
    pub fn write_f64_at(&mut self, value: f64, path: &str) -> Result<(), EncodeError> {
        self.write_f64(value).map_err(|e| e.at(path))
    }

    pub fn write_str(&mut self, value: &str) {
        let n = value.len();
        if n < 32 {
            self.buf.push(0xa0 | n as u8);
        } else if n <= 0xff {
            self.buf.push(0xd9);
            self.buf.push(n as u8);
        } else if n <= 0xffff {
            self.buf.push(0xda);
            self.buf.extend_from_slice(&(n as u16).to_be_bytes());
        } else {
            self.buf.push(0xdb);
            self.buf.extend_from_slice(&(n as u32).to_be_bytes());
        }
        self.buf.extend_from_slice(value.as_bytes());
    }

    pub fn write_bin(&mut self, value: &[u8]) {
        let n = value.len();
        if n <= 0xff {
            self.buf.push(0xc4);
            self.buf.push(n as u8);
        } else if n <= 0xffff {
            self.buf.push(0xc5);
            self.buf.extend_from_slice(&(n as u16).to_be_bytes());
        } else {
            self.buf.push(0xc6);
            self.buf.extend_from_slice(&(n as u32).to_be_bytes());
        }
        self.buf.extend_from_slice(value);
    }

    pub fn write_array_header(&mut self, count: usize) {
        if count < 16 {
            self.buf.push(0x90 | count as u8);
        } else if count <= 0xffff {
            self.buf.push(0xdc);
            self.buf.extend_from_slice(&(count as u16).to_be_bytes());
        } else {
            self.buf.push(0xdd);
            self.buf.extend_from_slice(&(count as u32).to_be_bytes());
        }
    }

    /// The header of a map; the caller writes the entries with keys in UTF-8 byte order.
    pub fn write_map_header(&mut self, count: usize) {
        if count < 16 {
            self.buf.push(0x80 | count as u8);
        } else if count <= 0xffff {
            self.buf.push(0xde);
            self.buf.extend_from_slice(&(count as u16).to_be_bytes());
        } else {
            self.buf.push(0xdf);
            self.buf.extend_from_slice(&(count as u32).to_be_bytes());
        }
    }

    /// Appends bytes that are already canonical (a nested value encoded on its own).
    pub fn write_encoded(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Text pairs as an array of `[key, value]` arrays sorted by key: the settings-hash layout.
    /// A `BTreeMap<String, _>` iterates in byte order, which is UTF-8 order.
    pub fn write_sorted_pairs(&mut self, pairs: &BTreeMap<String, String>) {
        self.write_array_header(pairs.len());
        for (key, value) in pairs {
            self.write_array_header(2);
            self.write_str(key);
            self.write_str(value);
        }
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.buf
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }

    pub fn sha256_hex(&self) -> String {
        sha256::hex(&self.buf)
    }
}

/// Java spells non-finite doubles this way; the messages match the Java side's.
fn java_float_name(value: f64) -> &'static str {
    if value.is_nan() {
        "NaN"
    } else if value > 0.0 {
        "Infinity"
    } else {
        "-Infinity"
    }
}

/// A plain value, for payloads built at run time; maps are encoded with sorted keys.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Nil,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(String),
    Bin(Vec<u8>),
    Array(Vec<Value>),
    Map(Vec<(String, Value)>),
}

impl Value {
    pub fn encode(&self, writer: &mut Writer) -> Result<(), EncodeError> {
        self.encode_at(writer, "$")
    }

    fn encode_at(&self, writer: &mut Writer, path: &str) -> Result<(), EncodeError> {
        match self {
            Value::Nil => writer.write_nil(),
            Value::Bool(b) => writer.write_bool(*b),
            Value::Int(i) => writer.write_int(*i),
            Value::UInt(u) => writer.write_uint(*u),
            Value::Float(f) => writer.write_f64(*f).map_err(|e| e.at(path))?,
            Value::Str(s) => writer.write_str(s),
            Value::Bin(b) => writer.write_bin(b),
            Value::Array(items) => {
                writer.write_array_header(items.len());
                for (i, item) in items.iter().enumerate() {
                    item.encode_at(writer, &format!("{}[{}]", path, i))?;
                }
            }
            Value::Map(entries) => {
                let mut sorted: Vec<&(String, Value)> = entries.iter().collect();
                sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
                writer.write_map_header(sorted.len());
                for (key, value) in sorted {
                    writer.write_str(key);
                    value.encode_at(writer, &format!("{}.{}", path, key))?;
                }
            }
        }
        Ok(())
    }

    /// The canonical bytes of this value.
    pub fn to_bytes(&self) -> Result<Vec<u8>, EncodeError> {
        let mut writer = Writer::new();
        self.encode(&mut writer)?;
        Ok(writer.into_bytes())
    }
}

/// The settings hash: SHA-256 of the sorted `[key, value]` pairs.
pub fn settings_hash(settings: &BTreeMap<String, String>) -> String {
    let mut writer = Writer::with_capacity(64 * settings.len() + 16);
    writer.write_sorted_pairs(settings);
    writer.sha256_hex()
}

/// The feature-gate parity hash: SHA-256 of `key=value` sorted by key, joined with `|`.
pub fn feature_gate_parity(gates: &BTreeMap<String, String>) -> String {
    let text: Vec<String> = gates.iter().map(|(k, v)| format!("{}={}", k, v)).collect();
    sha256::hex(text.join("|").as_bytes())
}

/// SHA-256 (FIPS 180-4). Hand-written because the generated module must build offline with the
/// standard library alone; checked against the FIPS 180-4 examples in the parity crate's tests.
pub mod sha256 {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];

    const H0: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];

    /// The SHA-256 digest of `data`.
    pub fn digest(data: &[u8]) -> [u8; 32] {
        digest_with(data, compress_blocks)
    }

    /// The digest by the portable code alone, whatever the CPU has: for checking that both
    /// paths agree.
    pub fn digest_portable(data: &[u8]) -> [u8; 32] {
        digest_with(data, |state, blocks| {
            for block in blocks.chunks_exact(64) {
                compress(state, block);
            }
        })
    }

    fn digest_with(data: &[u8], compress_blocks: fn(&mut [u32; 8], &[u8])) -> [u8; 32] {
        let mut state = H0;
        let whole = data.len() - data.len() % 64;
        compress_blocks(&mut state, &data[..whole]);
        let rest = &data[whole..];
        let mut tail = [0u8; 128];
        tail[..rest.len()].copy_from_slice(rest);
        tail[rest.len()] = 0x80;
        let tail_len = if rest.len() < 56 { 64 } else { 128 };
        let bit_len = (data.len() as u64).wrapping_mul(8);
        tail[tail_len - 8..tail_len].copy_from_slice(&bit_len.to_be_bytes());
        compress_blocks(&mut state, &tail[..tail_len]);
        let mut out = [0u8; 32];
        for (i, word) in state.iter().enumerate() {
            out[4 * i..4 * i + 4].copy_from_slice(&word.to_be_bytes());
        }
        out
    }

    /// The SHA-256 digest of `data` as 64 lowercase hex characters.
    pub fn hex(data: &[u8]) -> String {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut text = String::with_capacity(64);
        for byte in digest(data) {
            text.push(DIGITS[(byte >> 4) as usize] as char);
            text.push(DIGITS[(byte & 0x0f) as usize] as char);
        }
        text
    }

    /// Compresses whole 64-byte blocks: with the CPU's SHA extensions where it has them (the
    /// same digest, about six times faster), else in portable code.
    fn compress_blocks(state: &mut [u32; 8], blocks: &[u8]) {
        #[cfg(target_arch = "x86_64")]
        {
            if std::is_x86_feature_detected!("sha")
                && std::is_x86_feature_detected!("sse4.1")
                && std::is_x86_feature_detected!("ssse3")
            {
                // SAFETY: the features the function is compiled for were detected just above.
                unsafe { x86::compress_blocks(state, blocks) };
                return;
            }
        }
        for block in blocks.chunks_exact(64) {
            compress(state, block);
        }
    }

    /// SHA-256 with the x86 SHA extensions (`sha256rnds2`, `sha256msg1`, `sha256msg2`): four
    /// rounds per step on the state held as ABEF/CDGH, the message schedule in four registers.
    #[cfg(target_arch = "x86_64")]
    mod x86 {
        use std::arch::x86_64::*;

        /// Four rounds with the message words `w`.
        #[inline(always)]
        unsafe fn rounds4(abef: &mut __m128i, cdgh: &mut __m128i, w: __m128i, i: usize) {
            let k = _mm_loadu_si128(super::K[4 * i..].as_ptr() as *const __m128i);
            let t1 = _mm_add_epi32(w, k);
            *cdgh = _mm_sha256rnds2_epu32(*cdgh, *abef, t1);
            let t2 = _mm_shuffle_epi32(t1, 0x0E);
            *abef = _mm_sha256rnds2_epu32(*abef, *cdgh, t2);
        }

        /// The next four message words from the previous sixteen.
        #[inline(always)]
        unsafe fn schedule(v0: __m128i, v1: __m128i, v2: __m128i, v3: __m128i) -> __m128i {
            let t1 = _mm_sha256msg1_epu32(v0, v1);
            let t2 = _mm_alignr_epi8(v3, v2, 4);
            let t3 = _mm_add_epi32(t1, t2);
            _mm_sha256msg2_epu32(t3, v3)
        }

        #[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
        pub(super) unsafe fn compress_blocks(state: &mut [u32; 8], blocks: &[u8]) {
            let mask = _mm_set_epi64x(0x0c0d_0e0f_0809_0a0b, 0x0405_0607_0001_0203);
            let dcba = _mm_loadu_si128(state.as_ptr() as *const __m128i);
            let efgh = _mm_loadu_si128(state.as_ptr().add(4) as *const __m128i);
            let cdab = _mm_shuffle_epi32(dcba, 0xB1);
            let efgh = _mm_shuffle_epi32(efgh, 0x1B);
            let mut abef = _mm_alignr_epi8(cdab, efgh, 8);
            let mut cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
            for block in blocks.chunks_exact(64) {
                let (abef_save, cdgh_save) = (abef, cdgh);
                let data = block.as_ptr() as *const __m128i;
                let mut w = [
                    _mm_shuffle_epi8(_mm_loadu_si128(data), mask),
                    _mm_shuffle_epi8(_mm_loadu_si128(data.add(1)), mask),
                    _mm_shuffle_epi8(_mm_loadu_si128(data.add(2)), mask),
                    _mm_shuffle_epi8(_mm_loadu_si128(data.add(3)), mask),
                ];
                for (i, word) in w.iter().enumerate() {
                    rounds4(&mut abef, &mut cdgh, *word, i);
                }
                for i in 4..16 {
                    let [a, b, c, d] = [i % 4, (i + 1) % 4, (i + 2) % 4, (i + 3) % 4];
                    w[a] = schedule(w[a], w[b], w[c], w[d]);
                    rounds4(&mut abef, &mut cdgh, w[a], i);
                }
                abef = _mm_add_epi32(abef, abef_save);
                cdgh = _mm_add_epi32(cdgh, cdgh_save);
            }
            let feba = _mm_shuffle_epi32(abef, 0x1B);
            let dchg = _mm_shuffle_epi32(cdgh, 0xB1);
            let dcba = _mm_blend_epi16(feba, dchg, 0xF0);
            let hgef = _mm_alignr_epi8(dchg, feba, 8);
            _mm_storeu_si128(state.as_mut_ptr() as *mut __m128i, dcba);
            _mm_storeu_si128(state.as_mut_ptr().add(4) as *mut __m128i, hgef);
        }
    }

    fn compress(state: &mut [u32; 8], block: &[u8]) {
        let mut w = [0u32; 64];
        for (i, chunk) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = h
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            h = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (slot, value) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
            *slot = slot.wrapping_add(value);
        }
    }
}

/// Setting text that does not parse; the message matches the Java side's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError {
    pub expected: String,
    pub actual: String,
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {}, got '{}'", self.expected, self.actual)
    }
}

impl std::error::Error for TextError {}

/// A `TextError` saying what was expected and what came.
pub fn text_error(expected: &str, actual: &str) -> TextError {
    TextError {
        expected: expected.to_string(),
        actual: actual.to_string(),
    }
}

/// The text forms of setting values (`docs/canonical-encoding.md`, "Setting text").
pub mod text {
    use super::{text_error, TextError};
    use std::time::Duration;

    pub fn parse_bool(text: &str) -> Result<bool, TextError> {
        match text {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(text_error("true or false", text)),
        }
    }

    pub fn format_bool(value: bool) -> String {
        if value { "true" } else { "false" }.to_string()
    }

    fn parse_decimal(
        text: &str,
        expected: &str,
        min: i128,
        max: i128,
    ) -> Result<i128, TextError> {
        let digits = text.strip_prefix('-').unwrap_or(text);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(text_error(expected, text));
        }
        let out_of_range = || text_error(&format!("{} (out of range)", expected), text);
        // 40 digits overflow every 64-bit range; stop before i128 does.
        if digits.len() > 39 {
            return Err(out_of_range());
        }
        let magnitude: i128 = digits.parse().map_err(|_| out_of_range())?;
        let value = if text.starts_with('-') {
            -magnitude
        } else {
            magnitude
        };
        if value < min || value > max {
            return Err(out_of_range());
        }
        Ok(value)
    }

    pub fn parse_i32(text: &str) -> Result<i32, TextError> {
        parse_decimal(text, "an int", i32::MIN as i128, i32::MAX as i128).map(|v| v as i32)
    }

    pub fn parse_i64(text: &str) -> Result<i64, TextError> {
        parse_decimal(text, "a long", i64::MIN as i128, i64::MAX as i128).map(|v| v as i64)
    }

    pub fn format_int(value: i64) -> String {
        value.to_string()
    }

    /// `-?D+(.D+)?((e|E)(+|-)?D+)?`, finite; Rust's own parser also takes `inf`, `+1`, `.5`.
    pub fn parse_f64(text: &str) -> Result<f64, TextError> {
        const EXPECTED: &str = "a finite decimal number";
        if !is_decimal_float(text) {
            return Err(text_error(EXPECTED, text));
        }
        let value: f64 = text.parse().map_err(|_| text_error(EXPECTED, text))?;
        if !value.is_finite() {
            return Err(text_error("a finite decimal number (out of range)", text));
        }
        Ok(value)
    }

    fn is_decimal_float(s: &str) -> bool {
        let b = s.as_bytes();
        let mut i = 0;
        if i < b.len() && b[i] == b'-' {
            i += 1;
        }
        let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
        let integer = digits(i);
        if integer == 0 {
            return false;
        }
        i += integer;
        if i < b.len() && b[i] == b'.' {
            let fraction = digits(i + 1);
            if fraction == 0 {
                return false;
            }
            i += 1 + fraction;
        }
        if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
            i += 1;
            if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
                i += 1;
            }
            let exponent = digits(i);
            if exponent == 0 {
                return false;
            }
            i += exponent;
        }
        i == b.len()
    }

    /// The shortest text that reads back as the same f64, without exponent: Rust's `{}`.
    pub fn format_f64(value: f64) -> String {
        format!("{}", value)
    }

    pub fn parse_string(text: &str) -> Result<String, TextError> {
        Ok(text.to_string())
    }

    const BYTE_UNITS: [(&str, u32); 9] = [
        ("KiB", 10),
        ("MiB", 20),
        ("GiB", 30),
        ("TiB", 40),
        ("K", 10),
        ("M", 20),
        ("G", 30),
        ("T", 40),
        ("B", 0),
    ];

    /// Digits with an optional binary unit (`64MiB`, `8G`); at most `i64::MAX`, as in Java.
    pub fn parse_byte_size(text: &str) -> Result<i64, TextError> {
        const EXPECTED: &str = "a byte size such as 1048576, 64MiB or 8GiB";
        let end = text.bytes().take_while(|b| b.is_ascii_digit()).count();
        if end == 0 {
            return Err(text_error(EXPECTED, text));
        }
        let unit = &text[end..];
        let shift = if unit.is_empty() {
            0
        } else {
            match BYTE_UNITS.iter().find(|(name, _)| *name == unit) {
                Some((_, shift)) => *shift,
                None => {
                    return Err(text_error(
                        &format!("{} (units: B, KiB, MiB, GiB, TiB)", EXPECTED),
                        text,
                    ))
                }
            }
        };
        let out_of_range = || text_error(&format!("{} (out of range)", EXPECTED), text);
        let count = parse_decimal(&text[..end], EXPECTED, 0, i64::MAX as i128)
            .map_err(|_| out_of_range())?;
        if count > (i64::MAX >> shift) as i128 {
            return Err(out_of_range());
        }
        Ok((count as i64) << shift)
    }

    pub fn format_byte_size(bytes: i64) -> String {
        bytes.to_string()
    }

    /// `[Nh][Nm][Ns]`, in that order, at least one part: whole seconds.
    pub fn parse_duration(text: &str) -> Result<Duration, TextError> {
        const EXPECTED: &str = "a duration such as 30s, 2m or 1h30m";
        if text.is_empty() {
            return Err(text_error(EXPECTED, text));
        }
        let units = [('h', 3600u64), ('m', 60u64), ('s', 1u64)];
        let mut next_unit = 0;
        let mut seconds: u64 = 0;
        let mut rest = text;
        while !rest.is_empty() {
            let digits = rest.bytes().take_while(|b| b.is_ascii_digit()).count();
            if digits == 0 || digits == rest.len() {
                return Err(text_error(EXPECTED, text));
            }
            let unit_char = rest[digits..].chars().next().unwrap_or(' ');
            let unit = match units[next_unit..].iter().position(|(c, _)| *c == unit_char) {
                Some(p) => next_unit + p,
                None => return Err(text_error(EXPECTED, text)),
            };
            let out_of_range = || text_error(&format!("{} (out of range)", EXPECTED), text);
            let amount = parse_decimal(&rest[..digits], EXPECTED, 0, i64::MAX as i128)
                .map_err(|_| out_of_range())? as u64;
            seconds = amount
                .checked_mul(units[unit].1)
                .and_then(|s| s.checked_add(seconds))
                .filter(|s| *s <= i64::MAX as u64)
                .ok_or_else(out_of_range)?;
            next_unit = unit + 1;
            rest = &rest[digits + 1..];
        }
        Ok(Duration::from_secs(seconds))
    }

    /// `Nm` when a whole number of minutes, else `Ns`.
    pub fn format_duration(duration: Duration) -> String {
        let seconds = duration.as_secs();
        if seconds != 0 && seconds % 60 == 0 {
            format!("{}m", seconds / 60)
        } else {
            format!("{}s", seconds)
        }
    }

    /// Why a duration has no setting text, if it has none.
    pub fn duration_problem(duration: Duration) -> Option<&'static str> {
        if duration.subsec_nanos() != 0 {
            Some("must be whole seconds")
        } else {
            None
        }
    }

    pub fn parse_string_list(text: &str) -> Result<Vec<String>, TextError> {
        if text.is_empty() {
            return Ok(Vec::new());
        }
        Ok(text.split(',').map(|s| s.to_string()).collect())
    }

    pub fn format_string_list(values: &[String]) -> String {
        values.join(",")
    }

    /// Why a list element has no setting text, if it has none.
    pub fn list_element_problem(element: &str) -> Option<&'static str> {
        if element.is_empty() {
            Some("must not be empty")
        } else if element.contains(',') {
            Some("must not contain a comma (the list separator)")
        } else {
            None
        }
    }
}

/// One violated constraint: a key and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every violation found while checking or parsing settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violations {
    pub subject: String,
    pub violations: Vec<Violation>,
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.violations.len();
        if n == 1 {
            write!(f, "1 problem in {}:", self.subject)?;
        } else {
            write!(f, "{} problems in {}:", n, self.subject)?;
        }
        for v in &self.violations {
            write!(f, "\n  - {}", v)?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}

/// Collects violations, then fails once with all of them.
#[derive(Debug, Default)]
pub struct Checker {
    violations: Vec<Violation>,
}

impl Checker {
    pub fn new() -> Checker {
        Checker::default()
    }

    pub fn add(&mut self, path: &str, message: String) {
        self.violations.push(Violation {
            path: path.to_string(),
            message,
        });
    }

    pub fn range_i64(&mut self, path: &str, value: i64, min: Option<i64>, max: Option<i64>) {
        if let Some(min) = min.filter(|m| value < *m) {
            self.add(path, format!("must be at least {}, got {}", min, value));
        }
        if let Some(max) = max.filter(|m| value > *m) {
            self.add(path, format!("must be at most {}, got {}", max, value));
        }
    }

    pub fn range_f64(&mut self, path: &str, value: f64, min: Option<f64>, max: Option<f64>) {
        if !value.is_finite() {
            self.add(
                path,
                format!("must be a finite number, got {}", java_float_name(value)),
            );
            return;
        }
        if let Some(min) = min.filter(|m| value < *m) {
            self.add(
                path,
                format!(
                    "must be at least {}, got {}",
                    text::format_f64(min),
                    text::format_f64(value)
                ),
            );
        }
        if let Some(max) = max.filter(|m| value > *m) {
            self.add(
                path,
                format!(
                    "must be at most {}, got {}",
                    text::format_f64(max),
                    text::format_f64(value)
                ),
            );
        }
    }

    pub fn range_duration(
        &mut self,
        path: &str,
        value: Duration,
        min: Option<Duration>,
        max: Option<Duration>,
    ) {
        if let Some(problem) = text::duration_problem(value) {
            self.add(path, format!("{}, got {:?}", problem, value));
            return;
        }
        if let Some(min) = min.filter(|m| value < *m) {
            self.add(
                path,
                format!(
                    "must be at least {}, got {}",
                    text::format_duration(min),
                    text::format_duration(value)
                ),
            );
        }
        if let Some(max) = max.filter(|m| value > *m) {
            self.add(
                path,
                format!(
                    "must be at most {}, got {}",
                    text::format_duration(max),
                    text::format_duration(value)
                ),
            );
        }
    }

    pub fn list_elements(&mut self, path: &str, values: &[String]) {
        for (i, value) in values.iter().enumerate() {
            if let Some(problem) = text::list_element_problem(value) {
                self.add(&format!("{}[{}]", path, i), problem.to_string());
            }
        }
    }

    /// A key no schema declares, with the closest known key as a hint.
    pub fn unknown_key(&mut self, key: &str, known: &[&str]) {
        let message = match nearest_name(key, known) {
            Some(near) => format!("unknown key; did you mean {}?", near),
            None => "unknown key".to_string(),
        };
        self.add(key, message);
    }

    pub fn is_empty(&self) -> bool {
        self.violations.is_empty()
    }

    pub fn finish(self, subject: &str) -> Result<(), Violations> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(Violations {
                subject: subject.to_string(),
                violations: self.violations,
            })
        }
    }

    pub fn into_violations(self) -> Vec<Violation> {
        self.violations
    }

    pub fn extend(&mut self, more: Vec<Violation>) {
        self.violations.extend(more);
    }
}

/// The known name closest to `name` (insertions, deletions, substitutions and swaps), when
/// within a third of its length; the same rule as the Java side's.
pub fn nearest_name<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    let limit = std::cmp::max(1, name.encode_utf16().count() / 3);
    let mut best: Option<(&'a str, usize)> = None;
    for candidate in known {
        let d = edit_distance(name, candidate);
        if d <= limit {
            let better = match best {
                None => true,
                Some((b, bd)) => d < bd || (d == bd && candidate < &b),
            };
            if better {
                best = Some((candidate, d));
            }
        }
    }
    best.map(|(b, _)| b)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<u16> = a.encode_utf16().collect();
    let b: Vec<u16> = b.encode_utf16().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for j in 0..=b.len() {
        d[0][j] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}
