//! A deterministic mutation fuzzer, standard library only: seeded xorshift, and the mutation
//! kinds that break readers (truncations, bit flips, changed and inserted bytes, oversized
//! lengths and counts, deep nesting, huge varints), each in the spelling of the format under
//! test.

/// xorshift64*: small, fast, and the same sequence on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn byte(&mut self) -> u8 {
        self.next_u64() as u8
    }
}

/// The format being fuzzed: which lengths, nestings and numbers are its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Wire,
    MsgPack,
    Json,
}

/// The kinds of mutation, for counting that each was tried.
pub const KINDS: [&str; 9] = [
    "truncate",
    "flip bits",
    "change a byte",
    "insert bytes",
    "delete bytes",
    "duplicate a slice",
    "oversized length",
    "deep nesting",
    "huge number",
];

/// One mutation of `input`; returns the mutated bytes and the kind applied.
pub fn mutate(input: &[u8], format: Format, rng: &mut Rng) -> (Vec<u8>, usize) {
    let mut out = input.to_vec();
    let kind = rng.below(KINDS.len());
    let at = |rng: &mut Rng, len: usize| rng.below(len + 1);
    match kind {
        0 => {
            let n = at(rng, out.len());
            out.truncate(n);
        }
        1 => {
            for _ in 0..1 + rng.below(3) {
                if !out.is_empty() {
                    let i = rng.below(out.len());
                    out[i] ^= 1 << rng.below(8);
                }
            }
        }
        2 => {
            if !out.is_empty() {
                let i = rng.below(out.len());
                const INTERESTING: [u8; 12] = [
                    0x00, 0xff, 0x7f, 0x80, 0xc0, 0xc1, 0x22, 0x5c, 0x0a, 0x01, 0x2c, 0x7b,
                ];
                out[i] = if rng.below(2) == 0 {
                    INTERESTING[rng.below(INTERESTING.len())]
                } else {
                    rng.byte()
                };
            }
        }
        3 => {
            let i = at(rng, out.len());
            let bytes: Vec<u8> = (0..1 + rng.below(4)).map(|_| rng.byte()).collect();
            out.splice(i..i, bytes);
        }
        4 => {
            if !out.is_empty() {
                let i = rng.below(out.len());
                let n = (1 + rng.below(4)).min(out.len() - i);
                out.drain(i..i + n);
            }
        }
        5 => {
            if !out.is_empty() {
                let i = rng.below(out.len());
                let n = (1 + rng.below(16)).min(out.len() - i);
                let slice = out[i..i + n].to_vec();
                let j = at(rng, out.len());
                out.splice(j..j, slice);
            }
        }
        6 => {
            let i = at(rng, out.len());
            let length: &[u8] = match format {
                // A length-delimited field of field 1 and 2, claiming 2^32 - 1 or 2^63 bytes.
                Format::Wire => match rng.below(3) {
                    0 => &[0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f],
                    1 => &[
                        0x12, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01,
                    ],
                    _ => &[0xff, 0xff, 0xff, 0x7f],
                },
                Format::MsgPack => match rng.below(4) {
                    0 => &[0xdb, 0xff, 0xff, 0xff, 0xff],
                    1 => &[0xdd, 0x7f, 0xff, 0xff, 0xff],
                    2 => &[0xdf, 0xff, 0xff, 0xff, 0xff],
                    _ => &[0xc6, 0x00, 0x10, 0x00, 0x00],
                },
                Format::Json => match rng.below(3) {
                    0 => b"\"\\u",
                    1 => b"[[[[[[[[",
                    _ => b"{\"",
                },
            };
            out.splice(i..i, length.iter().copied());
        }
        7 => {
            let i = at(rng, out.len());
            let depth = 90 + rng.below(60);
            let (open, close): (&[u8], &[u8]) = match format {
                // Start-group tags of field 1, which nest unknown groups.
                Format::Wire => (&[0x0b], &[0x0c]),
                Format::MsgPack => (&[0x91], &[]),
                Format::Json => {
                    if rng.below(2) == 0 {
                        (b"[", b"]")
                    } else {
                        (b"{\"a\":", b"}")
                    }
                }
            };
            let closing: Vec<u8> = close.repeat(depth);
            let j = i + open.len() * depth;
            out.splice(i..i, open.repeat(depth));
            if rng.below(2) == 0 {
                let k = at(rng, out.len() - j) + j;
                out.splice(k..k, closing);
            }
        }
        _ => {
            let i = at(rng, out.len());
            let number: Vec<u8> = match format {
                Format::Wire => {
                    let mut v = vec![0xff; 9 + rng.below(3)];
                    v.push(if rng.below(2) == 0 { 0x01 } else { 0x7f });
                    v
                }
                Format::MsgPack => vec![0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
                Format::Json => match rng.below(4) {
                    0 => b"1e999999".to_vec(),
                    1 => b"-0.0000000000000000000000000000001".to_vec(),
                    2 => "9".repeat(40).into_bytes(),
                    _ => "1".repeat(1200).into_bytes(),
                },
            };
            out.splice(i..i, number);
        }
    }
    (out, kind)
}
