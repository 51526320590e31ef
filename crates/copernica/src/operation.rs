//! [`Operation`]: one impl per input type of the 104 Copernica operations, so that
//! [`crate::Copernica::call`] can send any of them with authentication and the
//! re-login retry. The list mirrors the generated client's methods.

use soapgen_runtime::ops::OpError;
use soapgen_runtime::transport::{BoxFuture, Transport};

use crate::generated::client::PomPortClient;
use crate::generated::operations::ApiFault;
use crate::generated::soap_copernica_com as model;

/// The generated client the object model sends through.
pub type RawClient = PomPortClient<std::sync::Arc<dyn Transport>>;

/// A Copernica operation's input (`input_<Method>`), sendable through
/// [`crate::Copernica::call`].
pub trait Operation: Clone + Send + Sync + 'static {
    /// The SOAP operation name, e.g. `Database_searchProfiles`.
    const NAME: &'static str;
    /// Sets the `access_token` parameter (no-op for `login`, which has none).
    fn set_access_token(&mut self, token: Option<String>);
    /// Sends the input through the generated client's method.
    fn send(self, client: &RawClient) -> BoxFuture<'_, Result<model::Result, OpError<ApiFault>>>;
}

impl Operation for model::InputLogin {
    const NAME: &'static str = "login";
    fn set_access_token(&mut self, _token: Option<String>) {}
    fn send(self, client: &RawClient) -> BoxFuture<'_, Result<model::Result, OpError<ApiFault>>> {
        Box::pin(client.login(self))
    }
}

macro_rules! operations {
    ($($input:ident => $method:ident, $name:literal;)*) => {
        $(impl Operation for model::$input {
            const NAME: &'static str = $name;
            fn set_access_token(&mut self, token: Option<String>) {
                self.access_token = token;
            }
            fn send(self, client: &RawClient) -> BoxFuture<'_, Result<model::Result, OpError<ApiFault>>> {
                Box::pin(client.$method(self))
            }
        })*

        /// The names of all operations, in WSDL order.
        pub const OPERATION_NAMES: &[&str] = &["login", $($name),*];
    };
}

