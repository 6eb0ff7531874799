//! The hand-written typed decoders of `generated_example.rs` on the real run: the package back
//! to the same bytes, its fingerprint, and every bundle's fingerprint and identity.

use crate::generated_example::*;
use crate::schemas;
use crate::support;
use crate::wire::Message;

#[test]
fn the_typed_api_reads_the_sealed_package_and_writes_it_back_byte_for_byte() {
    let info = schemas::contract_info("execution_package");
    let sealed = support::read("run/package.binpb");
    let package = ExecutionPackage::from_binary(&info, &sealed).expect("the sealed package");
    assert!(!package.plan_bundle_fingerprints.is_empty());
    assert_eq!(package.to_binary(&info), sealed);
    // The same as the schema-driven reader makes of it.
    let dynamic = crate::dynamic::read_binary_payload(
        &info,
        &schemas::EXECUTION_PACKAGE,
        schemas::message,
        &sealed,
    )
    .expect("dynamic");
    let body = crate::dynamic::encode(&schemas::EXECUTION_PACKAGE, schemas::message, &dynamic);
    assert_eq!(body, package.encode());
}

#[test]
fn the_typed_api_keeps_presence_and_unknown_fields() {
    let mut package = ExecutionPackage {
        cache_diagnostics: Some(CacheDiagnostics::default()),
        ..Default::default()
    };
    package
        .plan_bundle_fingerprints
        .insert("\u{ff61}".into(), "a".into());
    package
        .plan_bundle_fingerprints
        .insert("\u{1f600}".into(), "b".into());
    package
        .unknown_fields
        .push(99, crate::wire::UnknownValue::Varint(1));
    let bytes = package.encode();
    // The emoji key first: protobuf-java sorts string keys by UTF-16 code units; the empty
    // message is written (62 00); the unknown field last.
    assert_eq!(
        support::hex(&bytes),
        "22090a04f09f98801201622208\
     0a03efbda11201616200980601"
    );
    assert_eq!(ExecutionPackage::decode(&bytes).expect("decode"), package);
    // A strict contract refuses the unknown field, naming it as Java does.
    let info = schemas::contract_info("execution_package");
    let error = ExecutionPackage::from_binary(&info, &package.to_binary(&info)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot read execution_package field #99: unknown field (a newer writer?); \
     execution_package is strict and refuses fields it does not declare"
    );
}

#[test]
fn plan_fingerprints_and_identities_read_from_json_hash_as_the_package_records() {
    let package_info = schemas::contract_info("execution_package");
    let sealed = ExecutionPackage::from_binary(&package_info, &support::read("run/package.binpb"))
        .expect("the sealed package");
    let contract = sealed.to_contract().expect("known cache kinds");
    assert_eq!(contract.hash().expect("hash"), sealed.package_fingerprint);
    let fingerprint_info = schemas::contract_info("plan_fingerprint");
    let identity_info = schemas::contract_info("plan_identity");
    let bundles = std::fs::read_dir(support::runtime_dir().join("run/bundles")).expect("bundles");
    let mut checked = 0;
    for bundle in bundles {
        let name = bundle
            .expect("entry")
            .file_name()
            .into_string()
            .expect("name");
        let dir = format!("run/bundles/{}", name);
        let fingerprint = read_json_payload(
            &fingerprint_info,
            &support::read(&format!("{}/fingerprint.json", dir)),
            plan_fingerprint_from_json,
        )
        .expect("fingerprint.json");
        let identity = read_json_payload(
            &identity_info,
            &support::read(&format!("{}/identity.json", dir)),
            plan_identity_from_json,
        )
        .expect("identity.json");
        let hash = fingerprint.hash().expect("hash");
        assert_eq!(identity.plan_fingerprint, hash, "{}", name);
        assert_eq!(
            sealed.plan_bundle_fingerprints.get(&name),
            Some(&hash),
            "{}",
            name
        );
        let plan = support::read(&format!("{}/substrait.binpb", dir));
        assert_eq!(
            crate::canonical::sha256::hex(&plan),
            fingerprint.substrait_hash
        );
        assert!(identity.hash().is_ok());
        checked += 1;
    }
    assert!(checked >= 3, "{} bundles", checked);
}
