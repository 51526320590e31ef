//! The SQLite side: profiles, tombstones and the ordering rule.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{params, Connection, OptionalExtension};

use super::SyncError;
use crate::callbacks::{Action, CallbackEvent};

/// A mirrored profile: its field values by name.
pub type ProfileState = BTreeMap<String, String>;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS profiles (
    id      INTEGER PRIMARY KEY,
    fields  TEXT    NOT NULL,   -- JSON array of [name, value] pairs, server order
    date    INTEGER,            -- signed Date (unix s) of the callback that wrote it; NULL: initial load
    seq     INTEGER NOT NULL    -- local arrival order, breaks ties within a second
);
CREATE TABLE IF NOT EXISTS tombstones (
    id      INTEGER PRIMARY KEY,
    date    INTEGER NOT NULL,
    seq     INTEGER NOT NULL
);
";

/// What [`Mirror::apply`] did with one callback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    /// The row was inserted or replaced.
    Upserted,
    /// The row was removed (or was already absent) and a tombstone written.
    Deleted,
    /// The row already holds exactly this state (a redelivery): nothing written.
    Unchanged,
    /// Older than what the row holds: ignored.
    Stale,
    /// The profile was deleted before: ignored (ids are never reused).
    Tombstoned,
    /// A subprofile callback: not mirrored here.
    Skipped,
}

/// Counts of [`Applied`] outcomes since the mirror was opened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MirrorStats {
    /// Upserts and deletes that changed the mirror.
    pub applied: u64,
    /// Redeliveries of a state already held.
    pub unchanged: u64,
    /// Changes ignored as older than the row.
    pub stale: u64,
    /// Creates/updates of deleted profiles, ignored.
    pub tombstoned: u64,
    /// Rows written by the initial load.
    pub loaded: u64,
}

/// A SQLite mirror of one database's profiles.
#[derive(Debug)]
pub struct Mirror {
    conn: Connection,
    next_seq: i64,
    stats: MirrorStats,
}

