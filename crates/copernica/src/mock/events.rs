//! Change events: every profile/subprofile create, update and delete, in commit order,
//! for the callback sender.

use std::sync::mpsc::{Receiver, Sender};

/// What happened (the `action` of a callback payload).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeAction {
    Create,
    Update,
    Delete,
}

impl ChangeAction {
    /// `create`, `update` or `delete`, as in callback payloads and `actionfilter`.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeAction::Create => "create",
            ChangeAction::Update => "update",
            ChangeAction::Delete => "delete",
        }
    }
}

/// Which kind of record changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    Profile,
    SubProfile,
}

/// One committed change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeEvent {
    /// Strictly increasing per store, starting at 1; gaps never occur.
    pub seq: u64,
    pub action: ChangeAction,
    pub kind: ChangeKind,
    /// Id of the profile or subprofile.
    pub id: u64,
    /// Database of the profile (or of the subprofile's collection).
    pub database: u64,
    /// Collection of a subprofile.
    pub collection: Option<u64>,
    /// Owning profile of a subprofile.
    pub profile: Option<u64>,
    /// All field values after the change (before it, for `Delete`).
    pub fields: Vec<(String, String)>,
    /// Only the fields whose value changed, with their new value (`Update` only).
    pub updated: Vec<(String, String)>,
    /// Names of the interests the profile has (profiles only).
    pub interests: Vec<String>,
    /// `YYYY-MM-DD hh:mm:ss` of the change.
    pub timestamp: String,
}

/// Subscribers; disconnected receivers are dropped on the next send.
#[derive(Default)]
pub(crate) struct EventHub {
    subscribers: Vec<Sender<ChangeEvent>>,
    next_seq: u64,
}

impl EventHub {
    pub fn subscribe(&mut self) -> Receiver<ChangeEvent> {
        let (tx, rx) = std::sync::mpsc::channel();
        self.subscribers.push(tx);
        rx
    }

    /// Stamps `seq` and sends to every live subscriber. Called with the store lock
    /// held, so subscribers see events in commit order.
    pub fn emit(&mut self, mut event: ChangeEvent) {
        self.next_seq += 1;
        event.seq = self.next_seq;
        self.subscribers.retain(|tx| tx.send(event.clone()).is_ok());
    }
}
