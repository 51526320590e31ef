//! XML form of parameters and results, for a SOAP layer that works on raw XML
//! instead of generated types (and for golden tests of one that does not).
//!
//! * [`params_from_xml`] / [`params_from_node`] read the `parameters` element of a
//!   request (or an operation wrapper holding it) into a [`Params`] bag: an element
//!   with element children becomes a struct, `xsi:nil="true"` becomes nil, any other
//!   element its text. Names are local names (the schema is unqualified).
//! * [`write_result`] writes the children of the `result` element (type `Result`)
//!   with the member order of the WSDL's structures. Absent nillable members are left
//!   out (all are `minOccurs="0"`); booleans are `true`/`false`.

use std::fmt::{Display, Write as _};

use super::entities::*;
use super::fault::MockFault;
use super::params::{Params, Value};
use super::result::{Entity, Items, MockResult};

/// Reads a request: `xml` holds either the `parameters` element or an element whose
/// only child is `parameters` (the rpc operation wrapper). Errors carry the position.
pub fn params_from_xml(xml: &str) -> Result<Params, MockFault> {
    let doc = roxmltree::Document::parse(xml)
        .map_err(|e| MockFault::invalid("parameters", format!("malformed XML: {e}")))?;
    Ok(params_from_node(doc.root_element()))
}

/// Reads a request from a parsed element (see [`params_from_xml`]).
pub fn params_from_node(node: roxmltree::Node<'_, '_>) -> Params {
    let children: Vec<_> = node.children().filter(|n| n.is_element()).collect();
    if let [only] = children.as_slice() {
        if only.tag_name().name() == "parameters" && node.tag_name().name() != "parameters" {
            return struct_of(*only);
        }
    }
    struct_of(node)
}

fn struct_of(node: roxmltree::Node<'_, '_>) -> Params {
    let mut p = Params::new();
    for child in node.children().filter(|n| n.is_element()) {
        p.push(child.tag_name().name(), value_of(child));
    }
    p
}

fn value_of(node: roxmltree::Node<'_, '_>) -> Value {
    let nil = node
        .attributes()
        .any(|a| a.name() == "nil" && matches!(a.value().trim(), "true" | "1"));
    if nil {
        return Value::Nil;
    }
    if node.children().any(|n| n.is_element()) {
        return Value::Struct(struct_of(node));
    }
    let text: String = node.children().filter_map(|n| n.text()).collect();
    Value::Scalar(text)
}

/// Writes `params` as an element named `root` (e.g. `parameters`): the inverse of
/// [`params_from_xml`], for clients and tests. Lists repeat their parent's name.
pub fn params_to_xml(root: &str, params: &Params) -> String {
    let mut s = String::new();
    let w = &mut Out { s: &mut s };
    write_value(w, root, &Value::Struct(params.clone()));
    s
}

fn write_value(w: &mut Out<'_>, name: &str, v: &Value) {
    match v {
        Value::Nil => {
            let _ = write!(
                w.s,
                "<{name} xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/>"
            );
        }
        Value::Scalar(text) => w.text(name, text),
        Value::Struct(p) => {
            w.open(name);
            for (k, child) in p.entries() {
                write_value(w, k, child);
            }
            w.close(name);
        }
        Value::List(items) => {
            for item in items {
                write_value(w, name, item);
            }
        }
    }
}

/// Appends the children of `<result>` for `result` to `out`.
pub fn write_result(result: &MockResult, out: &mut String) {
    let w = &mut Out { s: out };
    match result {
        MockResult::Value(v) => w.text("value", v),
        MockResult::Array(items) => {
            w.open("array");
            for i in items {
                w.text("item", i);
            }
            w.close("array");
        }
        MockResult::Map(pairs) => w.map("map", pairs),
        MockResult::Paged {
            start,
            length,
            total,
            allproperties,
            items,
        } => {
            w.num("start", start);
            w.num("length", length);
            w.num("total", total);
            if *allproperties {
                w.num("allproperties", 1);
            }
            w.open("items");
            write_items(w, items);
            w.close("items");
        }
        MockResult::Entity(e) => {
            let name = e.element_name();
            w.open(name);
            write_entity(w, e);
            w.close(name);
        }
        MockResult::Empty => {}
    }
}

