//! Every kind round-trips: canonical text → value → the same text, in any key order.

use ovm_core::{AtomicKind, ConnectiveKind, PredicateKind};
use ovm_vectors::{
    AtomicName, AtomicVector, Call, CallResult, ErrorExpect, ErrorName, Expr, Info, Input, Kind,
    Step, Truth, UacExpect, UacVector, Vector, VectorFile, View, from_json, to_pretty_json,
};

const ENCODING: &str = r#"{
  "format": 1,
  "_info": {
    "description": "every check form",
    "rules": [
      "§1.id",
      "§2.subst"
    ],
    "filled_against": "0x00000000000000000000000000000000000000000000000000000000000000ff",
    "skip": "not yet"
  },
  "kind": "encoding",
  "checks": [
    {
      "id": {
        "property": {
          "Property": {
            "predicate": "0x0000000000000000000000000000000000000001",
            "inputs": [
              "0x01"
            ]
          }
        },
        "expect": "0x85203420c48004fda08c19cda699434e6e52367924a0cef50df775e65f4e803b"
      }
    },
    {
      "is_property": {
        "bytes": "0x01",
        "expect": false
      }
    },
    {
      "placeholder": {
        "bytes": "V:x"
      }
    },
    {
      "subst": {
        "x": {
          "Not": [
            {
              "Equal": [
                "V:n",
                "uint:0x10"
              ]
            }
          ]
        },
        "name": "text:n",
        "value": {
          "keccak": {
            "concat": [
              "0x01",
              {
                "bytes_array": []
              }
            ]
          }
        },
        "expect": {
          "Not": [
            {
              "Equal": [
                {
                  "keccak": {
                    "concat": [
                      "0x01",
                      {
                        "bytes_array": []
                      }
                    ]
                  }
                },
                "uint:0x10"
              ]
            }
          ]
        }
      }
    },
    {
      "depth": {
        "bytes": {
          "id": {
            "And": []
          }
        },
        "expect": 0
      }
    }
  ]
}
"#;

const ATOMIC: &str = r#"{
  "format": 1,
  "_info": {
    "description": "atomic with a world"
  },
  "kind": "atomic",
  "world": {
    "signers": {
      "alice": 1,
      "bob": 2
    },
    "accounts": {
      "carol": "0x00000000000000000000000000000000000000ca"
    },
    "store": {
      "coins": [
        {
          "key": "range:0-10",
          "value": {
            "sig": {
              "signer": "alice",
              "message": "text:m"
            }
          }
        }
      ],
      "keys": [
        {
          "key": "text:k",
          "value": "0x"
        }
      ]
    },
    "roots": [
      {
        "block": 0,
        "root": "keccak:text:0"
      },
      {
        "block": 3,
        "root": "keccak:text:3"
      }
    ]
  },
  "predicate": "IsValidSignature",
  "inputs": [
    "text:m",
    "sig:alice:text:m",
    "addr:alice",
    "text:secp256k1"
  ],
  "expect": "true"
}
"#;

const CHALLENGE: &str = r#"{
  "format": 1,
  "_info": {
    "description": "challenge with an error"
  },
  "kind": "challenge",
  "period": 2,
  "claim": {
    "ForAll": [
      "text:h",
      "text:x",
      "V:x"
    ]
  },
  "challenge_inputs": [
    "V:x"
  ],
  "challenge": {
    "Not": [
      "V:x"
    ]
  },
  "expect": {
    "error": {
      "name": "InvalidChallenge",
      "args": [
        {
          "id": {
            "ForAll": [
              "text:h",
              "text:x",
              "V:x"
            ]
          }
        },
        {
          "id": {
            "Not": [
              "V:x"
            ]
          }
        }
      ]
    }
  }
}
"#;

const WITNESS: &str = r#"{
  "format": 1,
  "_info": {
    "description": "a fuzz regression: no expect"
  },
  "kind": "witness",
  "claim": {
    "And": [
      {
        "Equal": []
      }
    ]
  },
  "witness": [
    {
      "bytes_array": []
    }
  ]
}
"#;

