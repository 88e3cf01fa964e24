//! `encoding`: ovm-core against the UAC's and ForAll's extra views (`getPropertyId`,
//! `isProperty`, `isPlaceholder`, `depthOf`, `ForAll.subst`, `ForAll.isAdmissible`), check by
//! check (§9 E).

use super::KindRun;
use crate::{
    RunError,
    ctx::{Ctx, ViewResult, show_view, view_result},
    report::{Divergence, DivergenceClass},
};
use ovm_chain::bindings::{
    ForAllSuchThatQuantifier as ForAll, UniversalAdjudicationContract as Uac,
};
use ovm_core::{Bytes, ConnectiveKind, U256};
use ovm_vectors::{Check, EncodingVector, Hash32};

/// One check's two answers and expectation, as equality and (only when they differ, so that
/// agreeing checks format nothing) as strings.
struct Compared {
    what: String,
    rust: String,
    chain: String,
    expected: Option<String>,
    /// The class of the halves' disagreement (a revert of the view, or different answers).
    class: DivergenceClass,
    halves_agree: bool,
    expect_holds: bool,
}

fn compare<T: PartialEq + std::fmt::Display>(
    what: impl FnOnce() -> String,
    rust: T,
    chain: ViewResult<T>,
    expected: Option<T>,
    show: impl Fn(&T) -> String,
    namer: &crate::views::Namer,
) -> Compared {
    let halves_agree = chain.as_ref().is_ok_and(|c| *c == rust);
    let expect_holds = expected.as_ref().is_none_or(|e| *e == rust);
    if halves_agree && expect_holds {
        return Compared {
            what: String::new(),
            rust: String::new(),
            chain: String::new(),
            expected: None,
            class: DivergenceClass::EncodingMismatch,
            halves_agree,
            expect_holds,
        };
    }
    Compared {
        what: what(),
        rust: show(&rust),
        chain: match &chain {
            Ok(c) => show(c),
            Err(revert) => show_view(namer, &Err::<String, _>(revert.clone())),
        },
        expected: expected.as_ref().map(show),
        class: match &chain {
            Ok(_) => DivergenceClass::EncodingMismatch,
            Err(revert) => super::revert_class(revert),
        },
        halves_agree,
        expect_holds,
    }
}

/// The function a check compares (the subject of its divergences).
fn check_name(check: &Check) -> &'static str {
    match check {
        Check::Id { .. } => "id",
        Check::IsProperty { .. } => "is_property",
        Check::Placeholder { .. } => "is_placeholder",
        Check::Subst { .. } => "subst",
        Check::Depth { .. } => "depth",
        Check::Admissible { .. } => "is_admissible",
    }
}

