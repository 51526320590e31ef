//! Call results, mirroring the six result shapes of OBJECT_MODEL.md §6.

use super::entities::*;

/// One result, as the `Result` type of the WSDL.
// One result is built per call and moved once; boxing the large entities would only
// add noise at every construction site.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum MockResult {
    /// `<value>`: a scalar; booleans are `"1"` (true) and `""` (false).
    Value(String),
    /// `<array><item>…`.
    Array(Vec<String>),
    /// `<map><pair>…`.
    Map(Pairs),
    /// Paged collection: `start`, `length` (items returned), `total`, `allproperties`, `items`.
    Paged {
        start: usize,
        length: usize,
        total: usize,
        allproperties: bool,
        items: Items,
    },
    /// One entity element.
    Entity(Entity),
    /// Empty result (`false` in the PHP client).
    Empty,
}

impl MockResult {
    /// `"1"` / `""` as the PHP clients expect.
    pub fn bool(b: bool) -> Self {
        MockResult::Value(if b { "1" } else { "" }.to_owned())
    }

    /// The entity, if this is one.
    pub fn entity(&self) -> Option<&Entity> {
        match self {
            MockResult::Entity(e) => Some(e),
            _ => None,
        }
    }

    /// The items, if this is a paged collection.
    pub fn items(&self) -> Option<&Items> {
        match self {
            MockResult::Paged { items, .. } => Some(items),
            _ => None,
        }
    }
}

/// Members of a paged collection; the variant names the `items` child element.
#[derive(Clone, Debug, PartialEq)]
pub enum Items {
    Database(Vec<Database>),
    Collection(Vec<Collection>),
    Field(Vec<Field>),
    CollectionField(Vec<Field>),
    Profile(Vec<Profile>),
    SubProfile(Vec<SubProfile>),
    Interest(Vec<Interest>),
    View(Vec<View>),
    Miniview(Vec<Miniview>),
    Rule(Vec<Rule>),
    Callback(Vec<Callback>),
    Import(Vec<Import>),
    EmailingTemplate(Vec<HtmlTemplate>),
    EmailingDocument(Vec<EmailingDocument>),
    PdfTemplate(Vec<PdfTemplate>),
    ProcessedEmailing(Vec<ProcessedEmailing>),
    ScheduledEmailing(Vec<ScheduledEmailing>),
}

impl Items {
    /// Name of the repeated child element of `items`.
    pub fn element_name(&self) -> &'static str {
        match self {
            Items::Database(_) => "database",
            Items::Collection(_) => "collection",
            Items::Field(_) => "field",
            Items::CollectionField(_) => "collectionfield",
            Items::Profile(_) => "profile",
            Items::SubProfile(_) => "subprofile",
            Items::Interest(_) => "interest",
            Items::View(_) => "view",
            Items::Miniview(_) => "miniview",
            Items::Rule(_) => "rule",
            Items::Callback(_) => "callback",
            Items::Import(_) => "import",
            Items::EmailingTemplate(_) => "emailingtemplate",
            Items::EmailingDocument(_) => "emailingdocument",
            Items::PdfTemplate(_) => "pdftemplate",
            Items::ProcessedEmailing(_) => "processedemailing",
            Items::ScheduledEmailing(_) => "scheduledemailing",
        }
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        match self {
            Items::Database(v) => v.len(),
            Items::Collection(v) => v.len(),
            Items::Field(v) | Items::CollectionField(v) => v.len(),
            Items::Profile(v) => v.len(),
            Items::SubProfile(v) => v.len(),
            Items::Interest(v) => v.len(),
            Items::View(v) => v.len(),
            Items::Miniview(v) => v.len(),
            Items::Rule(v) => v.len(),
            Items::Callback(v) => v.len(),
            Items::Import(v) => v.len(),
            Items::EmailingTemplate(v) => v.len(),
            Items::EmailingDocument(v) => v.len(),
            Items::PdfTemplate(v) => v.len(),
            Items::ProcessedEmailing(v) => v.len(),
            Items::ScheduledEmailing(v) => v.len(),
        }
    }

    /// True when there are no members.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Follow-up action structures other than 'modifyaction'.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FollowUpKind {
    Contact,
    Sms,
    Remove,
    EmailDocument,
    Create,
    FaxDocument,
    SmsDocument,
}

impl FollowUpKind {
    /// Result element name (`contactaction`, ...).
    pub fn element_name(self) -> &'static str {
        match self {
            FollowUpKind::Contact => "contactaction",
            FollowUpKind::Sms => "smsaction",
            FollowUpKind::Remove => "removeaction",
            FollowUpKind::EmailDocument => "emaildocumentaction",
            FollowUpKind::Create => "createaction",
            FollowUpKind::FaxDocument => "faxdocumentaction",
            FollowUpKind::SmsDocument => "smsdocumentaction",
        }
    }
}

