//! Run-time benchmark: generated readers and writers next to a raw quick-xml
//! event loop over the same bytes, in the same run.
//!
//! `cargo bench -p soapgen-bench --bench run -- [--out FILE] [--mb N] [--ews-items N] [--iters N]`
//!
//! Inputs: (a) a Copernica `Database_searchProfiles` result of about `--mb`
//! MB (default 50), (b) an Exchange `FindItemResponse` with `--ews-items`
//! messages (default 20 000). Throughput is input (or output) bytes per
//! second of wall time, best of `--iters` iterations. Allocations are
//! counted by the crate's counting global allocator over one decode.

use std::time::Instant;

use soapgen_bench::responses;
use soapgen_bench::table::{ratio, verdict, Table};
use soapgen_bench::{alloc, rawxml, workspace_root};
use soapgen_runtime::xml::{self, Name, XmlRead, XmlWrite};

#[global_allocator]
static ALLOC: alloc::Counting = alloc::Counting;

#[allow(
    clippy::all,
    dead_code,
    unused_imports,
    unused_variables,
    non_camel_case_types
)]
mod copernica {
    include!(concat!(env!("OUT_DIR"), "/copernica_rpc.rs"));
}
#[allow(
    clippy::all,
    dead_code,
    unused_imports,
    unused_variables,
    non_camel_case_types
)]
mod ews {
    include!(concat!(env!("OUT_DIR"), "/ews_find_get.rs"));
}

use copernica::soap_copernica_com as cop;
use ews::services_n2006_messages as ews_m;

struct Options {
    out: Option<std::path::PathBuf>,
    mb: usize,
    ews_items: usize,
    iters: usize,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        out: None,
        mb: 50,
        ews_items: 20_000,
        iters: 5,
    };
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let mut it = args.iter();
    let num = |v: Option<&String>, what: &str| -> Result<usize, String> {
        v.and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("{what} needs a number"))
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out" => o.out = it.next().map(Into::into),
            "--mb" => o.mb = num(it.next(), "--mb")?,
            "--ews-items" => o.ews_items = num(it.next(), "--ews-items")?,
            "--iters" => o.iters = num(it.next(), "--iters")?.max(1),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(o)
}

/// Best wall time of `iters` runs of `f` (seconds) and the last result.
fn best<T>(iters: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..iters {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed().as_secs_f64());
        // Dropping the previous value outside the timed region.
        last = Some(v);
    }
    (best, last.expect("iters >= 1"))
}

fn mbps(bytes: usize, seconds: f64) -> f64 {
    bytes as f64 / 1e6 / seconds
}

/// One input's measurements.
struct Row {
    name: String,
    bytes: usize,
    raw: f64,
    ns_raw: f64,
    read: f64,
    write: f64,
    written: usize,
}

fn measure<T: XmlRead + XmlWrite + PartialEq>(
    name: &str,
    input: &[u8],
    root: Name,
    iters: usize,
) -> Result<(Row, T), String> {
    let (raw_s, raw) = best(iters, || rawxml::event_loop(input));
    raw.map_err(|e| format!("{name}: raw event loop: {e}"))?;
    let (ns_raw_s, ns_raw) = best(iters, || rawxml::ns_event_loop(input));
    ns_raw.map_err(|e| format!("{name}: namespace-aware event loop: {e}"))?;
    let (read_s, value) = best(iters, || xml::from_slice::<T>(input));
    let value = value.map_err(|e| format!("{name}: read: {e}"))?;
    let (write_s, written) = best(iters, || {
        let mut w = xml::XmlWriter::new();
        value.write_xml(&mut w, root);
        w.into_string()
    });
    // The writer's output must read back to the same value, or the numbers
    // measure a broken codec.
    let again = xml::from_str::<T>(&written).map_err(|e| format!("{name}: re-read: {e}"))?;
    if again != value {
        return Err(format!("{name}: written document reads back differently"));
    }
    Ok((
        Row {
            name: name.to_string(),
            bytes: input.len(),
            raw: mbps(input.len(), raw_s),
            ns_raw: mbps(input.len(), ns_raw_s),
            read: mbps(input.len(), read_s),
            write: mbps(written.len(), write_s),
            written: written.len(),
        },
        value,
    ))
}

/// Strings (heap buffers) a decoded profile owns: what any reader producing
/// owned `String`s must allocate.
fn profile_strings(p: &cop::Profile) -> usize {
    let s = |v: &String| usize::from(v.capacity() > 0);
    let mut n = 0;
    n += p.code.as_ref().map_or(0, s);
    if let Some(xml_nillable) = &p.extra {
        n += xml_nillable.value().map_or(0, s);
    }
    n += p.created.as_ref().map_or(0, |t| s(&t.0));
    n += p.modified.as_ref().map_or(0, |t| s(&t.0));
    if let Some(l) = &p.lastexport {
        n += l.value().map_or(0, |t| s(&t.0));
    }
    for map in [&p.fields, &p.interests].into_iter().flatten() {
        for pair in &map.pair {
            n += s(&pair.key);
            if let Some(v) = &pair.value {
                n += v.value().map_or(0, s);
            }
        }
    }
    n
}