/// The XML of `result` as a string (children of `<result>`).
pub fn result_to_xml(result: &MockResult) -> String {
    let mut s = String::new();
    write_result(result, &mut s);
    s
}

struct Out<'a> {
    s: &'a mut String,
}

impl Out<'_> {
    fn open(&mut self, name: &str) {
        self.s.push('<');
        self.s.push_str(name);
        self.s.push('>');
    }

    fn close(&mut self, name: &str) {
        self.s.push_str("</");
        self.s.push_str(name);
        self.s.push('>');
    }

    fn text(&mut self, name: &str, v: &str) {
        self.open(name);
        escape_into(self.s, v);
        self.close(name);
    }

    fn opt(&mut self, name: &str, v: Option<&str>) {
        if let Some(v) = v {
            self.text(name, v);
        }
    }

    fn num(&mut self, name: &str, v: impl Display) {
        self.open(name);
        // Writing into a String cannot fail.
        let _ = write!(self.s, "{v}");
        self.close(name);
    }

    fn boolean(&mut self, name: &str, v: bool) {
        self.text(name, if v { "true" } else { "false" });
    }

    fn map(&mut self, name: &str, pairs: &[(String, String)]) {
        self.open(name);
        for (k, v) in pairs {
            self.open("pair");
            self.text("key", k);
            self.text("value", v);
            self.close("pair");
        }
        self.close(name);
    }

    fn each<T>(&mut self, name: &str, items: &[T], f: fn(&mut Out<'_>, &T)) {
        for item in items {
            self.open(name);
            f(self, item);
            self.close(name);
        }
    }
}

/// Escapes text content; characters XML 1.0 cannot carry are dropped.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

fn write_items(w: &mut Out<'_>, items: &Items) {
    let name = items.element_name();
    match items {
        Items::Database(v) => w.each(name, v, write_database),
        Items::Collection(v) => w.each(name, v, write_collection),
        Items::Field(v) => w.each(name, v, write_field),
        Items::CollectionField(v) => w.each(name, v, write_collection_field),
        Items::Profile(v) => w.each(name, v, write_profile),
        Items::SubProfile(v) => w.each(name, v, write_sub_profile),
        Items::Interest(v) => w.each(name, v, write_interest),
        Items::View(v) => w.each(name, v, write_view),
        Items::Miniview(v) => w.each(name, v, write_miniview),
        Items::Rule(v) => w.each(name, v, write_rule),
        Items::Callback(v) => w.each(name, v, write_callback),
        Items::Import(v) => w.each(name, v, write_import),
        Items::EmailingTemplate(v) => w.each(name, v, write_web_template),
        Items::EmailingDocument(v) => w.each(name, v, write_emailing_document),
        Items::PdfTemplate(v) => w.each(name, v, write_pdf_template),
        Items::ProcessedEmailing(v) => w.each(name, v, write_processed_emailing),
        Items::ScheduledEmailing(v) => w.each(name, v, write_scheduled_emailing),
    }
}