const UAC: &str = r#"{
  "format": 1,
  "_info": {
    "description": "every call form"
  },
  "kind": "uac",
  "world": {
    "signers": {
      "alice": 1
    }
  },
  "period": 2,
  "steps": [
    {
      "claimProperty": {
        "from": "alice",
        "property": {
          "Not": [
            {
              "Equal": [
                "0x01",
                "0x01"
              ]
            }
          ]
        }
      }
    },
    {
      "challenge": {
        "property": {
          "Not": [
            {
              "Equal": [
                "0x01",
                "0x01"
              ]
            }
          ]
        },
        "challenge_inputs": [],
        "challenge": {
          "Equal": [
            "0x01",
            "0x01"
          ]
        }
      }
    },
    {
      "decideTrue": {
        "predicate": "Equal",
        "inputs": [
          "0x01",
          "0x01"
        ]
      }
    },
    {
      "decideFalse": {
        "from": "0x00000000000000000000000000000000000000aa",
        "predicate": "Equal",
        "inputs": [
          "0x01",
          "0x02"
        ]
      }
    },
    {
      "decideClaimToFalse": {
        "property": {
          "Not": [
            {
              "Equal": [
                "0x01",
                "0x01"
              ]
            }
          ]
        },
        "challenge": {
          "Equal": [
            "0x01",
            "0x01"
          ]
        }
      }
    },
    {
      "removeChallenge": {
        "property": {
          "And": []
        },
        "challenge": {
          "And": []
        }
      }
    },
    {
      "advance": 2
    },
    {
      "decideClaimToTrue": {
        "id": "0x0000000000000000000000000000000000000000000000000000000000000001"
      }
    },
    {
      "decideClaimWithWitness": {
        "property": {
          "Or": []
        },
        "witness": []
      }
    },
    {
      "setPredicateDecision": {
        "from": "Equal",
        "property": {
          "Equal": []
        },
        "decision": false
      }
    },
    {
      "Not.decideTrue": {
        "inner": {
          "Equal": [
            "0x01",
            "0x01"
          ]
        }
      }
    },
    {
      "And.decideTrue": {
        "children": [
          {
            "Equal": []
          }
        ]
      }
    },
    {
      "submitRoot": {
        "block_number": 5,
        "root": "keccak:text:5"
      }
    }
  ],
  "expect": {
    "results": [
      "ok",
      "ok",
      "ok",
      {
        "error": {
          "name": "NotFalse",
          "args": []
        }
      },
      "ok",
      {
        "error": {
          "name": "ChallengeNotFound"
        }
      },
      {
        "error": {
          "name": "GameNotFound",
          "args": [
            "0x0000000000000000000000000000000000000000000000000000000000000001"
          ]
        }
      },
      "ok",
      {
        "error": {
          "name": "GameNotFound"
        }
      },
      {
        "error": {
          "name": "InnerNotFalse"
        }
      },
      "ok",
      "ok"
    ],
    "games": [
      {
        "property": {
          "Equal": [
            "0x01",
            "0x01"
          ]
        },
        "decision": "true",
        "challenges": [],
        "created_block": 0
      },
      {
        "property": {
          "Not": [
            {
              "Equal": [
                "0x01",
                "0x01"
              ]
            }
          ]
        },
        "decision": "false",
        "challenges": [
          {
            "Equal": [
              "0x01",
              "0x01"
            ]
          }
        ],
        "created_block": 0
      }
    ],
    "events": [
      {
        "name": "NewPropertyClaimed",
        "args": [
          {
            "id": {
              "Or": []
            }
          },
          {
            "Or": []
          },
          "block:0"
        ]
      },
      {
        "name": "RootSubmitted",
        "args": [
          "uint:5",
          "keccak:text:5"
        ]
      },
      {
        "name": "ClaimDecided"
      }
    ]
  }
}
"#;

const GAME: &str = r#"{
  "format": 1,
  "_info": {
    "description": "a game with every outcome form in reach"
  },
  "kind": "game",
  "world": {},
  "period": 3,
  "claim": {
    "ThereExists": [
      "text:k,KEY,0x01",
      "text:x",
      {
        "Equal": [
          "V:x",
          "0x02"
        ]
      }
    ]
  },
  "adversary": [
    {
      "at_block": 0,
      "action": {
        "claimProperty": {
          "property": {
            "And": []
          }
        }
      }
    },
    {
      "at_block": 4,
      "action": {
        "submitRoot": {
          "block_number": 1,
          "root": "keccak:text:1"
        }
      }
    }
  ],
  "expect": {
    "decider": {
      "false": {
        "challenge": {
          "inputs": [],
          "property": {
            "ForAll": [
              "text:k,KEY,0x01",
              "text:x",
              {
                "Not": [
                  {
                    "Equal": [
                      "V:x",
                      "0x02"
                    ]
                  }
                ]
              }
            ]
          }
        }
      }
    },
    "decision": "false",
    "blocks": 6,
    "gas": 123456
  }
}
"#;

#[test]
fn every_kind_round_trips_byte_for_byte() {
    for (text, kind) in [
        (ENCODING, Kind::Encoding),
        (ATOMIC, Kind::Atomic),
        (CHALLENGE, Kind::Challenge),
        (WITNESS, Kind::Witness),
        (UAC, Kind::Uac),
        (GAME, Kind::Game),
    ] {
        let file = from_json(text, kind.name()).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(file.kind(), kind);
        assert_eq!(to_pretty_json(&file), text, "{kind}");
        // The plain serde path agrees.
        let plain: VectorFile = serde_json::from_str(text).unwrap();
        assert_eq!(plain, file);
    }
}

