//! The generated Rust modules of the core contracts and of the quickstart's contracts, included
//! from the build output (never committed) exactly as a user's crate would include them.
#![deny(warnings)]

pub mod core_contracts {
    include!(concat!(env!("CODEANATOMY_RUST_DIR"), "/core_contracts.rs"));
}

pub mod quickstart_contracts {
    include!(concat!(
        env!("CODEANATOMY_RUST_DIR"),
        "/quickstart_contracts.rs"
    ));
}

pub mod verify;