fn write_entity(w: &mut Out<'_>, e: &Entity) {
    match e {
        Entity::Account(v) => write_account(w, v),
        Entity::Database(v) => write_database(w, v),
        Entity::Collection(v) => write_collection(w, v),
        Entity::Field(v) => write_field(w, v),
        Entity::CollectionField(v) => write_collection_field(w, v),
        Entity::Profile(v) => write_profile(w, v),
        Entity::SubProfile(v) => write_sub_profile(w, v),
        Entity::Interest(v) => write_interest(w, v),
        Entity::View(v) => write_view(w, v),
        Entity::Miniview(v) => write_miniview(w, v),
        Entity::Rule(v) | Entity::MiniRule(v) => write_rule(w, v),
        Entity::Callback(v) => write_callback(w, v),
        Entity::PdfTemplate(v) => write_pdf_template(w, v),
        // emailingtemplate has the same members as webtemplate.
        Entity::WebTemplate(v) | Entity::EmailingTemplate(v) => write_web_template(w, v),
        Entity::EmailingDocumentFile(v) | Entity::WebDocumentFile(v) => write_document_file(w, v),
        Entity::Condition(v) => write_condition(w, v),
        Entity::ModifyAction(v) => write_modify_action(w, v),
        Entity::FollowUpAction(_, v) => write_follow_up_action(w, v),
        Entity::User(v) => write_user(w, v),
        Entity::EnvironmentStatistics(v) => write_environment_statistics(w, v),
        Entity::EmailingStatistics(v) => write_emailing_statistics(w, v),
        Entity::SmsStatistics(v) => write_sms_statistics(w, v),
        Entity::PdfTemplateProperty(v) => write_pdf_template_property(w, v),
        Entity::Font(v) => write_font(w, v),
        Entity::LitmusSpamTestResult(v) => write_litmus_spam_test_result(w, v),
        Entity::EmailingDocument(v) => write_emailing_document(w, v),
        Entity::ProcessedEmailing(v) => write_processed_emailing(w, v),
        Entity::ScheduledEmailing(v) => write_scheduled_emailing(w, v),
        Entity::ProcessedSmsMailing(v) | Entity::ScheduledSmsMailing(v) => write_sms_mailing(w, v),
    }
}

// Member writers below follow the `xsd:sequence` order of each structure in
// fixtures/copernica/copernica-rpc.wsdl (generated from it, then checked by a test).

fn write_account(w: &mut Out<'_>, v: &Account) {
    w.text("name", &v.name);
    w.boolean("showpoweredby", v.showpoweredby);
    w.opt("description", v.description.as_deref());
    w.text("created", &v.created);
    w.opt("end", v.end.as_deref());
    w.boolean("active", v.active);
    w.boolean("main", v.main);
    w.boolean("unsecure", v.unsecure);
    w.opt("mailip", v.mailip.as_deref());
}

fn write_database(w: &mut Out<'_>, v: &Database) {
    w.num("id", v.id);
    w.text("name", &v.name);
    w.opt("description", v.description.as_deref());
    w.boolean("archived", v.archived);
    w.text("created", &v.created);
    w.text("unsubscribebehavior", &v.unsubscribebehavior);
    w.num("countprofiles", v.countprofiles);
    w.opt("lastbuilt", v.lastbuilt.as_deref());
}

fn write_collection(w: &mut Out<'_>, v: &Collection) {
    w.num("id", v.id);
    w.text("name", &v.name);
    w.num("weight", v.weight);
    w.text("created", &v.created);
    w.text("unsubscribebehavior", &v.unsubscribebehavior);
    w.num("countsubprofiles", v.countsubprofiles);
    w.opt("lastbuilt", v.lastbuilt.as_deref());
}

fn write_field(w: &mut Out<'_>, v: &Field) {
    w.num("id", v.id);
    w.text("name", &v.name);
    w.boolean("big", v.big);
    w.num("pixelwidth", v.pixelwidth);
    w.num("weight", v.weight);
    w.text("type", &v.field_type);
    w.opt("value", v.value.as_deref());
    w.opt("specialcontent", v.specialcontent.as_deref());
    w.boolean("ordered", v.ordered);
    w.boolean("displayed", v.displayed);
    w.boolean("indatatable", v.indatatable);
    w.num("length", v.length);
    w.num("lines", v.lines);
    w.boolean("hidden", v.hidden);
    w.boolean("index", v.index);
}

fn write_collection_field(w: &mut Out<'_>, v: &Field) {
    w.num("id", v.id);
    w.text("name", &v.name);
    w.num("weight", v.weight);
    w.boolean("displayed", v.displayed);
    w.boolean("indatatable", v.indatatable);
    w.text("type", &v.field_type);
    w.opt("value", v.value.as_deref());
    w.opt("specialcontent", v.specialcontent.as_deref());
    w.boolean("big", v.big);
    w.num("pixelwidth", v.pixelwidth);
    w.boolean("ordered", v.ordered);
    w.num("length", v.length);
    w.num("lines", v.lines);
    w.boolean("hidden", v.hidden);
    w.boolean("index", v.index);
}

