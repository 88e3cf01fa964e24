//! Writes `vectors/schema.json` from the types: `cargo run -p ovm-vectors --example write_schema`.

fn main() {
    let path = std::path::Path::new(ovm_vectors::SCHEMA_PATH);
    std::fs::write(path, ovm_vectors::schema_json())
        .unwrap_or_else(|err| panic!("cannot write {}: {err}", path.display()));
    let shown = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    println!("wrote {}", shown.display());
}
