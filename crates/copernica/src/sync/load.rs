//! The initial load: every profile of a database through the paged search.

use std::sync::Mutex;

use futures_util::TryStreamExt as _;

use super::mirror::Mirror;
use super::SyncError;
use crate::objects::{Database, Query};

/// Loads every profile of `db` (`Database_searchProfiles` with all properties,
/// `page_size` per request) into `mirror`; returns how many rows were written
/// (profiles a callback already wrote or deleted are kept as they are).
///
/// The mirror is shared with the running receiver, so it is locked once per
/// profile and never across a request.
pub async fn initial_load(
    db: &Database,
    page_size: i32,
    mirror: &Mutex<Mirror>,
) -> Result<u64, SyncError> {
    let query = Query::new().all_properties(true).page_size(page_size);
    let mut profiles = db.search_profiles(&query);
    let mut written = 0u64;
    while let Some(profile) = profiles.try_next().await? {
        let id =
            u64::try_from(profile.id()).map_err(|_| SyncError::BadId(profile.id().to_string()))?;
        let fields: Vec<(String, String)> = profile
            .fields()
            .map(|f| f.0.into_iter().collect())
            .unwrap_or_default();
        // A poisoned lock only means another holder panicked mid-statement;
        // SQLite's own transaction keeps the file consistent.
        let mut guard = mirror.lock().unwrap_or_else(|p| p.into_inner());
        if guard.load(id, &fields)? {
            written += 1;
        }
    }
    Ok(written)
}
