//! Entity structures as the mock returns them, one per WSDL structure
//! (OBJECT_MODEL.md §8). Timestamps are `YYYY-MM-DD hh:mm:ss` strings; nillable
//! members are `Option`. Maps are ordered `(key, value)` lists.

/// Ordered key → value list (structure 'Map').
pub type Pairs = Vec<(String, String)>;

/// Structure 'account'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Account {
    pub name: String,
    pub showpoweredby: bool,
    pub description: Option<String>,
    pub created: String,
    pub end: Option<String>,
    pub active: bool,
    pub main: bool,
    pub unsecure: bool,
    pub mailip: Option<String>,
}

/// Structure 'database'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Database {
    pub id: u64,
    pub name: String,
    pub description: Option<String>,
    pub archived: bool,
    pub created: String,
    pub unsubscribebehavior: String,
    pub countprofiles: u64,
    pub lastbuilt: Option<String>,
}

/// Structure 'collection'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Collection {
    pub id: u64,
    pub name: String,
    pub weight: i64,
    pub created: String,
    pub unsubscribebehavior: String,
    pub countsubprofiles: u64,
    pub lastbuilt: Option<String>,
}

/// Structures 'field' and 'collectionfield' (same members).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Field {
    pub id: u64,
    pub name: String,
    pub big: bool,
    pub pixelwidth: i64,
    pub weight: i64,
    /// FieldType value (`text`, `integer`, `email`, ...).
    pub field_type: String,
    /// Default value.
    pub value: Option<String>,
    pub specialcontent: Option<String>,
    pub ordered: bool,
    pub displayed: bool,
    pub indatatable: bool,
    pub length: i64,
    pub lines: i64,
    pub hidden: bool,
    pub index: bool,
}

/// Structure 'profile'. `fields`/`interests` are `None` in lists without `allproperties`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Profile {
    pub id: u64,
    pub code: String,
    pub extra: Option<String>,
    pub created: String,
    pub modified: String,
    pub lastexport: Option<String>,
    pub fields: Option<Pairs>,
    /// Interest name → `1`/`0`, for every interest of the database.
    pub interests: Option<Pairs>,
}

/// Structure 'subprofile'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SubProfile {
    pub id: u64,
    pub code: String,
    pub created: String,
    pub modified: String,
    pub lastexport: Option<String>,
    pub fields: Option<Pairs>,
}

/// Structure 'interest'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Interest {
    pub id: u64,
    pub name: String,
    pub group: Option<String>,
}

/// Structure 'view'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    pub id: u64,
    pub name: String,
    pub description: Option<String>,
    pub archived: bool,
    pub buildstatus: String,
    pub countprofiles: u64,
    pub lastbuilt: Option<String>,
}

/// Structure 'miniview'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Miniview {
    pub id: u64,
    pub name: String,
    pub description: Option<String>,
    pub archived: bool,
    pub buildstatus: String,
    pub countsubprofiles: u64,
    pub lastbuilt: Option<String>,
}

/// Structures 'rule' and 'minirule'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rule {
    pub id: u64,
    pub name: String,
    pub inversed: bool,
    pub disabled: bool,
}

/// The 15 condition structures (shared inferred shape).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Condition {
    pub id: u64,
    /// ConditionType value (`Field`, `Date`, ...).
    pub condition_type: String,
}

/// Structure 'callback'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Callback {
    pub id: u64,
    pub url: String,
    /// `json` or `xml`.
    pub method: String,
    pub expression: Option<String>,
    pub api_disabled: bool,
    /// `all`, `create`, `update`, `delete` (None = all).
    pub actionfilter: Option<String>,
}

/// Structure 'import'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Import {
    pub id: u64,
}

/// Structure 'pdftemplate'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PdfTemplate {
    pub hashcode: String,
    /// base64 text of the PDF source.
    pub source: String,
    pub pagecount: i64,
    pub size: i64,
    pub id: u64,
    pub name: String,
    pub description: Option<String>,
    pub archived: bool,
    pub created: String,
    pub modified: String,
    pub language: String,
    pub timezone: String,
}