/// One entity result; the variant names the result element.
#[derive(Clone, Debug, PartialEq)]
pub enum Entity {
    Account(Account),
    Database(Database),
    Collection(Collection),
    Field(Field),
    CollectionField(Field),
    Profile(Profile),
    SubProfile(SubProfile),
    Interest(Interest),
    View(View),
    Miniview(Miniview),
    Rule(Rule),
    MiniRule(Rule),
    Callback(Callback),
    PdfTemplate(PdfTemplate),
    WebTemplate(HtmlTemplate),
    EmailingTemplate(HtmlTemplate),
    EmailingDocumentFile(DocumentFile),
    WebDocumentFile(DocumentFile),
    /// One of the 15 `*condition` elements, chosen by `condition_type`.
    Condition(Condition),
    ModifyAction(ModifyAction),
    FollowUpAction(FollowUpKind, FollowUpAction),
    User(User),
    EnvironmentStatistics(EnvironmentStatistics),
    EmailingStatistics(EmailingStatistics),
    SmsStatistics(SmsStatistics),
    PdfTemplateProperty(PdfTemplateProperty),
    Font(Font),
    LitmusSpamTestResult(LitmusSpamTestResult),
    EmailingDocument(EmailingDocument),
    ProcessedEmailing(ProcessedEmailing),
    ScheduledEmailing(ScheduledEmailing),
    ProcessedSmsMailing(SmsMailing),
    ScheduledSmsMailing(SmsMailing),
}

/// Result element of a condition type; `None` for `Logs`, which has no structure.
pub fn condition_element(condition_type: &str) -> Option<&'static str> {
    Some(match condition_type {
        "Change" => "changecondition",
        "Date" => "datecondition",
        "DoubleField" => "doublefieldcondition",
        "Email" => "emailcondition",
        "Fax" => "faxcondition",
        "Field" => "fieldcondition",
        "Interest" => "interestcondition",
        "LastContact" => "lastcontactcondition",
        "MiniView" => "miniviewcondition",
        "Sms" => "smscondition",
        "ToDo" => "todocondition",
        "Survey" => "surveycondition",
        "Part" => "partcondition",
        "ReferView" => "referviewcondition",
        "Export" => "exportcondition",
        _ => return None,
    })
}

impl Entity {
    /// Name of the `Result` child element that carries this entity.
    pub fn element_name(&self) -> &'static str {
        match self {
            Entity::Account(_) => "account",
            Entity::Database(_) => "database",
            Entity::Collection(_) => "collection",
            Entity::Field(_) => "field",
            Entity::CollectionField(_) => "collectionfield",
            Entity::Profile(_) => "profile",
            Entity::SubProfile(_) => "subprofile",
            Entity::Interest(_) => "interest",
            Entity::View(_) => "view",
            Entity::Miniview(_) => "miniview",
            Entity::Rule(_) => "rule",
            Entity::MiniRule(_) => "minirule",
            Entity::Callback(_) => "callback",
            Entity::PdfTemplate(_) => "pdftemplate",
            Entity::WebTemplate(_) => "webtemplate",
            Entity::EmailingTemplate(_) => "emailingtemplate",
            Entity::EmailingDocumentFile(_) => "emailingdocumentfile",
            Entity::WebDocumentFile(_) => "webdocumentfile",
            // Conditions are only built for types that have an element.
            Entity::Condition(c) => {
                condition_element(&c.condition_type).unwrap_or("fieldcondition")
            }
            Entity::ModifyAction(_) => "modifyaction",
            Entity::FollowUpAction(k, _) => k.element_name(),
            Entity::User(_) => "user",
            Entity::EnvironmentStatistics(_) => "environmentstatistics",
            Entity::EmailingStatistics(_) => "emailingstatistics",
            Entity::SmsStatistics(_) => "smsstatistics",
            Entity::PdfTemplateProperty(_) => "pdftemplateproperty",
            Entity::Font(_) => "font",
            Entity::LitmusSpamTestResult(_) => "litmusspamtestresult",
            Entity::EmailingDocument(_) => "emailingdocument",
            Entity::ProcessedEmailing(_) => "processedemailing",
            Entity::ScheduledEmailing(_) => "scheduledemailing",
            Entity::ProcessedSmsMailing(_) => "processedsmsmailing",
            Entity::ScheduledSmsMailing(_) => "scheduledsmsmailing",
        }
    }
}
