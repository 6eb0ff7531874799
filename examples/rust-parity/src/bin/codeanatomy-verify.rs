//! `codeanatomy-verify DIR`: verifies a run folder in Rust, as `codeanatomy verify DIR` does in
//! Java. Prints one line per problem naming file and field, then `unchecked:` lines, then a
//! summary; `--recomputed` first prints every hash recomputed from the bytes. Exit codes as the
//! Java verify: 0 intact, 1 something differs, 2 a usage error or a folder that holds no run.

use codeanatomy_rust_parity::verify;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: codeanatomy-verify [--recomputed] DIR";

fn main() -> ExitCode {
    let mut recomputed = false;
    let mut dirs = Vec::new();
    for arg in std::env::args_os().skip(1) {
        match arg.to_str() {
            Some("--recomputed") => recomputed = true,
            Some("-h") | Some("--help") => {
                println!("{}", USAGE);
                return ExitCode::SUCCESS;
            }
            Some(flag) if flag.starts_with('-') => {
                eprintln!("unknown option '{}'\n{}", flag, USAGE);
                return ExitCode::from(2);
            }
            _ => dirs.push(PathBuf::from(arg)),
        }
    }
    if dirs.len() != 1 {
        eprintln!("expected one run folder, got {}\n{}", dirs.len(), USAGE);
        return ExitCode::from(2);
    }
    match verify::verify(&dirs[0]) {
        Err(unreadable) => {
            eprintln!("{}", unreadable);
            ExitCode::from(2)
        }
        Ok(verification) => {
            let (text, code) = verify::report(&verification, recomputed);
            let mut out = std::io::stdout().lock();
            if out
                .write_all(text.as_bytes())
                .and_then(|_| out.flush())
                .is_err()
            {
                return ExitCode::from(2);
            }
            ExitCode::from(code as u8)
        }
    }
}