fn write_profile(w: &mut Out<'_>, v: &Profile) {
    w.num("id", v.id);
    w.text("code", &v.code);
    w.opt("extra", v.extra.as_deref());
    w.text("created", &v.created);
    w.text("modified", &v.modified);
    w.opt("lastexport", v.lastexport.as_deref());
    if let Some(m) = &v.fields {
        w.map("fields", m);
    }
    if let Some(m) = &v.interests {
        w.map("interests", m);
    }
}

fn write_sub_profile(w: &mut Out<'_>, v: &SubProfile) {
    w.num("id", v.id);
    w.text("code", &v.code);
    w.text("created", &v.created);
    w.text("modified", &v.modified);
    w.opt("lastexport", v.lastexport.as_deref());
    if let Some(m) = &v.fields {
        w.map("fields", m);
    }
}

fn write_interest(w: &mut Out<'_>, v: &Interest) {
    w.num("id", v.id);
    w.text("name", &v.name);
    w.opt("group", v.group.as_deref());
}

fn write_view(w: &mut Out<'_>, v: &View) {
    w.num("id", v.id);
    w.text("name", &v.name);
    w.opt("description", v.description.as_deref());
    w.boolean("archived", v.archived);
    w.text("buildstatus", &v.buildstatus);
    w.num("countprofiles", v.countprofiles);
    w.opt("lastbuilt", v.lastbuilt.as_deref());
}

fn write_miniview(w: &mut Out<'_>, v: &Miniview) {
    w.num("id", v.id);
    w.text("name", &v.name);
    w.opt("description", v.description.as_deref());
    w.boolean("archived", v.archived);
    w.text("buildstatus", &v.buildstatus);
    w.num("countsubprofiles", v.countsubprofiles);
    w.opt("lastbuilt", v.lastbuilt.as_deref());
}

fn write_rule(w: &mut Out<'_>, v: &Rule) {
    w.num("id", v.id);
    w.text("name", &v.name);
    w.boolean("inversed", v.inversed);
    w.boolean("disabled", v.disabled);
}

fn write_condition(w: &mut Out<'_>, v: &Condition) {
    w.num("id", v.id);
    w.text("type", &v.condition_type);
}

fn write_callback(w: &mut Out<'_>, v: &Callback) {
    w.num("id", v.id);
    w.text("url", &v.url);
    w.text("method", &v.method);
    w.opt("expression", v.expression.as_deref());
    w.boolean("api_disabled", v.api_disabled);
    w.opt("actionfilter", v.actionfilter.as_deref());
}

fn write_import(w: &mut Out<'_>, v: &Import) {
    w.num("id", v.id);
}

fn write_pdf_template(w: &mut Out<'_>, v: &PdfTemplate) {
    w.text("hashcode", &v.hashcode);
    w.text("source", &v.source);
    w.num("pagecount", v.pagecount);
    w.num("size", v.size);
    w.num("id", v.id);
    w.text("name", &v.name);
    w.opt("description", v.description.as_deref());
    w.boolean("archived", v.archived);
    w.text("created", &v.created);
    w.text("modified", &v.modified);
    w.text("language", &v.language);
    w.text("timezone", &v.timezone);
}

fn write_web_template(w: &mut Out<'_>, v: &HtmlTemplate) {
    w.text("charset", &v.charset);
    w.text("htmlEscaping", &v.html_escaping);
    w.num("smartyVersion", v.smarty_version);
    w.num("upgradeSmartyVersion", v.upgrade_smarty_version);
    w.num("id", v.id);
    w.text("name", &v.name);
    w.opt("description", v.description.as_deref());
    w.boolean("archived", v.archived);
    w.text("created", &v.created);
    w.text("modified", &v.modified);
    w.text("language", &v.language);
    w.text("timezone", &v.timezone);
}