#[test]
fn outcome_forms_round_trip() {
    for outcome in [
        r#"{"true": {"witness": null}}"#,
        r#"{"true": {"witness": ["uint:0", {"bytes_array": []}]}}"#,
        r#"{"false": {"challenge": null}}"#,
        r#"{"unknown": {"pin": null}}"#,
        r#"{"unknown": {"pin": {"inputs": ["uint:1"], "property": {"Not": [{"IsStored": []}]}}}}"#,
    ] {
        let text = GAME.replacen(
            &GAME[GAME.find("\"decider\": ").unwrap()..GAME.find(",\n    \"decision\"").unwrap()],
            &format!("\"decider\": {outcome}"),
            1,
        );
        let file = from_json(&text, "game").unwrap_or_else(|err| panic!("{outcome}: {err}"));
        let again = from_json(&to_pretty_json(&file), "game").unwrap();
        assert_eq!(again, file, "{outcome}");
        let reserialized: serde_json::Value = serde_json::from_str(&to_pretty_json(&file)).unwrap();
        let expected: serde_json::Value = serde_json::from_str(outcome).unwrap();
        assert_eq!(reserialized["expect"]["decider"], expected);
    }
}

#[test]
fn key_order_does_not_matter() {
    // `kind` last, `format` in the middle, kind fields first.
    let shuffled = r#"{
      "expect": "true", "inputs": ["text:m", "sig:alice:text:m", "addr:alice", "text:secp256k1"],
      "format": 1, "predicate": "IsValidSignature",
      "world": {"roots": [{"root": "keccak:text:0", "block": 0}, {"block": 3, "root": "keccak:text:3"}],
                "store": {"keys": [{"value": "0x", "key": "text:k"}],
                          "coins": [{"key": "range:0-10", "value": {"sig": {"message": "text:m", "signer": "alice"}}}]},
                "accounts": {"carol": "0x00000000000000000000000000000000000000CA"},
                "signers": {"bob": 2, "alice": 1}},
      "_info": {"description": "atomic with a world"},
      "kind": "atomic"
    }"#;
    let file = from_json(shuffled, "shuffled").unwrap();
    assert_eq!(to_pretty_json(&file), ATOMIC);
}

#[test]
fn built_in_rust_and_written_canonically() {
    let equal = |a: &str, b: &str| {
        Expr::new(
            PredicateKind::Atomic(AtomicKind::Equal),
            [Input::parse(a).unwrap(), Input::parse(b).unwrap()],
        )
    };
    let claim = Expr::new(
        PredicateKind::Connective(ConnectiveKind::Not),
        [equal("0x01", "0x02").into()],
    );
    let uac = UacVector {
        world: None,
        period: 7,
        steps: vec![
            Step::Call(Call::ClaimProperty {
                from: None,
                property: claim.clone(),
            }),
            Step::Advance(7),
            Step::View(View::IsDecidable {
                id: Input::Id(Box::new(claim.clone())),
                expect: Some(true),
            }),
            Step::View(View::GetGamePredicate {
                id: Input::Id(Box::new(claim.clone())),
                expect: Some("Not".parse().unwrap()),
            }),
            Step::Call(Call::DecideClaimToTrue {
                from: Some("alice".parse().unwrap()),
                id: Input::Id(Box::new(claim.clone())),
            }),
            Step::View(View::IsDecided {
                property: claim.clone(),
                expect: None,
            }),
        ],
        expect: Some(UacExpect {
            deployment: None,
            results: Some(vec![
                CallResult::Ok,
                CallResult::Error(ErrorExpect::new(
                    ErrorName::parse("UnknownPredicate").unwrap(),
                    [Input::parse("addr:Equal").unwrap()],
                )),
            ]),
            games: None,
            events: None,
        }),
    };
    let file = VectorFile::new(Info::new("built"), uac);
    let text = to_pretty_json(&file);
    assert!(text.ends_with("}\n") && !text.ends_with("\n\n"));
    assert!(text.contains("\n  \"kind\": \"uac\",\n"), "{text}");
    let again = from_json(&text, "built").unwrap();
    assert_eq!(again, file);
    assert_eq!(to_pretty_json(&again), text);

    let atomic = VectorFile::new(
        Info::new("atomic"),
        AtomicVector {
            world: None,
            predicate: AtomicName(AtomicKind::IsLessThan),
            inputs: vec![Input::hex([1]), Input::parse("uint:2").unwrap()],
            gas: None,
            expect: Some(Truth::False),
        },
    );
    let text = to_pretty_json(&atomic);
    assert_eq!(from_json(&text, "atomic").unwrap(), atomic);
    assert!(matches!(atomic.vector, Vector::Atomic(_)));
    assert!(atomic.has_expect());
}