impl Mirror {
    /// Opens (or creates) the mirror file at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Mirror, SyncError> {
        let conn = Connection::open(path)?;
        // WAL: readers (a comparison) do not block the writer.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Mirror::with_connection(conn)
    }

    /// A mirror in memory (tests).
    pub fn in_memory() -> Result<Mirror, SyncError> {
        Mirror::with_connection(Connection::open_in_memory()?)
    }

    fn with_connection(conn: Connection) -> Result<Mirror, SyncError> {
        conn.execute_batch(SCHEMA)?;
        // Continue the arrival order of an existing file.
        let last: i64 = conn.query_row(
            "SELECT MAX(s) FROM (SELECT COALESCE(MAX(seq), 0) AS s FROM profiles
                                 UNION ALL SELECT COALESCE(MAX(seq), 0) FROM tombstones)",
            [],
            |r| r.get(0),
        )?;
        Ok(Mirror {
            conn,
            next_seq: last + 1,
            stats: MirrorStats::default(),
        })
    }

    /// Outcome counters.
    pub fn stats(&self) -> MirrorStats {
        self.stats
    }

    fn take_seq(&mut self) -> i64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        seq
    }

    /// Writes a profile read by the initial load, unless a callback already wrote
    /// or deleted it (the callback is at least as new). Returns whether it wrote.
    pub fn load(&mut self, id: u64, fields: &[(String, String)]) -> Result<bool, SyncError> {
        let id = sql_id(id)?;
        let json = fields_json(fields);
        let seq = self.take_seq();
        let written = self.conn.execute(
            "INSERT INTO profiles (id, fields, date, seq)
             SELECT ?1, ?2, NULL, ?3
             WHERE NOT EXISTS (SELECT 1 FROM tombstones WHERE id = ?1)
             ON CONFLICT (id) DO UPDATE SET fields = excluded.fields, seq = excluded.seq
             WHERE profiles.date IS NULL",
            params![id, json, seq],
        )?;
        if written > 0 {
            self.stats.loaded += 1;
        }
        Ok(written > 0)
    }

    /// Applies one verified callback signed at `date` (the `Date` header).
    pub fn apply(&mut self, event: &CallbackEvent, date: SystemTime) -> Result<Applied, SyncError> {
        if event.kind != crate::callbacks::ObjectKind::Profile {
            return Ok(Applied::Skipped);
        }
        let id = event
            .id_u64()
            .ok_or_else(|| SyncError::BadId(event.id.clone()))
            .and_then(sql_id)?;
        let date = unix_seconds(date);
        // One transaction: the checks and the write see the same state.
        let tx = self.conn.transaction()?;
        let tombstoned = tx
            .query_row("SELECT 1 FROM tombstones WHERE id = ?1", [id], |_| Ok(()))
            .optional()?
            .is_some();
        if tombstoned {
            drop(tx);
            self.stats.tombstoned += 1;
            return Ok(Applied::Tombstoned);
        }
        let row: Option<(String, Option<i64>)> = tx
            .query_row(
                "SELECT fields, date FROM profiles WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((_, Some(held))) = &row {
            if date < *held {
                drop(tx);
                self.stats.stale += 1;
                return Ok(Applied::Stale);
            }
        }
        let seq = self.next_seq;
        let outcome = match event.action {
            Action::Delete => {
                tx.execute("DELETE FROM profiles WHERE id = ?1", [id])?;
                tx.execute(
                    "INSERT INTO tombstones (id, date, seq) VALUES (?1, ?2, ?3)",
                    params![id, date, seq],
                )?;
                Applied::Deleted
            }
            Action::Create | Action::Update => {
                let state: Vec<(String, String)> = event
                    .new_state()
                    .iter()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect();
                let json = fields_json(&state);
                if matches!(&row, Some((held, Some(_))) if *held == json) {
                    Applied::Unchanged
                } else {
                    tx.execute(
                        "INSERT INTO profiles (id, fields, date, seq) VALUES (?1, ?2, ?3, ?4)
                         ON CONFLICT (id) DO UPDATE SET fields = excluded.fields,
                             date = excluded.date, seq = excluded.seq",
                        params![id, json, date, seq],
                    )?;
                    Applied::Upserted
                }
            }
        };
        tx.commit()?;
        self.next_seq += 1;
        match outcome {
            Applied::Unchanged => self.stats.unchanged += 1,
            _ => self.stats.applied += 1,
        }
        Ok(outcome)
    }

    /// Every mirrored profile, by id.
    pub fn profiles(&self) -> Result<BTreeMap<u64, ProfileState>, SyncError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, fields FROM profiles ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = BTreeMap::new();
        for row in rows {
            let (id, json) = row?;
            // Ids are written from u64s that fit i64 (see `sql_id`).
            let id = id.unsigned_abs();
            let pairs: Vec<(String, String)> =
                serde_json::from_str(&json).map_err(|source| SyncError::Corrupt { id, source })?;
            out.insert(id, pairs.into_iter().collect());
        }
        Ok(out)
    }

    /// Number of mirrored profiles.
    pub fn len(&self) -> Result<u64, SyncError> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM profiles", [], |r| r.get(0))?;
        Ok(n.unsigned_abs())
    }

    /// Whether no profile is mirrored.
    pub fn is_empty(&self) -> Result<bool, SyncError> {
        Ok(self.len()? == 0)
    }

    /// Number of tombstones (deleted profiles seen).
    pub fn tombstones(&self) -> Result<u64, SyncError> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM tombstones", [], |r| r.get(0))?;
        Ok(n.unsigned_abs())
    }
}

fn sql_id(id: u64) -> Result<i64, SyncError> {
    i64::try_from(id).map_err(|_| SyncError::BadId(id.to_string()))
}