fn write_document_file(w: &mut Out<'_>, v: &DocumentFile) {
    w.num("id", v.id);
    w.text("mimetype", &v.mimetype);
    w.text("hashcode", &v.hashcode);
    w.text("data", &v.data);
    w.text("name", &v.name);
    w.num("size", v.size);
}

fn write_modify_action(w: &mut Out<'_>, v: &ModifyAction) {
    w.text("destination", &v.destination);
    w.map("fields", &v.fields);
    w.opt("condition", v.condition.as_deref());
}

fn write_follow_up_action(w: &mut Out<'_>, v: &FollowUpAction) {
    w.opt("condition", v.condition.as_deref());
}

fn write_user(w: &mut Out<'_>, v: &User) {
    w.num("id", v.id);
    w.text("created", &v.created);
    w.opt("end", v.end.as_deref());
    w.text("gender", &v.gender);
    w.text("name", &v.name);
    w.opt("description", v.description.as_deref());
    w.text("email", &v.email);
    w.text("phone", &v.phone);
    w.text("sms", &v.sms);
    w.text("fax", &v.fax);
    w.boolean("applicationadmin", v.applicationadmin);
    w.boolean("accountadmin", v.accountadmin);
    w.boolean("styleadmin", v.styleadmin);
    w.boolean("dummy", v.dummy);
    w.boolean("apiaccess", v.apiaccess);
    w.boolean("uiacess", v.uiacess);
    w.boolean("disabled", v.disabled);
    w.boolean("active", v.active);
}

fn write_environment_statistics(w: &mut Out<'_>, v: &EnvironmentStatistics) {
    w.num("year", v.year);
    w.num("month", v.month);
    w.num("sentemail", v.sentemail);
    w.num("sentsms", v.sentsms);
    w.num("sentfax", v.sentfax);
    w.num("webpages", v.webpages);
    w.num("apicalls", v.apicalls);
    w.num("litmustest", v.litmustest);
}

fn write_emailing_statistics(w: &mut Out<'_>, v: &EmailingStatistics) {
    w.num("delivered", v.delivered);
    w.num("clickcount", v.clickcount);
    w.num("impressionCount", v.impression_count);
    w.num("errorCount", v.error_count);
    w.num("abusecount", v.abusecount);
    w.num("unsubscribecount", v.unsubscribecount);
    w.num("unknownCount", v.unknown_count);
    w.num("ctr", v.ctr);
    w.num("cto", v.cto);
    w.num("destinationcount", v.destinationcount);
    w.opt("firsttimestamp", v.firsttimestamp.as_deref());
    w.opt("lasttimestamp", v.lasttimestamp.as_deref());
}

fn write_sms_statistics(w: &mut Out<'_>, v: &SmsStatistics) {
    w.num("errorCount", v.error_count);
    w.num("succesCount", v.succes_count);
    w.num("unknownCount", v.unknown_count);
    w.num("destinationcount", v.destinationcount);
    w.opt("firsttimestamp", v.firsttimestamp.as_deref());
    w.opt("lasttimestamp", v.lasttimestamp.as_deref());
}

fn write_pdf_template_property(w: &mut Out<'_>, v: &PdfTemplateProperty) {
    w.text("id", &v.id);
    w.text("name", &v.name);
    w.text("type", &v.property_type);
    w.opt("defaultValue", v.default_value.as_deref());
}

fn write_font(w: &mut Out<'_>, v: &Font) {
    w.num("id", v.id);
    w.text("name", &v.name);
}

fn write_litmus_spam_test_result(w: &mut Out<'_>, v: &LitmusSpamTestResult) {
    w.boolean("isspam", v.isspam);
    w.num("spamscore", v.spamscore);
    w.num("id", v.id);
    w.text("started", &v.started);
    w.opt("finished", v.finished.as_deref());
    w.boolean("completed", v.completed);
}