operations! {
    InputAccountDatabase => account_database, "Account_database";
    InputAccountDatabases => account_databases, "Account_databases";
    InputAccountCreateDatabase => account_create_database, "Account_createDatabase";
    InputDatabaseRetrieve => database_retrieve, "Database_retrieve";
    InputDatabaseUpdate => database_update, "Database_update";
    InputDatabaseRemove => database_remove, "Database_remove";
    InputDatabaseCopy => database_copy, "Database_copy";
    InputDatabaseCollection => database_collection, "Database_collection";
    InputDatabaseCollections => database_collections, "Database_collections";
    InputDatabaseCreateCollection => database_create_collection, "Database_createCollection";
    InputDatabaseField => database_field, "Database_field";
    InputDatabaseFields => database_fields, "Database_fields";
    InputDatabaseCreateField => database_create_field, "Database_createField";
    InputDatabaseCreateProfile => database_create_profile, "Database_createProfile";
    InputDatabaseSearchProfiles => database_search_profiles, "Database_searchProfiles";
    InputDatabaseUpdateProfiles => database_update_profiles, "Database_updateProfiles";
    InputDatabaseRemoveProfiles => database_remove_profiles, "Database_removeProfiles";
    InputDatabaseImports => database_imports, "Database_imports";
    InputDatabaseUnsubscribeValues => database_unsubscribe_values, "Database_unsubscribeValues";
    InputDatabaseSetUnsubscribeValues => database_set_unsubscribe_values, "Database_setUnsubscribeValues";
    InputDatabaseCallbacks => database_callbacks, "Database_callbacks";
    InputDatabaseCallback => database_callback, "Database_callback";
    InputDatabaseCreateCallback => database_create_callback, "Database_createCallback";
    InputCollectionRetrieve => collection_retrieve, "Collection_retrieve";
    InputCollectionUpdate => collection_update, "Collection_update";
    InputCollectionRemove => collection_remove, "Collection_remove";
    InputCollectionField => collection_field, "Collection_field";
    InputCollectionFields => collection_fields, "Collection_fields";
    InputCollectionCreateField => collection_create_field, "Collection_createField";
    InputCollectionSubProfile => collection_sub_profile, "Collection_subProfile";
    InputCollectionSearchSubProfiles => collection_search_sub_profiles, "Collection_searchSubProfiles";
    InputCollectionRemoveSubProfiles => collection_remove_sub_profiles, "Collection_removeSubProfiles";
    InputCollectionUnsubscribe => collection_unsubscribe, "Collection_unsubscribe";
    InputCollectionCreateCallback => collection_create_callback, "Collection_createCallback";
    InputFieldUpdate => field_update, "Field_update";
    InputCollectionFieldUpdate => collection_field_update, "CollectionField_update";
    InputProfileRetrieve => profile_retrieve, "Profile_retrieve";
    InputProfileUpdateFields => profile_update_fields, "Profile_updateFields";
    InputProfileRemove => profile_remove, "Profile_remove";
    InputProfileMove => profile_move, "Profile_move";
    InputProfileCreateSubProfile => profile_create_sub_profile, "Profile_createSubProfile";
    InputProfileSearchSubProfiles => profile_search_sub_profiles, "Profile_searchSubProfiles";
    InputProfileUpdateSubProfiles => profile_update_sub_profiles, "Profile_updateSubProfiles";
    InputProfileFields => profile_fields, "Profile_fields";
    InputSubProfileRetrieve => sub_profile_retrieve, "SubProfile_retrieve";
    InputSubProfileUpdate => sub_profile_update, "SubProfile_update";
    InputSubProfileUpdateFields => sub_profile_update_fields, "SubProfile_updateFields";
    InputSubProfileRemove => sub_profile_remove, "SubProfile_remove";
    InputSubProfileMoveToProfile => sub_profile_move_to_profile, "SubProfile_moveToProfile";
    InputViewRetrieve => view_retrieve, "View_retrieve";
    InputViewUpdate => view_update, "View_update";
    InputViewDatabase => view_database, "View_database";
    InputViewCopy => view_copy, "View_copy";
    InputViewUpdateProfiles => view_update_profiles, "View_updateProfiles";
    InputRuleCreateCondition => rule_create_condition, "Rule_createCondition";
    InputWebDocumentTemplate => web_document_template, "WebDocument_template";
    InputWebDocumentCreateFile => web_document_create_file, "WebDocument_createFile";
    InputSmsDocumentAccount => sms_document_account, "SmsDocument_account";
    InputDocumentFollowUpAction => document_follow_up_action, "DocumentFollowUp_action";
    InputEmailingDestinationRegisterUnsubscribe => emailing_destination_register_unsubscribe, "EmailingDestination_registerUnsubscribe";
    InputWebSessionProfile => web_session_profile, "WebSession_profile";
    InputWebSessionSubProfile => web_session_sub_profile, "WebSession_subProfile";
    InputWebSessionLoggedOn => web_session_logged_on, "WebSession_loggedOn";
    InputAccountRetrieve => account_retrieve, "Account_retrieve";
    InputAccountPdfTemplate => account_pdf_template, "Account_pdfTemplate";
    InputAccountUser => account_user, "Account_user";
    InputAccountStats => account_stats, "Account_stats";
    InputAccountEmailingStatistics => account_emailing_statistics, "Account_emailingStatistics";
    InputAccountSmsStatistics => account_sms_statistics, "Account_smsStatistics";
    InputAccountSendEmail => account_send_email, "Account_sendEmail";
    InputAccountSendSms => account_send_sms, "Account_sendSms";
    InputAccountCreateFont => account_create_font, "Account_createFont";
    InputAccountCreateEmailing => account_create_emailing, "Account_createEmailing";
    InputAccountScheduledEmailings => account_scheduled_emailings, "Account_scheduledEmailings";
    InputPdfTemplateAccount => pdf_template_account, "PdfTemplate_account";
    InputPdfTemplateProperty => pdf_template_property, "PdfTemplate_property";
    InputWebTemplateAccount => web_template_account, "WebTemplate_account";
    InputEmailingDocumentCreateEmailing => emailing_document_create_emailing, "EmailingDocument_createEmailing";
    InputSmsDocumentCreateSmsMailing => sms_document_create_sms_mailing, "SmsDocument_createSmsMailing";
    InputEmailingDocumentLitmusTestSpamResult => emailing_document_litmus_test_spam_result, "EmailingDocumentLitmusTest_spamResult";
    InputRuleCopy => rule_copy, "Rule_copy";
    InputMiniRuleCopy => mini_rule_copy, "MiniRule_copy";
    InputMiniViewUpdateSubProfiles => mini_view_update_sub_profiles, "MiniView_updateSubProfiles";
    InputUserSendSms => user_send_sms, "User_sendSms";
    InputWebSiteAccount => web_site_account, "WebSite_account";
    InputProcessedEmailingCreateAccessKey => processed_emailing_create_access_key, "ProcessedEmailing_createAccessKey";
    InputEmailingTemplateDocuments => emailing_template_documents, "EmailingTemplate_documents";
    InputEmailingTemplateRetrieve => emailing_template_retrieve, "EmailingTemplate_retrieve";
    InputEmailingTemplateAccount => emailing_template_account, "EmailingTemplate_account";
    InputEmailingDocumentRetrieve => emailing_document_retrieve, "EmailingDocument_retrieve";
    InputEmailingDocumentTemplate => emailing_document_template, "EmailingDocument_template";
    InputAccountEmailingTemplates => account_emailing_templates, "Account_emailingTemplates";
    InputAccountEmailingTemplate => account_emailing_template, "Account_emailingTemplate";
    InputAccountEmailingDocuments => account_emailing_documents, "Account_emailingDocuments";
    InputAccountEmailingDocument => account_emailing_document, "Account_emailingDocument";
    InputAccountPdfTemplates => account_pdf_templates, "Account_pdfTemplates";
    InputAccountProcessedEmailings => account_processed_emailings, "Account_processedEmailings";
    InputProcessedEmailingStatistics => processed_emailing_statistics, "ProcessedEmailing_statistics";
    InputDatabaseInterests => database_interests, "Database_interests";
    InputDatabaseViews => database_views, "Database_views";
    InputViewViews => view_views, "View_views";
    InputViewRules => view_rules, "View_rules";
    InputCollectionMiniViews => collection_mini_views, "Collection_miniViews";
}