fn run() -> Result<(), String> {
    let o = parse_args()?;
    let _ = workspace_root();
    let mut report = format!(
        "## Run time (release build, best of {} iterations, MB = 10^6 bytes)\n\n",
        o.iters
    );
    let mut table = Table::new(&[
        "input",
        "size MB",
        "raw quick-xml MB/s",
        "raw NsReader MB/s",
        "soapgen read MB/s",
        "read / raw",
        "soapgen write MB/s (output MB)",
    ]);
    let mut checks = Table::new(&["target", "measured", "verdict"]);

    // (a) Copernica searchProfiles.
    eprintln!("run: copernica searchProfiles ({} MB)", o.mb);
    let (doc, profiles) = responses::copernica_search_profiles(o.mb * 1_000_000);
    let (row, value) = measure::<cop::Result>(
        "Copernica Database_searchProfiles",
        &doc,
        Name::new("https://soap.copernica.com/", "result"),
        o.iters,
    )?;
    let decoded = match &value.choice {
        Some(cop::ResultChoice::Sequence(page)) => page.items.profile.len(),
        _ => 0,
    };
    if decoded != profiles {
        return Err(format!(
            "copernica: decoded {decoded} profiles, generated {profiles}"
        ));
    }
    let strings: usize = match &value.choice {
        Some(cop::ResultChoice::Sequence(page)) => {
            page.items.profile.iter().map(profile_strings).sum()
        }
        _ => 0,
    };
    drop(value);
    let before = alloc::allocations();
    let v = xml::from_slice::<cop::Result>(&doc).map_err(|e| e.to_string())?;
    let allocs = alloc::allocations() - before;
    drop(v);
    let per_profile = allocs as f64 / profiles as f64;
    let strings_per_profile = strings as f64 / profiles as f64;
    let beyond_per_field =
        (per_profile - strings_per_profile) / responses::FIELDS_PER_PROFILE as f64;
    push_row(&mut table, &mut checks, &row);
    checks.row(vec![
        "Copernica: <= 2 allocations per key/value field beyond the strings".to_string(),
        format!(
            "{per_profile:.1} allocations per profile, of which {strings_per_profile:.1} strings; \
             {beyond_per_field:.2} per field beyond the strings"
        ),
        verdict(beyond_per_field <= 2.0).to_string(),
    ]);
    drop(doc);

    // (b) EWS FindItem.
    eprintln!("run: EWS FindItem ({} items)", o.ews_items);
    let doc = responses::ews_find_item(o.ews_items);
    let (row, _value) = measure::<ews_m::FindItemResponseType>(
        &format!("EWS FindItemResponse ({} messages)", o.ews_items),
        &doc,
        Name::new(
            "http://schemas.microsoft.com/exchange/services/2006/messages",
            "FindItemResponse",
        ),
        o.iters,
    )?;
    push_row(&mut table, &mut checks, &row);

    report.push_str(&table.render());
    // Value sizes explain part of the EWS cost: every read value is moved
    // (returned, wrapped in its choice variant, pushed into a Vec) by value.
    report.push_str(&format!(
        "\nSizes of decoded values: Copernica `Profile` {} bytes, `Pair` {} bytes; \
         EWS `MessageType` {} bytes, `ArrayOfRealItemsTypeChoice` {} bytes.\n",
        std::mem::size_of::<cop::Profile>(),
        std::mem::size_of::<cop::Pair>(),
        std::mem::size_of::<ews::services_n2006_types::MessageType>(),
        std::mem::size_of::<ews::services_n2006_types::ArrayOfRealItemsTypeChoice>(),
    ));
    report.push_str("\n### Run-time targets\n\n");
    report.push_str(&checks.render());
    println!("{report}");
    if let Some(out) = &o.out {
        if let Some(dir) = out.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        std::fs::write(out, &report).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    Ok(())
}

fn push_row(table: &mut Table, checks: &mut Table, row: &Row) {
    table.row(vec![
        row.name.clone(),
        format!("{:.1}", row.bytes as f64 / 1e6),
        format!("{:.0}", row.raw),
        format!("{:.0}", row.ns_raw),
        format!("{:.0}", row.read),
        ratio(row.read / row.raw),
        format!("{:.0} ({:.1})", row.write, row.written as f64 / 1e6),
    ]);
    checks.row(vec![
        format!("{}: reader >= 50% of raw event loop", row.name),
        format!("{:.0}%", 100.0 * row.read / row.raw),
        verdict(row.read >= 0.5 * row.raw).to_string(),
    ]);
    checks.row(vec![
        format!("{}: writer >= 300 MB/s", row.name),
        format!("{:.0} MB/s", row.write),
        verdict(row.write >= 300.0).to_string(),
    ]);
}

/// `--profile-read copernica|ews`: only decode, repeatedly (for `perf
/// record` / `valgrind --tool=callgrind`, without the other phases' noise).
fn profile_read(which: &str) -> Result<(), String> {
    let doc = match which {
        "copernica" => responses::copernica_search_profiles(20_000_000).0,
        _ => responses::ews_find_item(10_000),
    };
    for _ in 0..5 {
        let ok = match which {
            "copernica" => xml::from_slice::<cop::Result>(&doc).is_ok(),
            _ => xml::from_slice::<ews_m::FindItemResponseType>(&doc).is_ok(),
        };
        if !ok {
            return Err(format!("{which}: read failed"));
        }
    }
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--profile-read") {
        let which = args.get(i + 1).map(String::as_str).unwrap_or("copernica");
        if let Err(e) = profile_read(which) {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
        return;
    }
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
