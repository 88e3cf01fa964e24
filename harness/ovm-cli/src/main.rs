//! `ovm-conformance`: see `ovm_cli`.

fn main() -> std::process::ExitCode {
    ovm_cli::main()
}
