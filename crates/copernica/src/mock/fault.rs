//! Faults raised by the mock store; the SOAP layer turns them into SOAP faults.

/// A failed call. `Display` is the fault string the SOAP layer should send.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MockFault {
    /// No valid session cookie, access token or `login` parameter. The message is the
    /// exact string clients test for (PHP16 retries the login on it).
    #[error("Not logged on")]
    NotLoggedOn,
    /// `login` with unknown credentials or account.
    #[error("Invalid login")]
    LoginFailed,
    /// The operation name is not one of the 104 operations of the WSDL.
    #[error("Unknown method {0}")]
    UnknownOperation(String),
    /// A required parameter is absent.
    #[error("Missing parameter '{name}' for method {operation}")]
    MissingParameter {
        /// Canonical operation name.
        operation: String,
        /// Parameter name.
        name: String,
    },
    /// A parameter is present but unusable (bad integer, unknown enumeration value, ...).
    #[error("Invalid value for parameter '{name}': {reason}")]
    InvalidParameter {
        /// Parameter name.
        name: String,
        /// Why it was rejected.
        reason: String,
    },
    /// The object the method applies to (its `id`) does not exist.
    #[error("No {object} with id {id}")]
    NotFound {
        /// Object type, as in the WSDL structure names (`database`, `profile`, ...).
        object: &'static str,
        /// The id as given.
        id: String,
    },
    /// The request conflicts with existing data (duplicate field name, ...).
    #[error("{0}")]
    Conflict(String),
}

/// Short alias used by the SOAP wiring layer.
pub type Fault = MockFault;

impl MockFault {
    /// Numeric code for the `ApiError.code` member of the fault detail (inferred type;
    /// the real service is only known to send plain fault strings).
    pub fn code(&self) -> i32 {
        match self {
            MockFault::NotLoggedOn => 1,
            MockFault::LoginFailed => 2,
            MockFault::UnknownOperation(_) => 3,
            MockFault::MissingParameter { .. } => 4,
            MockFault::InvalidParameter { .. } => 5,
            MockFault::NotFound { .. } => 6,
            MockFault::Conflict(_) => 7,
        }
    }

    pub(crate) fn invalid(name: &str, reason: impl Into<String>) -> Self {
        MockFault::InvalidParameter {
            name: name.to_owned(),
            reason: reason.into(),
        }
    }

    pub(crate) fn not_found(object: &'static str, id: impl ToString) -> Self {
        MockFault::NotFound {
            object,
            id: id.to_string(),
        }
    }
}
