//! The in-memory Copernica served by the generated server skeleton.

use std::sync::Mutex;

use soapgen_runtime::ops::OpError;
use soapgen_runtime::types::Nillable;
use soapgen_soap_e2e::copernica_rpc::{operations, server, soap_copernica_com as t};

/// A stored profile: id, database id, fields.
type StoredProfile = (i32, i32, Vec<(String, String)>);

/// An in-memory Copernica: databases, profiles with fields.
#[derive(Default)]
pub struct Store {
    profiles: Mutex<Vec<StoredProfile>>,
}

fn value(v: impl Into<String>) -> t::Result {
    t::Result {
        choice: Some(t::ResultChoice::Value(Nillable::Value(v.into()))),
    }
}

fn api_fault(message: &str, code: i32) -> OpError<operations::ApiFault> {
    OpError::declared(
        message,
        operations::ApiFault::ApiFault(t::ApiError {
            message: message.to_string(),
            code: Some(code),
        }),
    )
}

/// A paged result built from its XML (the generated types have many fields).
fn paged(items_xml: &str, n: usize) -> t::Result {
    let xml = format!(
        "<result><start>0</start><length>{n}</length><total>{n}</total><items>{items_xml}</items></result>"
    );
    soapgen_runtime::xml::from_str(&xml).expect("paged result XML")
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

impl Store {
    fn authorised(&self, token: &Option<String>) -> Result<(), OpError<operations::ApiFault>> {
        match token.as_deref() {
            Some("token-1") => Ok(()),
            _ => Err(api_fault("invalid access token", 403)),
        }
    }
}

impl server::PomPortType for Store {
    async fn login(&self, p: t::InputLogin) -> Result<t::Result, OpError<operations::ApiFault>> {
        if p.username == "user@example.com" && p.password == "secret" {
            Ok(value("1"))
        } else {
            Err(api_fault("wrong user name or password", 401))
        }
    }

    async fn account_databases(
        &self,
        p: t::InputAccountDatabases,
    ) -> Result<t::Result, OpError<operations::ApiFault>> {
        self.authorised(&p.access_token)?;
        Ok(paged(
            "<database><id>1</id><name>clients</name><archived>false</archived></database>\
             <database><id>2</id><name>prospects &amp; leads</name></database>",
            2,
        ))
    }

    async fn database_create_profile(
        &self,
        p: t::InputDatabaseCreateProfile,
    ) -> Result<t::Result, OpError<operations::ApiFault>> {
        self.authorised(&p.access_token)?;
        let mut profiles = self.profiles.lock().expect("lock");
        let id = 100 + profiles.len() as i32;
        let fields = p
            .fields
            .pair
            .into_iter()
            .map(|pair| {
                let v = match pair.value {
                    Some(Nillable::Value(v)) => v,
                    _ => String::new(),
                };
                (pair.key, v)
            })
            .collect();
        profiles.push((id, p.id, fields));
        Ok(value(id.to_string()))
    }

    async fn database_search_profiles(
        &self,
        p: t::InputDatabaseSearchProfiles,
    ) -> Result<t::Result, OpError<operations::ApiFault>> {
        self.authorised(&p.access_token)?;
        let profiles = self.profiles.lock().expect("lock");
        let mut xml = String::new();
        let mut n = 0;
        for (id, db, fields) in profiles.iter() {
            let matches = *db == p.id
                && p.requirements.requirement.iter().all(|r| {
                    let want = match &r.value {
                        Some(Nillable::Value(v)) => v.as_str(),
                        _ => "",
                    };
                    fields.iter().any(|(k, v)| *k == r.fieldname && v == want)
                });
            if matches {
                n += 1;
                xml.push_str(&format!("<profile><id>{id}</id><fields>"));
                for (k, v) in fields {
                    xml.push_str(&format!(
                        "<pair><key>{}</key><value>{}</value></pair>",
                        esc(k),
                        esc(v)
                    ));
                }
                xml.push_str("</fields></profile>");
            }
        }
        Ok(paged(&xml, n))
    }

    async fn profile_update_fields(
        &self,
        p: t::InputProfileUpdateFields,
    ) -> Result<t::Result, OpError<operations::ApiFault>> {
        self.authorised(&p.access_token)?;
        let mut profiles = self.profiles.lock().expect("lock");
        let Some(profile) = profiles.iter_mut().find(|(id, _, _)| *id == p.id) else {
            return Err(api_fault("no such profile", 404));
        };
        for pair in p.fields.pair {
            let v = match pair.value {
                Some(Nillable::Value(v)) => v,
                _ => String::new(),
            };
            match profile.2.iter_mut().find(|(k, _)| *k == pair.key) {
                Some(slot) => slot.1 = v,
                None => profile.2.push((pair.key, v)),
            }
        }
        Ok(value("1"))
    }
}