pub(crate) fn run<D: ?Sized>(
    ctx: &mut Ctx<'_, D>,
    v: &EncodingVector,
) -> Result<KindRun<EncodingVector>, RunError> {
    let mut divergences = Vec::new();
    let mut filled = v.clone();
    let registry = ctx.registry;
    let uac = ctx.d.uac;
    let for_all = ctx.d.for_all;
    for (i, (check, slot)) in v.checks.iter().zip(&mut filled.checks).enumerate() {
        let path = format!("checks[{i}]");
        let r = &ctx.resolver;
        let hexs = |b: &Bytes| b.to_string();
        let compared = match check {
            Check::Id { property, expect } => {
                let p = r.property(property, &format!("{path}.id.property"))?;
                let rust = ctx.mirrors.id(&p);
                let chain = view_result(ctx.chain.get_property_id(&p))?;
                let c = compare(
                    || format!("{path}: id({})", ctx.namer.describe_property(&p)),
                    rust,
                    chain,
                    expect.map(|h| h.0),
                    |h| h.to_string(),
                    &ctx.namer,
                );
                if let Check::Id { expect, .. } = slot
                    && (!c.expect_holds || expect.is_none())
                {
                    *expect = Some(Hash32(rust));
                }
                c
            }
            Check::IsProperty { bytes, expect } => {
                let b = r.input(bytes, &format!("{path}.is_property.bytes"))?;
                let rust = ctx.mirrors.is_property(&b);
                let chain =
                    view_result(ctx.chain.view(uac, &Uac::isPropertyCall { x: b.clone() }))?;
                let c = compare(
                    || format!("{path}: is_property({})", ctx.namer.show_bytes(&b)),
                    rust,
                    chain,
                    *expect,
                    bool::to_string,
                    &ctx.namer,
                );
                if let Check::IsProperty { expect, .. } = slot {
                    *expect = Some(rust);
                }
                c
            }
            Check::Placeholder { bytes, expect } => {
                let b = r.input(bytes, &format!("{path}.placeholder.bytes"))?;
                let rust = ctx.mirrors.is_placeholder(&b);
                let chain = view_result(
                    ctx.chain
                        .view(uac, &Uac::isPlaceholderCall { x: b.clone() }),
                )?;
                let c = compare(
                    || format!("{path}: is_placeholder({})", hexs(&b)),
                    rust,
                    chain,
                    *expect,
                    bool::to_string,
                    &ctx.namer,
                );
                if let Check::Placeholder { expect, .. } = slot {
                    *expect = Some(rust);
                }
                c
            }
            Check::Subst {
                x,
                name,
                value,
                expect,
            } => {
                let x = r.input(x, &format!("{path}.subst.x"))?;
                let name = r.input(name, &format!("{path}.subst.name"))?;
                let value = r.input(value, &format!("{path}.subst.value"))?;
                let expected = match expect {
                    Some(e) => Some(r.input(e, &format!("{path}.subst.expect"))?),
                    None => None,
                };
                let rust = ctx.mirrors.subst(&x, &name, &value, registry);
                let chain = view_result(ctx.chain.view(
                    for_all,
                    &ForAll::substCall {
                        x: x.clone(),
                        name: name.clone(),
                        v: value.clone(),
                    },
                ))?;
                let namer = &ctx.namer;
                let c = compare(
                    || {
                        format!(
                            "{path}: subst({}, {}, {})",
                            namer.show_bytes(&x),
                            String::from_utf8_lossy(&name),
                            namer.show_bytes(&value)
                        )
                    },
                    rust.clone(),
                    chain,
                    expected,
                    |b| namer.show_bytes(b),
                    namer,
                );
                if let Check::Subst { expect, .. } = slot
                    && (!c.expect_holds || expect.is_none())
                {
                    *expect = Some(ctx.namer.readable_input(&rust));
                }
                c
            }
            Check::Admissible {
                exists,
                body,
                name,
                value,
                expect,
            } => {
                let body = r.input(body, &format!("{path}.admissible.body"))?;
                let name = r.input(name, &format!("{path}.admissible.name"))?;
                let value = r.input(value, &format!("{path}.admissible.value"))?;
                let kind = if *exists {
                    ConnectiveKind::ThereExists
                } else {
                    ConnectiveKind::ForAll
                };
                let rust = ctx
                    .mirrors
                    .is_admissible(registry, kind, &name, &body, &value);
                let chain = view_result(ctx.chain.view(
                    for_all,
                    &ForAll::isAdmissibleCall {
                        body: body.clone(),
                        name: name.clone(),
                        t: value.clone(),
                        nots: U256::from(if *exists { 2u8 } else { 1 }),
                    },
                ))?;
                let namer = &ctx.namer;
                let c = compare(
                    || {
                        format!(
                            "{path}: admissible({}, {}, {}) for {}",
                            namer.show_bytes(&body),
                            String::from_utf8_lossy(&name),
                            namer.show_bytes(&value),
                            kind.name()
                        )
                    },
                    rust,
                    chain,
                    *expect,
                    bool::to_string,
                    namer,
                );
                if let Check::Admissible { expect, .. } = slot {
                    *expect = Some(rust);
                }
                c
            }
            Check::Depth { bytes, expect } => {
                let b = r.input(bytes, &format!("{path}.depth.bytes"))?;
                let rust = ctx.mirrors.depth(&b, registry);
                let chain = view_result(ctx.chain.view(uac, &Uac::depthOfCall { x: b.clone() }))?
                    .map(|d: U256| u32::try_from(d).unwrap_or(u32::MAX));
                let c = compare(
                    || format!("{path}: depth({})", ctx.namer.show_bytes(&b)),
                    rust,
                    chain,
                    *expect,
                    u32::to_string,
                    &ctx.namer,
                );
                if let Check::Depth { expect, .. } = slot {
                    *expect = Some(rust);
                }
                c
            }
        };
        let subject = check_name(check);
        if !compared.halves_agree {
            let mut d = Divergence::new(compared.class, &compared.what).on(subject);
            if let Some(e) = &compared.expected {
                d = d.side("expected", e);
            }
            divergences.push(
                d.side("ovm-core", &compared.rust)
                    .side("chain", &compared.chain),
            );
        } else if !compared.expect_holds {
            divergences.push(
                Divergence::from_expect(DivergenceClass::EncodingMismatch, &compared.what)
                    .on(subject)
                    .side("expected", compared.expected.unwrap_or_default())
                    .side("ovm-core", &compared.rust)
                    .side("chain", &compared.chain),
            );
        }
    }
    Ok(KindRun::new(divergences, Ok(filled)))
}