fn write_emailing_document(w: &mut Out<'_>, v: &EmailingDocument) {
    w.num("convertedid", v.convertedid);
    w.opt("headers", v.headers.as_deref());
    w.text("subject", &v.subject);
    w.text("fromaddress", &v.fromaddress);
    w.text("fromaddressstatus", &v.fromaddressstatus);
    w.opt("bccaddress", v.bccaddress.as_deref());
    w.opt("replytoaddress", v.replytoaddress.as_deref());
    w.opt("textversion", v.textversion.as_deref());
    w.text("useinlinestyles", &v.useinlinestyles);
    w.boolean("temporary", v.temporary);
    w.num("id", v.id);
    w.text("name", &v.name);
    w.opt("description", v.description.as_deref());
    w.boolean("archived", v.archived);
    w.text("created", &v.created);
    w.text("modified", &v.modified);
}

fn write_processed_emailing(w: &mut Out<'_>, v: &ProcessedEmailing) {
    w.num("id", v.id);
    w.text("timestamp", &v.timestamp);
    w.text("subject", &v.subject);
    w.text("documentname", &v.documentname);
    w.text("contenttype", &v.contenttype);
    w.boolean("individual", v.individual);
    w.boolean("test", v.test);
    w.boolean("embedded", v.embedded);
    w.boolean("personalize", v.personalize);
}

fn write_scheduled_emailing(w: &mut Out<'_>, v: &ScheduledEmailing) {
    w.num("id", v.id);
    w.text("timestamp", &v.timestamp);
    w.text("subject", &v.subject);
    w.text("documentname", &v.documentname);
    w.text("contenttype", &v.contenttype);
    w.boolean("individual", v.individual);
    w.boolean("test", v.test);
    w.boolean("embedded", v.embedded);
    w.boolean("personalize", v.personalize);
    w.text("interval", &v.interval);
    w.opt("nextstarttime", v.nextstarttime.as_deref());
    w.opt("laststarttime", v.laststarttime.as_deref());
    w.boolean("active", v.active);
}

fn write_sms_mailing(w: &mut Out<'_>, v: &SmsMailing) {
    w.num("id", v.id);
    w.text("timestamp", &v.timestamp);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rpc_wrapper_nil_and_repeats() {
        let xml = r#"<ns:Database_searchProfiles xmlns:ns="https://soap.copernica.com/"
              xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            <parameters>
              <id>7</id>
              <requirements>
                <requirement><fieldname>city</fieldname><value xsi:nil="true"/></requirement>
                <requirement><fieldname>age</fieldname><value>3 &amp; 4</value></requirement>
              </requirements>
              <access_token>t</access_token>
            </parameters>
          </ns:Database_searchProfiles>"#;
        let p = params_from_xml(xml).unwrap();
        assert_eq!(p.str("id"), Some("7"));
        assert_eq!(p.str("access_token"), Some("t"));
        let reqs = p.get("requirements").and_then(Value::as_struct).unwrap();
        let all: Vec<_> = reqs.get_all("requirement").collect();
        assert_eq!(all.len(), 2);
        let first = all[0].as_struct().unwrap();
        assert_eq!(first.get("value"), Some(&Value::Nil));
        assert_eq!(all[1].as_struct().unwrap().str("value"), Some("3 & 4"));
    }

    #[test]
    fn malformed_xml_is_a_fault_with_position() {
        let err = params_from_xml("<parameters><id>1</parameters>").unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("malformed XML") && text.contains("1:"),
            "{text}"
        );
    }

    #[test]
    fn writes_escaped_values_and_round_trips_params() {
        let r = MockResult::Map(vec![("a<b".into(), "x & \u{1}y".into())]);
        assert_eq!(
            result_to_xml(&r),
            "<map><pair><key>a&lt;b</key><value>x &amp; y</value></pair></map>"
        );
        assert_eq!(result_to_xml(&MockResult::bool(true)), "<value>1</value>");
        assert_eq!(result_to_xml(&MockResult::Empty), "");
        let p = Params::new()
            .with("id", 3u64)
            .with("fields", Value::map([("k", "v")]))
            .with("gone", Value::Nil);
        let xml = params_to_xml("parameters", &p);
        assert_eq!(params_from_xml(&xml).unwrap(), p);
    }
}
