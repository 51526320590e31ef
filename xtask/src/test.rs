//! `cargo xtask test`: the one command that runs the whole test suite on a
//! fresh machine. It installs what the interop tests need (PHP's ext/soap as
//! an independent SOAP server, Python zeep as an independent SOAP client) when
//! they are missing, then runs `cargo test --workspace`.

use std::process::Command;

#[derive(clap::Args)]
pub struct Args {
    /// Do not try to install missing interop tools (tests that need them fail
    /// and say what to install).
    #[arg(long)]
    pub no_install: bool,
    /// Extra arguments passed to `cargo test` after `--workspace`.
    #[arg(trailing_var_arg = true)]
    pub cargo_args: Vec<String>,
}

pub fn run(args: Args) -> Result<(), String> {
    if !args.no_install {
        ensure_php_soap()?;
        ensure_zeep()?;
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["test", "--workspace"])
        .args(&args.cargo_args)
        .status()
        .map_err(|e| format!("cannot run cargo test: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo test --workspace failed ({status})"))
    }
}

fn succeeds(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn php_has_soap() -> bool {
    succeeds("php", &["-m"]).is_some_and(|modules| modules.lines().any(|m| m.trim() == "soap"))
}

fn ensure_php_soap() -> Result<(), String> {
    if php_has_soap() {
        return Ok(());
    }
    eprintln!("xtask: installing php-cli and php-soap (PHP ext/soap is the interop SOAP server)");
    let packages = [
        "install",
        "-y",
        "-q",
        "--no-install-recommends",
        "php-cli",
        "php-soap",
    ];
    // The package lists may be stale or absent on a fresh machine: update once
    // and retry before giving up.
    if succeeds("apt-get", &packages).is_none() {
        let _ = succeeds("apt-get", &["update", "-q"]);
        let _ = succeeds("apt-get", &packages);
    }
    if php_has_soap() {
        Ok(())
    } else {
        Err("php with the soap extension is missing and `apt-get install php-cli php-soap` failed; \
             install them (or run with --no-install to let the interop tests report it)"
            .into())
    }
}

fn python() -> &'static str {
    if succeeds("python3", &["--version"]).is_some() {
        "python3"
    } else {
        "python"
    }
}

fn ensure_zeep() -> Result<(), String> {
    let py = python();
    if succeeds(py, &["-c", "import zeep"]).is_some() {
        return Ok(());
    }
    eprintln!("xtask: installing zeep (PyPI) as the interop SOAP client");
    let _ = succeeds(py, &["-m", "pip", "install", "-q", "zeep"]);
    if succeeds(py, &["-c", "import zeep"]).is_some() {
        Ok(())
    } else {
        Err(format!(
            "python zeep is missing and `{py} -m pip install zeep` failed; install it \
             (or run with --no-install to let the interop tests report it)"
        ))
    }
}
