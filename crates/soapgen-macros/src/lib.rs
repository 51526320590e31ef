//! soapgen-macros: `include_wsdl!`.
