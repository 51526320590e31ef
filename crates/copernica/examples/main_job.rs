//! The main job, end to end over real HTTP on loopback:
//!
//! 1. start the embedded Copernica mock in-process,
//! 2. log in, create a database with fields and a collection,
//! 3. import the profiles of `fixtures/copernica/profiles.csv` (or the CSV
//!    given as the first argument),
//! 4. search, update, page through all profiles, create subprofiles,
//! 5. print a summary.
//!
//! Run it with `cargo run -p copernica --example main_job`.

use std::collections::BTreeMap;
use std::error::Error;
use std::path::PathBuf;

use copernica::mock::{MockServer, MockServerConfig};
use copernica::model::FieldType;
use copernica::objects::{FieldSpec, Query};
use copernica::{Copernica, Fields};
use futures_util::TryStreamExt;

const COLUMNS: [&str; 5] = ["firstname", "lastname", "email", "city", "age"];

/// Reads the CSV: a header naming [`COLUMNS`], then one profile per line (no
/// quoting: the fixture has no commas inside values).
fn read_profiles(path: &PathBuf) -> Result<Vec<Fields>, Box<dyn Error>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut lines = text.lines().enumerate();
    let header: Vec<&str> = match lines.next() {
        Some((_, h)) => h.split(',').map(str::trim).collect(),
        None => return Err(format!("{}: empty file", path.display()).into()),
    };
    if header != COLUMNS {
        return Err(format!(
            "{}:1: expected header {}",
            path.display(),
            COLUMNS.join(",")
        )
        .into());
    }
    let mut rows = Vec::new();
    for (n, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let values: Vec<&str> = line.split(',').map(str::trim).collect();
        if values.len() != header.len() {
            return Err(format!(
                "{}:{}: expected {} values, found {}",
                path.display(),
                n + 1,
                header.len(),
                values.len()
            )
            .into());
        }
        rows.push(header.iter().copied().zip(values).collect());
    }
    Ok(rows)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn Error>> {
    let csv = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../fixtures/copernica/profiles.csv"
            ))
        });
    let rows = read_profiles(&csv)?;

    // 1. The mock, on a free loopback port (callbacks off: nothing listens).
    let server = MockServer::start(MockServerConfig {
        callbacks: None,
        ..MockServerConfig::default()
    })
    .await?;
    let cfg = server.store().config();
    println!("mock Copernica at {}", server.url());

    // 2. Legacy session login (an access token works the same way:
    //    `Copernica::with_access_token(url, token)`).
    let api = Copernica::login(server.url(), &cfg.user, &cfg.password, Some(&cfg.account)).await?;
    let db = api.account().create_database("customers").await?;
    for (name, kind) in [
        ("firstname", FieldType::Text),
        ("lastname", FieldType::Text),
        ("email", FieldType::Email),
        ("city", FieldType::Text),
        ("age", FieldType::Integer),
    ] {
        db.create_field(FieldSpec::new(name).kind(kind)).await?;
    }
    let orders = db.create_collection("orders").await?;
    orders
        .create_field(FieldSpec::new("product").kind(FieldType::Text))
        .await?;
    orders
        .create_field(FieldSpec::new("amount").kind(FieldType::Float))
        .await?;

    // 3. Import.
    let mut imported = Vec::with_capacity(rows.len());
    for row in rows {
        imported.push(db.create_profile(row).await?);
    }
    println!(
        "imported {} profiles from {}",
        imported.len(),
        csv.display()
    );

    // 4a. Search.
    let amsterdam_30_plus = Query::new()
        .eq("city", "Amsterdam")
        .filter("age", ">=", "30")
        .order_by("age", false);
    let found: Vec<_> = db.search_profiles(&amsterdam_30_plus).try_collect().await?;
    println!("Amsterdam, 30 or older: {} profiles", found.len());
    if let Some(oldest) = found.first() {
        println!(
            "  oldest: {} {} ({})",
            oldest.field("firstname").unwrap_or_default(),
            oldest.field("lastname").unwrap_or_default(),
            oldest.field("age").unwrap_or_default()
        );
    }

    // 4b. Update: one profile, then all of Den Haag at once.
    if let Some(first) = imported.first() {
        first
            .update_fields(Fields::new().with("city", "Leiden"))
            .await?;
    }
    let moved = db
        .update_profiles(
            &Query::new().eq("city", "Den Haag"),
            Fields::new().with("city", "The Hague"),
            None,
            false,
        )
        .await?;
    println!("renamed Den Haag to The Hague on {} profiles", moved.total);

    // 4c. Page through everything, 50 per request.
    let mut per_city: BTreeMap<String, usize> = BTreeMap::new();
    let mut total = 0usize;
    let mut all = db.search_profiles(&Query::new().page_size(50));
    while let Some(profile) = all.try_next().await? {
        total += 1;
        *per_city
            .entry(profile.field("city").unwrap_or_default())
            .or_default() += 1;
    }

    // 4d. Subprofiles: one order for each of the first 25 profiles.
    for (i, profile) in imported.iter().take(25).enumerate() {
        let amount = format!("{}.95", 10 + i);
        orders
            .create_subprofile(
                profile,
                [("product", "Gift card"), ("amount", amount.as_str())],
            )
            .await?;
    }
    let big: Vec<_> = orders
        .search_subprofiles(&Query::new().filter("amount", ">", "30"))
        .try_collect()
        .await?;

    // 5. Summary.
    println!("paged through {total} profiles:");
    for (city, n) in &per_city {
        println!("  {city:<12} {n:>4}");
    }
    println!(
        "created {} orders, {} of them over 30",
        orders
            .retrieve()
            .await?
            .data()
            .and_then(|c| c.countsubprofiles)
            .unwrap_or(0),
        big.len()
    );
    println!("session cookie kept: {}", api.session_id().is_some());
    server.shutdown().await;
    Ok(())
}