/// Structures 'webtemplate' and 'emailingtemplate' (same members).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HtmlTemplate {
    pub charset: String,
    pub html_escaping: String,
    pub smarty_version: i64,
    pub upgrade_smarty_version: i64,
    pub id: u64,
    pub name: String,
    pub description: Option<String>,
    pub archived: bool,
    pub created: String,
    pub modified: String,
    pub language: String,
    pub timezone: String,
}

/// Structures 'emailingdocumentfile' and 'webdocumentfile'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocumentFile {
    pub id: u64,
    pub mimetype: String,
    pub hashcode: String,
    /// base64 text of the file.
    pub data: String,
    pub name: String,
    pub size: i64,
}

/// Structure 'modifyaction'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ModifyAction {
    pub destination: String,
    pub fields: Pairs,
    pub condition: Option<String>,
}

/// The other follow-up action structures (contact, sms, remove, ...).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FollowUpAction {
    pub condition: Option<String>,
}

/// Structure 'user'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct User {
    pub id: u64,
    pub created: String,
    pub end: Option<String>,
    pub gender: String,
    pub name: String,
    pub description: Option<String>,
    pub email: String,
    pub phone: String,
    pub sms: String,
    pub fax: String,
    pub applicationadmin: bool,
    pub accountadmin: bool,
    pub styleadmin: bool,
    pub dummy: bool,
    pub apiaccess: bool,
    pub uiacess: bool,
    pub disabled: bool,
    pub active: bool,
}

/// Structure 'environmentstatistics'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EnvironmentStatistics {
    pub year: i64,
    pub month: i64,
    pub sentemail: i64,
    pub sentsms: i64,
    pub sentfax: i64,
    pub webpages: i64,
    pub apicalls: i64,
    pub litmustest: i64,
}

/// Structure 'emailingstatistics'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EmailingStatistics {
    pub delivered: i64,
    pub clickcount: i64,
    pub impression_count: i64,
    pub error_count: i64,
    pub abusecount: i64,
    pub unsubscribecount: i64,
    pub unknown_count: i64,
    pub ctr: i64,
    pub cto: i64,
    pub destinationcount: i64,
    pub firsttimestamp: Option<String>,
    pub lasttimestamp: Option<String>,
}

/// Structure 'smsstatistics'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SmsStatistics {
    pub error_count: i64,
    pub succes_count: i64,
    pub unknown_count: i64,
    pub destinationcount: i64,
    pub firsttimestamp: Option<String>,
    pub lasttimestamp: Option<String>,
}

/// Structure 'pdftemplateproperty'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PdfTemplateProperty {
    pub id: String,
    pub name: String,
    pub property_type: String,
    pub default_value: Option<String>,
}

/// Structure 'font'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Font {
    pub id: u64,
    pub name: String,
}

/// Structure 'litmusspamtestresult'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LitmusSpamTestResult {
    pub isspam: bool,
    pub spamscore: f64,
    pub id: u64,
    pub started: String,
    pub finished: Option<String>,
    pub completed: bool,
}

/// Structure 'emailingdocument'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EmailingDocument {
    pub convertedid: i64,
    pub headers: Option<String>,
    pub subject: String,
    pub fromaddress: String,
    pub fromaddressstatus: String,
    pub bccaddress: Option<String>,
    pub replytoaddress: Option<String>,
    pub textversion: Option<String>,
    pub useinlinestyles: String,
    pub temporary: bool,
    pub id: u64,
    pub name: String,
    pub description: Option<String>,
    pub archived: bool,
    pub created: String,
    pub modified: String,
}

/// Structure 'processedemailing'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProcessedEmailing {
    pub id: u64,
    pub timestamp: String,
    pub subject: String,
    pub documentname: String,
    pub contenttype: String,
    pub individual: bool,
    pub test: bool,
    pub embedded: bool,
    pub personalize: bool,
}

/// Structure 'scheduledemailing'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScheduledEmailing {
    pub id: u64,
    pub timestamp: String,
    pub subject: String,
    pub documentname: String,
    pub contenttype: String,
    pub individual: bool,
    pub test: bool,
    pub embedded: bool,
    pub personalize: bool,
    pub interval: String,
    pub nextstarttime: Option<String>,
    pub laststarttime: Option<String>,
    pub active: bool,
}

/// Structures 'processedsmsmailing' and 'scheduledsmsmailing'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SmsMailing {
    pub id: u64,
    pub timestamp: String,
}
