//! Deploying from creation codes given by name (`CreationCodes`, `Chain::deploy_codes`).

use ovm_chain::{Chain, CreationCodes, DEPLOYER, deployment::DEPLOYMENT_ORDER};

#[test]
fn bundled_codes_deploy_like_deploy() {
    let mut by_codes = Chain::new();
    let d = by_codes
        .deploy_codes(DEPLOYER, 5, &CreationCodes::bundled())
        .unwrap();
    let by_default = Chain::deployed(5).unwrap();
    assert_eq!(Some(&d), by_default.deployment());
    for (_, address) in d.all() {
        assert_eq!(by_codes.code(address), by_default.code(address));
    }
}

#[test]
fn named_codes_must_be_complete_and_known() {
    let bundled = CreationCodes::bundled();
    let named: Vec<(&str, ovm_core::Bytes)> = DEPLOYMENT_ORDER
        .iter()
        .map(|n| (*n, bundled.get(n).unwrap().clone()))
        .collect();
    assert_eq!(CreationCodes::from_named(named.clone()).unwrap(), bundled);
    let err = CreationCodes::from_named(named[1..].to_vec()).unwrap_err();
    assert!(
        err.to_string().contains("UniversalAdjudicationContract"),
        "{err}"
    );
    let mut extra = named.clone();
    extra.push(("Nope", Default::default()));
    assert!(
        CreationCodes::from_named(extra)
            .unwrap_err()
            .to_string()
            .contains("Nope")
    );
    let mut twice = named;
    twice.push(("NotPredicate", Default::default()));
    assert!(
        CreationCodes::from_named(twice)
            .unwrap_err()
            .to_string()
            .contains("twice")
    );
}

#[test]
fn swapped_codes_deploy_but_behave_differently() {
    let mut codes = CreationCodes::bundled();
    // And's slot gets Or's code: still deployable with the spec's wiring.
    codes.0[2] = codes.0[3].clone();
    let mut chain = Chain::new();
    let d = chain.deploy_codes(DEPLOYER, 7, &codes).unwrap();
    assert_eq!(chain.code(d.and), chain.code(d.or));
}