fn fields_json(fields: &[(String, String)]) -> String {
    // Serialising strings cannot fail; an empty array is the fallback anyway.
    serde_json::to_string(fields).unwrap_or_else(|_| "[]".to_owned())
}

fn unix_seconds(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callbacks::{Fields, ObjectKind};
    use std::time::Duration;

    fn event(action: Action, id: u64, city: &str) -> CallbackEvent {
        let mut fields = Fields::new();
        fields.insert("city", city);
        CallbackEvent {
            kind: ObjectKind::Profile,
            action,
            id: id.to_string(),
            fields,
            updated: None,
            interests: None,
        }
    }

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    fn city(m: &Mirror, id: u64) -> Option<String> {
        m.profiles().ok()?.get(&id)?.get("city").cloned()
    }

    #[test]
    fn redelivery_is_idempotent_and_stale_changes_are_ignored() -> Result<(), SyncError> {
        let mut m = Mirror::in_memory()?;
        assert_eq!(
            m.apply(&event(Action::Create, 1, "Utrecht"), at(100))?,
            Applied::Upserted
        );
        assert_eq!(
            m.apply(&event(Action::Create, 1, "Utrecht"), at(100))?,
            Applied::Unchanged
        );
        assert_eq!(
            m.apply(&event(Action::Update, 1, "Delft"), at(105))?,
            Applied::Upserted
        );
        // A late copy of the first state, signed earlier, must not win.
        assert_eq!(
            m.apply(&event(Action::Update, 1, "Utrecht"), at(101))?,
            Applied::Stale
        );
        assert_eq!(city(&m, 1).as_deref(), Some("Delft"));
        assert_eq!(m.len()?, 1);
        Ok(())
    }

    #[test]
    fn deletes_are_final() -> Result<(), SyncError> {
        let mut m = Mirror::in_memory()?;
        m.apply(&event(Action::Create, 7, "Gouda"), at(10))?;
        assert_eq!(
            m.apply(&event(Action::Delete, 7, "Gouda"), at(11))?,
            Applied::Deleted
        );
        // A delete of a profile never seen still leaves a tombstone.
        assert_eq!(
            m.apply(&event(Action::Delete, 8, ""), at(11))?,
            Applied::Deleted
        );
        assert_eq!(
            m.apply(&event(Action::Update, 7, "Gouda"), at(12))?,
            Applied::Tombstoned
        );
        assert!(!m.load(8, &[("city".into(), "Ede".into())])?);
        assert!(m.is_empty()?);
        assert_eq!(m.tombstones()?, 2);
        Ok(())
    }

    #[test]
    fn the_initial_load_never_overwrites_a_callback() -> Result<(), SyncError> {
        let mut m = Mirror::in_memory()?;
        m.apply(&event(Action::Update, 3, "Breda"), at(50))?;
        assert!(!m.load(3, &[("city".into(), "Old".into())])?);
        assert!(m.load(4, &[("city".into(), "Zeist".into())])?);
        // Loading again (a restart) refreshes rows only the load wrote.
        assert!(m.load(4, &[("city".into(), "Zeist2".into())])?);
        assert_eq!(city(&m, 3).as_deref(), Some("Breda"));
        assert_eq!(city(&m, 4).as_deref(), Some("Zeist2"));
        Ok(())
    }

    #[test]
    fn a_file_keeps_its_rows_and_order_across_opens() -> Result<(), SyncError> {
        let dir = std::env::temp_dir().join(format!("copernica-mirror-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("m.sqlite");
        let _ = std::fs::remove_file(&path);
        {
            let mut m = Mirror::open(&path)?;
            m.apply(&event(Action::Create, 1, "A"), at(1))?;
            m.apply(&event(Action::Create, 2, "B"), at(1))?;
        }
        let m = Mirror::open(&path)?;
        assert_eq!(m.len()?, 2);
        assert_eq!(m.next_seq, 3);
        let _ = std::fs::remove_dir_all(&dir);
        Ok(())
    }
}
